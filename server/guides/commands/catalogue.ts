/**
 * What the public 办事服务 pages of a site show: its published items with the guides as they were
 * published, the names of their departments, and the stored files their materials offer. The
 * publishing room renders and writes the pages from this.
 */
import { materialFileIds, type ServiceGuide } from '../../../common/service-items.ts';
import type { Deps } from '../../platform/deps.ts';
import { guideRefs, serviceItems } from '../guides.repository.ts';
import { publishedGuideOf } from './items.ts';

export interface PublishedServiceItem {
  id: string;
  orgId: string;
  orgName: string;
  code: string;
  guide: ServiceGuide;
  publishedAt: string;
  reviewedOn: string | null;
}

export interface PublishedServiceFile {
  id: string;
  sha256: string;
  ext: string;
  size: number;
}

export interface PublishedServiceCatalogue {
  items: PublishedServiceItem[];
  files: Map<string, PublishedServiceFile>;
}

export async function publishedServiceCatalogue(deps: Deps, siteId: string): Promise<PublishedServiceCatalogue> {
  const db = deps.db.kysely;
  const rows = await serviceItems.publishedOfSite(db, siteId);
  const names = await guideRefs.orgNames(
    db,
    rows.map((r) => r.org_id),
  );
  const items = rows.map((r): PublishedServiceItem => ({
    id: r.id,
    orgId: r.org_id,
    orgName: names.get(r.org_id) ?? '',
    code: r.code,
    guide: publishedGuideOf(r),
    publishedAt: r.published_at!,
    reviewedOn: r.reviewed_on,
  }));
  const fileIds = [...new Set(items.flatMap((i) => materialFileIds(i.guide)))];
  const files = new Map((await guideRefs.files(db, fileIds)).map((f) => [f.id, { id: f.id, sha256: f.sha256, ext: f.ext, size: f.size }]));
  return { items, files };
}
