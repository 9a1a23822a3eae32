/** The demo city (示例市): fictional, clearly marked data for trying the platform. */
export { seedDemo, demoExists, DEMO_MARK, type DemoSummary, type DemoAccount } from './seed-demo.ts';
