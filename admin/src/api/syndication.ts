/** The 信息共享 (统一信息资源库) endpoints: a receiving site's subscriptions and its offers. */
import type {
  ColumnSubscription,
  CreateSubscriptionInput,
  PushArticleInput,
  SyndicationEntry,
  SyndicationState,
} from '../../../common/schemas/syndication.ts';
import { api } from './client.ts';

export type { ColumnSubscription, CreateSubscriptionInput, PushArticleInput, SyndicationEntry, SyndicationState };

export interface SyndicationSiteColumns {
  siteId: string;
  siteName: string;
  columns: { id: string; name: string; parentId: string | null }[];
}

const opts = (signal?: AbortSignal) => (signal ? { signal } : undefined);

export function fetchSyndicationColumns(signal?: AbortSignal): Promise<SyndicationSiteColumns[]> {
  return api.get('/api/syndication/columns', opts(signal));
}

export function fetchSubscriptions(siteId: string, signal?: AbortSignal): Promise<ColumnSubscription[]> {
  return api.get(`/api/syndication/subscriptions?siteId=${encodeURIComponent(siteId)}`, opts(signal));
}

export function createSubscription(body: CreateSubscriptionInput): Promise<ColumnSubscription> {
  return api.post('/api/syndication/subscriptions', body);
}

export function removeSubscription(id: string): Promise<void> {
  return api.delete(`/api/syndication/subscriptions/${encodeURIComponent(id)}`);
}

export function fetchSyndicationEntries(siteId: string, state: SyndicationState | '', signal?: AbortSignal): Promise<SyndicationEntry[]> {
  const q = state ? `&state=${state}` : '';
  return api.get(`/api/syndication/entries?siteId=${encodeURIComponent(siteId)}${q}`, opts(signal));
}

export function takeEntry(id: string, version: number): Promise<SyndicationEntry> {
  return api.post(`/api/syndication/entries/${encodeURIComponent(id)}/take`, { version });
}

export function declineEntry(id: string, version: number): Promise<SyndicationEntry> {
  return api.post(`/api/syndication/entries/${encodeURIComponent(id)}/decline`, { version });
}

/** Takes a taken article out of the receiving site's column again. */
export function removeEntry(id: string, version: number): Promise<SyndicationEntry> {
  return api.post(`/api/syndication/entries/${encodeURIComponent(id)}/remove`, { version });
}

export function pushArticle(body: PushArticleInput): Promise<SyndicationEntry> {
  return api.post('/api/syndication/pushes', body);
}

export function fetchArticleSyndications(articleId: string, signal?: AbortSignal): Promise<SyndicationEntry[]> {
  return api.get(`/api/articles/${encodeURIComponent(articleId)}/syndications`, opts(signal));
}
