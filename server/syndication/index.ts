/** The syndication room (统一信息资源库): articles of one site shown in columns of others, never copied. */
export { offerToSubscribers, pushArticle, takeEntry, declineEntry, removeEntry } from './commands/entries.ts';
export { createSubscription, removeSubscription, listSubscriptions, syndicationColumns } from './commands/subscriptions.ts';
export { listEntries, articleSyndications } from './commands/queries.ts';
export { moveSiteSyndication } from './commands/site-merge.ts';
export { syndicationRoutes } from './syndication.routes.ts';
