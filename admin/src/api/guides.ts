/**
 * The 办事服务 endpoints of the office: the guide policy, a site's service items (list, one item,
 * create, change, publish, withdraw, delete a draft, mark reviewed), the files of their
 * materials, import and export, link checks, the review to-do list and the supervision view.
 */
import type {
  LinkCheckSummary,
  GuideSiteOversight,
  ImportReport,
  PublishResult,
  SaveServiceItemInput,
  ServiceItemList,
  ServiceItemSummary,
  ServiceItemView,
  ServiceStatistics,
} from '../../../common/schemas/guides.ts';
import type { GuideSettings } from '../../../common/service-items.ts';
import { api } from './client.ts';
import type { UploadedFile } from '../../../common/schemas/content.ts';
import { postMultipart } from './upload.ts';

export type {
  GuideSettings,
  GuideSiteOversight,
  ImportReport,
  PublishResult,
  SaveServiceItemInput,
  ServiceItemList,
  ServiceItemSummary,
  ServiceItemView,
  ServiceStatistics,
  UploadedFile,
};

/** The list filter: `changed` is 有未发布的修改 (a published item with saved changes). */
export type ServiceItemStateFilter = 'draft' | 'published' | 'withdrawn' | 'changed';

export interface ServiceItemFilter {
  state?: ServiceItemStateFilter | undefined;
  /** true: items lacking required elements; false: complete ones. */
  incomplete?: boolean | undefined;
  orgId?: string | undefined;
  q?: string | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}

const withSignal = (signal: AbortSignal | undefined) => (signal ? { signal } : {});
const itemPath = (id: string) => `/api/guides/items/${encodeURIComponent(id)}`;
const siteQuery = (siteId: string) => new URLSearchParams({ siteId }).toString();

export function fetchGuideSettings(signal?: AbortSignal): Promise<GuideSettings> {
  return api.get('/api/guides/settings', withSignal(signal));
}

/** Supervisors (evaluation.manage): the required elements and the review interval. */
export function saveGuideSettings(body: GuideSettings): Promise<GuideSettings> {
  return api.put('/api/guides/settings', body);
}

export function fetchServiceItems(siteId: string, filter: ServiceItemFilter = {}, signal?: AbortSignal): Promise<ServiceItemList> {
  const query = {
    siteId,
    state: filter.state || undefined,
    incomplete: filter.incomplete === undefined ? undefined : String(filter.incomplete),
    orgId: filter.orgId || undefined,
    q: filter.q?.trim() || undefined,
    page: filter.page,
    pageSize: filter.pageSize,
  };
  return api.get('/api/guides/items', { query, ...withSignal(signal) });
}

export function fetchServiceItem(id: string, signal?: AbortSignal): Promise<ServiceItemView> {
  return api.get(itemPath(id), withSignal(signal));
}

/** A new item of the site, saved as a draft. */
export function createServiceItem(siteId: string, body: SaveServiceItemInput): Promise<ServiceItemView> {
  return api.post('/api/guides/items', body, { query: { siteId } });
}

/** Saves a changed guide (`version` in the body: the one the editor started from). */
export function updateServiceItem(id: string, body: SaveServiceItemInput): Promise<ServiceItemView> {
  return api.put(itemPath(id), body);
}

/** Deletes an item that was never published. */
export function deleteServiceItem(id: string): Promise<void> {
  return api.delete(itemPath(id));
}

export function withdrawServiceItem(id: string, version: number): Promise<ServiceItemView> {
  return api.post(`${itemPath(id)}/withdraw`, { version });
}

/** Records that the guide was checked and is still right (no change needed). */
export function markServiceItemReviewed(id: string, version: number): Promise<ServiceItemView> {
  return api.post(`${itemPath(id)}/reviewed`, { version });
}

/** Publishes each item on its own merit: the refused ones come back with the reason. */
export function publishServiceItems(siteId: string, ids: readonly string[]): Promise<PublishResult> {
  return api.post('/api/guides/publish', { ids }, { query: { siteId } });
}

export async function fetchReviewDueItems(siteId: string, signal?: AbortSignal): Promise<ServiceItemSummary[]> {
  return (await api.get<{ items: ServiceItemSummary[] }>('/api/guides/review-due', { query: { siteId }, ...withSignal(signal) })).items;
}

/** Checks the online-handling addresses and form downloads of the site's items now. */
export function checkServiceLinks(siteId: string): Promise<LinkCheckSummary> {
  return api.post('/api/guides/link-check', {}, { query: { siteId } });
}

/** A blank form or a sample of a material. */
export function uploadGuideFile(siteId: string, file: File, csrfToken: string | null): Promise<UploadedFile> {
  const form = new FormData();
  form.append('file', file);
  return postMultipart<UploadedFile>(`/api/guides/files?${siteQuery(siteId)}`, form, csrfToken);
}

/** Imports an XLSX or CSV file; `orgId` is the department of rows that name none. */
export function importServiceItems(siteId: string, file: File, orgId: string, csrfToken: string | null): Promise<ImportReport> {
  const form = new FormData();
  form.append('orgId', orgId);
  form.append('file', file);
  return postMultipart<ImportReport>(`/api/guides/import?${siteQuery(siteId)}`, form, csrfToken);
}

/** Where the import template is downloaded. */
export function guideTemplateUrl(): string {
  return '/api/guides/template.xlsx';
}

/** Where every item of the site is downloaded as XLSX. */
export function guideExportUrl(siteId: string): string {
  return `/api/guides/export.xlsx?${siteQuery(siteId)}`;
}

/** Supervisors: every visible site's services. */
export async function fetchGuidesOversight(signal?: AbortSignal): Promise<GuideSiteOversight[]> {
  return (await api.get<{ sites: GuideSiteOversight[] }>('/api/guides/oversight', withSignal(signal))).sites;
}

export function fetchServiceStatistics(siteId: string, signal?: AbortSignal): Promise<ServiceStatistics> {
  return api.get('/api/guides/statistics', { query: { siteId }, ...withSignal(signal) });
}
