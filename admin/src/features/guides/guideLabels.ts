/** Words and small decisions of the 办事服务 screens: states, completeness, outcomes, the list filter in the address. Pure. */
import type { ImportReport, PublishResult, ServiceItemSummary } from '../../../../common/schemas/guides.ts';
import {
  AUDIENCE_LABELS,
  AUDIENCES,
  LIFE_EVENTS,
  NATIONAL_KEY_ELEMENTS,
  ONLINE_LEVEL_LABELS,
  ONLINE_LEVELS,
  SERVICE_CATEGORIES,
  SERVICE_ELEMENT_LABELS,
  SERVICE_STATE_LABELS,
  SERVICE_TOPICS,
  type ServiceElement,
} from '../../../../common/service-items.ts';
import type { ServiceItemFilter, ServiceItemStateFilter } from '../../api/guides.ts';
import { TAG_COLORS } from '../articles/articleLabels.ts';

export const STATE_FILTER_OPTIONS: { value: ServiceItemStateFilter | ''; label: string }[] = [
  { value: '', label: '全部状态' },
  { value: 'draft', label: SERVICE_STATE_LABELS.draft },
  { value: 'published', label: SERVICE_STATE_LABELS.published },
  { value: 'changed', label: '有未发布的修改' },
  { value: 'withdrawn', label: SERVICE_STATE_LABELS.withdrawn },
];

export type CompletenessFilter = '' | 'true' | 'false';
export const COMPLETENESS_FILTER_OPTIONS: { value: CompletenessFilter; label: string }[] = [
  { value: '', label: '全部' },
  { value: 'true', label: '要素缺失' },
  { value: 'false', label: '要素完整' },
];

export const CATEGORY_OPTIONS = SERVICE_CATEGORIES.map((c) => ({ value: c, label: c }));
export const AUDIENCE_OPTIONS = AUDIENCES.map((a) => ({ value: a, label: AUDIENCE_LABELS[a] }));
export const ONLINE_LEVEL_OPTIONS = ONLINE_LEVELS.map((l) => ({ value: l, label: ONLINE_LEVEL_LABELS[l] }));
export const TOPIC_OPTIONS = SERVICE_TOPICS.map((t) => ({ value: t.code, label: t.name }));
/** 人生事件 grouped by audience (个人办事, 法人办事). */
export const LIFE_EVENT_OPTIONS = AUDIENCES.map((a) => ({
  label: AUDIENCE_LABELS[a],
  title: AUDIENCE_LABELS[a],
  options: LIFE_EVENTS.filter((e) => e.audience === a).map((e) => ({ value: e.code, label: e.name })),
}));

export interface StateDisplay {
  label: string;
  color: string | undefined;
}

/** An item's state as a tag says it; a published item with saved changes says so beside it. */
export function stateDisplay(item: Pick<ServiceItemSummary, 'state'>): StateDisplay {
  const color = item.state === 'published' ? TAG_COLORS.green : item.state === 'withdrawn' ? TAG_COLORS.darkRed : undefined;
  return { label: SERVICE_STATE_LABELS[item.state], color };
}

export function elementLabels(elements: readonly ServiceElement[]): string[] {
  return elements.map((e) => SERVICE_ELEMENT_LABELS[e]);
}

/** 要素 column: 完整, or how many required elements are missing. */
export function completenessText(missing: readonly ServiceElement[]): string {
  return missing.length === 0 ? '完整' : `缺 ${missing.length} 项`;
}

/** Whether an element is one of the ten national key categories (the default required elements). */
export function isNationalKey(e: ServiceElement): boolean {
  return NATIONAL_KEY_ELEMENTS.includes(e);
}

/** What a publication did, in one sentence. */
export function publishOutcomeText(result: PublishResult): string {
  const parts = [`已发布 ${result.published.length} 个事项`];
  if (result.refused.length) parts.push(`${result.refused.length} 个事项未能发布`);
  return parts.join('，');
}

/** What an import did, in one sentence. */
export function importOutcomeText(r: ImportReport): string {
  const parts = [`共 ${r.rows} 行`, `新建 ${r.created} 个`, `更新 ${r.updated} 个`, `未变化 ${r.unchanged} 个`];
  if (r.failed.length) parts.push(`${new Set(r.failed.map((f) => f.line)).size} 行未导入`);
  if (r.incomplete.length) parts.push(`${r.incomplete.length} 个事项要素不全`);
  return `${parts.join('，')}。`;
}

/** The public page of a published item on the site preview (`/sites/<code>/…`), or null. */
export function publicPageUrl(siteCode: string | null | undefined, pagePath: string | null | undefined): string | null {
  if (!siteCode || !pagePath) return null;
  return `/sites/${encodeURIComponent(siteCode)}/${pagePath.replace(/^\/+/, '')}`;
}

export interface ListQuery {
  state: ServiceItemStateFilter | '';
  incomplete: CompletenessFilter;
  orgId: string;
  q: string;
  page: number;
  /** Rows per page: a reviewer publishing a whole import takes 200 at a time. */
  pageSize: number;
  tab: 'items' | 'reviewDue';
}

export const PAGE_SIZES = [20, 50, 100, 200] as const;

const STATES = new Set<string>(STATE_FILTER_OPTIONS.map((o) => o.value));

/** The list screen's filter from its address (so a link can open the list filtered, e.g. by 事项编码). */
export function listQueryFrom(params: URLSearchParams): ListQuery {
  const state = params.get('state') ?? '';
  const incomplete = params.get('incomplete') ?? '';
  const page = Number(params.get('page'));
  const size = Number(params.get('size'));
  return {
    state: STATES.has(state) ? (state as ServiceItemStateFilter | '') : '',
    incomplete: incomplete === 'true' || incomplete === 'false' ? incomplete : '',
    orgId: params.get('orgId') ?? '',
    q: params.get('q') ?? '',
    page: Number.isInteger(page) && page > 1 ? page : 1,
    pageSize: (PAGE_SIZES as readonly number[]).includes(size) ? size : PAGE_SIZES[0],
    tab: params.get('tab') === 'reviewDue' ? 'reviewDue' : 'items',
  };
}

/** The address parameters of a filter (defaults left out); `siteId` kept when given. */
export function listQueryParams(q: ListQuery, siteId?: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  if (siteId) out.siteId = siteId;
  if (q.tab !== 'items') out.tab = q.tab;
  if (q.state) out.state = q.state;
  if (q.incomplete) out.incomplete = q.incomplete;
  if (q.orgId) out.orgId = q.orgId;
  if (q.q.trim()) out.q = q.q.trim();
  if (q.page > 1) out.page = String(q.page);
  if (q.pageSize !== PAGE_SIZES[0]) out.size = String(q.pageSize);
  return out;
}

/** The API filter of a list query. */
export function itemFilter(q: ListQuery): ServiceItemFilter {
  return {
    state: q.state || undefined,
    incomplete: q.incomplete === '' ? undefined : q.incomplete === 'true',
    orgId: q.orgId || undefined,
    q: q.q.trim() || undefined,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** The id of the item with this code among `items`, or null (the import report links to it). */
export function itemIdByCode(items: readonly Pick<ServiceItemSummary, 'id' | 'code'>[], code: string): string | null {
  return items.find((i) => i.code === code)?.id ?? null;
}
