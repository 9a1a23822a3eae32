/** Display texts and table rows for sites. Pure. */
import {
  SITE_HOSTING_LABELS,
  SITE_HOSTINGS,
  SITE_KIND_LABELS,
  SITE_KINDS,
  SITE_STATUS_LABELS,
  SITE_STATUSES,
  type SiteStatus,
} from '../../../../common/schemas/sites.ts';
import type { Site } from '../../api/sites.ts';
import { buildTree, mapTree } from '../../lib/tree.ts';

const labelOf =
  <K extends string>(codes: readonly K[], labels: Record<K, string>) =>
  (code: string): string =>
    (codes as readonly string[]).includes(code) ? labels[code as K] : code;

export const kindLabel = labelOf(SITE_KINDS, SITE_KIND_LABELS);
export const hostingLabel = labelOf(SITE_HOSTINGS, SITE_HOSTING_LABELS);
export const statusLabel = labelOf(SITE_STATUSES, SITE_STATUS_LABELS);

export const KIND_OPTIONS = SITE_KINDS.map((k) => ({ value: k, label: SITE_KIND_LABELS[k] }));
export const HOSTING_OPTIONS = SITE_HOSTINGS.map((h) => ({ value: h, label: SITE_HOSTING_LABELS[h] }));
export const STATUS_OPTIONS = SITE_STATUSES.map((s) => ({ value: s, label: SITE_STATUS_LABELS[s] }));

/** Tag colours with WCAG AA text contrast (antd's green/orange/gold tags fall below 4.5:1). */
export const STATUS_TAG_COLORS: Record<SiteStatus, string | undefined> = {
  planned: undefined,
  active: 'blue',
  migrating: 'geekblue',
  closing: 'magenta',
  closed: undefined,
  offline: 'purple',
};

export type SiteRow = Site & { children?: SiteRow[] };

/**
 * Table rows: flat, or nested by parentSiteId. A site whose parent is filtered out (or not
 * visible) is shown at the top level rather than hidden.
 */
export function siteRows(sites: readonly Site[], hierarchy: boolean): SiteRow[] {
  if (!hierarchy) return [...sites];
  const linked = sites.map((s) => ({ ...s, parentId: s.parentSiteId }));
  return mapTree(buildTree(linked), ({ parentId: _parentId, ...site }, children): SiteRow =>
    children.length > 0 ? { ...site, children } : site,
  );
}
