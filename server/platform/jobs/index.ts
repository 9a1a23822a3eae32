/**
 * The jobs module's door: background jobs in the database (enqueue inside a command's
 * transaction, run by workers with retries), the schedules, and the health check the admin shows.
 */
export { defineJob, jobActor, JobRegistry, DEFAULT_MAX_ATTEMPTS } from './job-definition.ts';
export type { JobContext, JobDefinition, JobSpec } from './job-definition.ts';
export { enqueueJob, jobStats, listJobs, notifyJobsEnqueued, onJobsEnqueued, pruneFinishedJobs, JOB_STATUSES } from './queue.ts';
export type { EnqueueOptions, JobStats, JobStatus } from './queue.ts';
export { backoffMs, MAX_ERROR_LENGTH } from './outcome.ts';
export {
  CHECK_REDIRECTS_JOB,
  enqueueArticlePublish,
  enqueueColumnListsRefresh,
  enqueueRedirectsRebuild,
  enqueueServicesPublish,
  enqueueSitePublish,
  sitePublishKey,
  PUBLISH_ARTICLE_JOB,
  PUBLISH_COLUMN_LISTS_JOB,
  PUBLISH_REDIRECTS_JOB,
  PUBLISH_SERVICES_JOB,
  PUBLISH_SITE_JOB,
} from './public-changes.ts';
export { startWorker, drainJobs, defaultWorkerId } from './worker.ts';
export type { WorkerHandle, WorkerOptions } from './worker.ts';
export {
  SCHEDULES,
  SCHEDULE_TIMEZONE,
  PLATFORM_JOBS,
  fireDueSchedules,
  latestSlot,
  platformHeartbeatJob,
  validateSchedules,
} from './schedule.ts';
export type { FiredRun, ScheduleDefinition } from './schedule.ts';
export { schedulerHealth, HEARTBEAT_FRESH_MS, SCHEDULE_GRACE_MS } from './health.ts';
export type { SchedulerHealth, WorkerInfo } from './health.ts';
