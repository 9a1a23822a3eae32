/**
 * How a site's published service items are browsed: sorted by name (pinyin order), and grouped
 * into the lists of the 办事服务 pages — one per department, per topic and per life event. Pure:
 * the writer (../services.ts) turns the groups into pages.
 */
import { LIFE_EVENTS, SERVICE_CODE, SERVICE_TOPICS, said, type Audience, type ServiceGuide } from '../../../common/service-items.ts';
import type { ServiceListKind } from './paths.ts';

/** What grouping needs of an item. */
export interface BrowsableItem {
  code: string;
  orgId: string;
  orgName: string;
  guide: Pick<ServiceGuide, 'name' | 'topics' | 'lifeEvents'>;
}

export interface ServiceList<T> {
  kind: ServiceListKind;
  /** The org id, topic code or life-event code: the list's file name. */
  key: string;
  name: string;
  /** Only for life events: whose life it is. */
  audience?: Audience;
  /** Sorted by name; empty for a life event no item belongs to (shown, but without a page). */
  items: T[];
}

const collator = new Intl.Collator('zh-CN');

/** A list's key is its file name: org ids are UUIDs; no `_`, which would clash with page numbers (`<key>_2.html`). */
const LIST_KEY = /^[0-9A-Za-z-]{1,64}$/;

/** Items by name in pinyin order, then by code; items whose code cannot be a file name are left out. */
export function sortServiceItems<T extends BrowsableItem>(items: readonly T[]): T[] {
  return items
    .filter((i) => SERVICE_CODE.test(i.code))
    .sort((a, b) => collator.compare(a.guide.name, b.guide.name) || (a.code < b.code ? -1 : 1));
}

/**
 * The lists of sorted items: departments that have items (by name), topics that have items (in
 * the national order) and every life event (in life order, empty ones included).
 */
export function serviceLists<T extends BrowsableItem>(
  sorted: readonly T[],
): { departments: ServiceList<T>[]; topics: ServiceList<T>[]; lifeEvents: ServiceList<T>[] } {
  const orgs = new Map<string, ServiceList<T>>();
  for (const item of sorted) {
    if (!LIST_KEY.test(item.orgId)) continue;
    const list = orgs.get(item.orgId) ?? { kind: 'bm', key: item.orgId, name: item.orgName, items: [] };
    list.items.push(item);
    orgs.set(item.orgId, list);
  }
  const departments = [...orgs.values()].sort((a, b) => collator.compare(a.name, b.name) || (a.key < b.key ? -1 : 1));
  const topics = SERVICE_TOPICS.map((t): ServiceList<T> => ({
    kind: 'zt',
    key: t.code,
    name: t.name,
    items: sorted.filter((i) => i.guide.topics.includes(t.code)),
  })).filter((l) => l.items.length > 0);
  const lifeEvents = LIFE_EVENTS.map((e): ServiceList<T> => ({
    kind: 'sj',
    key: e.code,
    name: e.name,
    audience: e.audience,
    items: sorted.filter((i) => i.guide.lifeEvents.includes(e.code)),
  }));
  return { departments, topics, lifeEvents };
}

/**
 * The text an item's search document holds besides its name: what a citizen searches for
 * (conditions, materials, legal basis, where and who), labelled, so the snippet reads well.
 */
export function serviceSearchText(item: { orgName: string; guide: ServiceGuide }): string {
  const g = item.guide;
  const names = (list: readonly string[]) => list.filter(said).join('、');
  const parts: [string, string | null][] = [
    ['事项类型', g.category],
    ['所属部门', item.orgName],
    ['申请条件', g.conditions],
    ['办理材料', names(g.materials.map((m) => m.name))],
    ['设定依据', g.legalBasis],
    ['办理机构', g.handlingOrg],
    ['办理地点', g.place],
    ['办理流程', names(g.process.map((s) => s.title))],
    ['常见问题', names(g.faq.map((f) => f.question))],
  ];
  return parts
    .filter(([, v]) => v !== null && said(v))
    .map(([k, v]) => `${k}：${v}`)
    .join('\n');
}

/** What a pass of the service pages showed: the items and the instant each was published (a republication changes it). */
export function catalogueSignature(items: readonly { id: string; publishedAt: string }[]): string {
  return items
    .map((i) => `${i.id}@${i.publishedAt}`)
    .sort()
    .join(',');
}
