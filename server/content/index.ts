/** The content room: articles, revisions, the three-stage review, checks and deadlines. */
export { createArticle, updateArticle, type SavedArticle } from './commands/articles.ts';
export {
  submitArticle,
  approveArticle,
  rejectArticle,
  withdrawArticle,
  publishArticle,
  publishScheduledArticle,
  emergencyPublishArticle,
  retractArticle,
  type WorkflowResult,
} from './commands/review.ts';
export {
  getArticle,
  listArticles,
  listRevisions,
  compareRevisions,
  reviewQueue,
  deadlineBoard,
  emergencyAwaitingReview,
  type ArticleSummary,
} from './commands/queries.ts';
export { setSiteStages, loadStages } from './commands/workflow-config.ts';
export { columnPublications, type ColumnPublications } from './commands/live-articles.ts';
export { addDictionaryEntry, removeDictionaryEntry, listDictionary } from './commands/dictionaries.ts';
export { storeFile } from './commands/files.ts';
export { importArticle, type ImportedArticle } from './commands/import-article.ts';
export { moveSiteArticles } from './commands/site-merge.ts';
export { wordingCheckerFor } from './commands/checks.ts';
export type { WordingProblem } from './checks/index.ts';
export { DEFAULT_STAGES, stageConfigProblems, actionProblems, type WorkflowStage } from './rules/workflow.ts';
export { computeDeadline, deadlineState } from './rules/deadlines.ts';
export { contentRoutes } from './content.routes.ts';
export { contentJobs } from './content.jobs.ts';
