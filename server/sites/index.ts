/** The sites room: the site registry with identity and hierarchy, and each site's columns. */
export { createSite, updateSite, getSite, listSites, findSiteId, presentSite, type Site } from './commands/sites.ts';
export { createColumn, updateColumn, closeColumn, listColumns, findColumn, presentColumn, type Column } from './commands/columns.ts';
export { siteColumns } from './commands/site-columns.ts';
export { freshnessDays, siteProblems, isCountyDepartment } from './rules/site-rules.ts';
export { takeLifecycleStep, getLifecycle, consolidationView, consolidationFindings, finishDueClosures } from './commands/lifecycle.ts';
export { LIFECYCLE, stepRefusals } from './rules/lifecycle.ts';
export type { ConsolidationProblem } from './rules/consolidation.ts';
export { sitesJobs, FINISH_CLOSURES_JOB } from './sites.jobs.ts';
export { sitesRoutes } from './sites.routes.ts';
