/**
 * The guides room (办事服务): service items per org with their guides (办事指南), the required
 * elements and the national veto rule 服务不实用, publication by a second person, import and
 * export, link checks, the review to-do list, the supervision view and the report figures.
 *   const item = await createServiceItem(deps, officer, siteId, { orgId, name, code, audiences: ['person'], … });
 *   await publishServiceItems(deps, reviewer, siteId, { ids: [item.id] });
 */
export {
  createServiceItem,
  deleteServiceItem,
  getServiceItem,
  listServiceItems,
  markServiceItemReviewed,
  publishServiceItems,
  reviewDueItems,
  servicePagePath,
  updateServiceItem,
  withdrawServiceItem,
} from './commands/items.ts';
export {
  publishedServiceCatalogue,
  type PublishedServiceCatalogue,
  type PublishedServiceFile,
  type PublishedServiceItem,
} from './commands/catalogue.ts';
export { exportServiceItems, importServiceItems, serviceItemTemplate } from './commands/import-export.ts';
export { checkServiceLinks } from './commands/link-checks.ts';
export { guidesOversight, serviceStatistics } from './commands/oversight.ts';
export { getGuideSettings, saveGuideSettings } from './commands/settings.ts';
export { moveSiteServiceItems } from './commands/site-merge.ts';
export { guidesJobs } from './guides.jobs.ts';
export { guidesRoutes } from './guides.routes.ts';
