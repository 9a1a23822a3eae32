/**
 * The evaluation room: indicator systems as data, scoring a site against one, spot-check batches,
 * their circulars, rectification tasks and accountability interviews, and one-off evaluations of any URL.
 */
export { evaluateUrl, type EvaluateUrlInput, type EvaluateUrlResult } from './commands/evaluate-url.ts';
export { createBatch, getBatch, listBatches, recordManualResult, runBatch } from './commands/batches.ts';
export { spotCheckNotice } from './commands/notice.ts';
export {
  decideDismissal,
  escalateOverdue,
  getTask,
  issueTasks,
  listTasks,
  recheckTask,
  reportFix,
  requestDismissal,
  verifyTask,
} from './commands/rectification.ts';
export { interviewCandidates, listInterviews, recordInterview } from './commands/interviews.ts';
export { supervisionDashboard } from './commands/dashboard.ts';
export { getSystem, listSystems, saveLocalSystem, usableSystem } from './commands/systems.ts';
export {
  remindWebsiteReports,
  saveWebsiteReport,
  submitWebsiteReport,
  websiteReport,
  websiteReportStatuses,
  websiteReportXlsx,
} from './commands/website-report.ts';
export { evaluationJobs, runBatchJob } from './evaluation.jobs.ts';
export { evaluationRoutes } from './evaluation.routes.ts';
export { indicatorLabel, systemProblems } from './rules/indicator-system.ts';
export { scoreSite, type ScoreContext } from './rules/score.ts';
export { BUILT_IN_SYSTEMS, builtInSystem, CENSUS_2015, DEFAULT_SYSTEM_KEY, NATIONAL_2019 } from './rules/systems/index.ts';
