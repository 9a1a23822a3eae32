/** The legacy import endpoints (网站迁移): importing an old site's pages into a hosted site. */
import type { CreateImportInput, ImportPagesView, ImportSummaryView, ImportView, PageOutcome } from '../../../common/schemas/migration.ts';
import { api } from './client.ts';

export type { ImportPagesView, ImportSummaryView, ImportView };

const withSignal = (signal: AbortSignal | undefined) => (signal ? { signal } : {});
const importPath = (id: string) => `/api/migration/imports/${encodeURIComponent(id)}`;

export const fetchImports = (signal?: AbortSignal): Promise<ImportSummaryView[]> => api.get('/api/migration/imports', withSignal(signal));
export const fetchImport = (id: string, signal?: AbortSignal): Promise<ImportView> => api.get(importPath(id), withSignal(signal));
export const createImport = (body: CreateImportInput): Promise<ImportView> => api.post('/api/migration/imports', body);
/** Confirms which target column each legacy column goes to (null: left out), at the version seen. */
export const confirmMapping = (id: string, version: number, mapping: Record<string, string | null>): Promise<ImportView> =>
  api.put(`${importPath(id)}/mapping`, { version, mapping });
export const startImport = (id: string, version: number): Promise<ImportView> => api.post(`${importPath(id)}/start`, { version });
export const cancelImport = (id: string): Promise<ImportView> => api.post(`${importPath(id)}/cancel`, {});
export const fetchImportPages = (
  id: string,
  filter: { outcome?: PageOutcome | undefined; offset?: number; limit?: number },
  signal?: AbortSignal,
): Promise<ImportPagesView> => api.get(`${importPath(id)}/pages`, { query: { ...filter }, ...withSignal(signal) });
export const importReportUrl = (id: string): string => `${importPath(id)}/report.xlsx`;
