/** The publishing room's door: public sites — serving the published files (serve/). */
export * from './serve/index.ts';
