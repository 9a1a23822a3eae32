/** The 政府信息公开目录 endpoints of the office: a site's catalogue coverage and its sponsor's 指南. */
import type { CatalogueCoverageView, CatalogueOverviewItem, Guide, GuideInput } from '../../../common/schemas/catalogue.ts';
import { api } from './client.ts';

export type { CatalogueCoverageView, CatalogueOverviewItem, Guide, GuideInput };

export function fetchCatalogueOverview(signal?: AbortSignal): Promise<{ items: CatalogueOverviewItem[] }> {
  return api.get('/api/disclosure/catalogue', signal ? { signal } : undefined);
}

export function fetchCatalogue(siteId: string, signal?: AbortSignal): Promise<CatalogueCoverageView> {
  return api.get(`/api/disclosure/catalogue/${encodeURIComponent(siteId)}`, signal ? { signal } : undefined);
}

export function fetchGuide(siteId: string, signal?: AbortSignal): Promise<Guide> {
  return api.get(`/api/disclosure/guides/${encodeURIComponent(siteId)}`, signal ? { signal } : undefined);
}

export function saveGuide(siteId: string, body: GuideInput): Promise<Guide> {
  return api.put(`/api/disclosure/guides/${encodeURIComponent(siteId)}`, body);
}
