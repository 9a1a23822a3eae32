/** How articles are labelled on screen: status and deadline tags (always with text), events, review steps. Pure. */
import { ARTICLE_STATUS_LABELS, type ArticleStatus } from '../../../../common/content.ts';
import { ROLES, type RoleCode } from '../../../../common/roles.ts';
import type { ArticleStage, ArticleSummary } from '../../api/content.ts';
import { formatDateTime } from '../../lib/datetime.ts';
import { stageIndexOf } from './articleActions.ts';

export interface TagSpec {
  key: string;
  label: string;
  color?: string;
}

/**
 * Tag colours with WCAG AA text contrast: antd's light green, orange, gold, cyan and status
 * presets fall below 4.5:1, so those meanings use solid dark colours (white text) instead.
 */
export const TAG_COLORS = {
  green: '#237804',
  orange: '#ad4e00',
  darkRed: '#a8071a',
} as const;

const STATUS_COLORS: Record<ArticleStatus, string | undefined> = {
  draft: undefined,
  in_review: 'blue',
  approved: 'geekblue',
  scheduled: 'purple',
  published: TAG_COLORS.green,
  rejected: TAG_COLORS.orange,
  withdrawn: undefined,
  retracted: 'red',
};

export function statusLabel(status: string): string {
  return ARTICLE_STATUS_LABELS[status as ArticleStatus] ?? status;
}

/** Status (with the stage while in review), 紧急发布, and 已发布 when a version is live. */
export function statusTags(a: Pick<ArticleSummary, 'status' | 'stageLabel' | 'live' | 'emergency'>): TagSpec[] {
  const tags: TagSpec[] = [
    {
      key: 'status',
      label: a.status === 'in_review' && a.stageLabel ? `${statusLabel(a.status)}（${a.stageLabel}）` : statusLabel(a.status),
      ...(STATUS_COLORS[a.status as ArticleStatus] ? { color: STATUS_COLORS[a.status as ArticleStatus] } : {}),
    },
  ];
  if (a.emergency) tags.push({ key: 'emergency', label: '紧急发布', color: TAG_COLORS.darkRed });
  if (a.live && a.status !== 'published') tags.push({ key: 'live', label: '已发布', color: TAG_COLORS.green });
  return tags;
}

/** Minutes as "2 天 3 小时" / "45 分钟" (the two largest units). */
export function durationText(minutes: number): string {
  const m = Math.max(0, Math.floor(minutes));
  if (m < 1) return '不足 1 分钟';
  const days = Math.floor(m / 1440);
  const hours = Math.floor((m % 1440) / 60);
  const mins = m % 60;
  const parts = [days ? `${days} 天` : '', hours ? `${hours} 小时` : '', !days && mins ? `${mins} 分钟` : ''].filter(Boolean);
  return parts.slice(0, 2).join(' ');
}

export interface DeadlineDisplay {
  /** The tag text (always present, so the state is never told by colour alone). */
  label: string;
  color?: string;
  /** A line under the tag: due time, time left or lateness. */
  detail: string;
}

/** The 时限 cell: the deadline state as a tag and a line of text. `now` in ms. */
export function deadlineDisplay(
  a: Pick<ArticleSummary, 'deadline' | 'dueAt' | 'lateMinutes' | 'publishedAt'>,
  now: number,
): DeadlineDisplay {
  const due = a.dueAt ? formatDateTime(a.dueAt) : '';
  const left = a.dueAt ? Math.round((Date.parse(a.dueAt) - now) / 60_000) : 0;
  switch (a.deadline) {
    case 'ok':
      return { label: '未到期', color: 'blue', detail: due ? `${due} 前发布` : '' };
    case 'dueSoon':
      return { label: '即将到期', color: TAG_COLORS.orange, detail: due ? `${due} 前发布，剩余 ${durationText(left)}` : '' };
    case 'overdue':
      return { label: '已超期', color: TAG_COLORS.darkRed, detail: due ? `应于 ${due} 前发布，已超 ${durationText(-left)}` : '' };
    case 'onTime':
      return { label: '按时发布', color: TAG_COLORS.green, detail: due ? `时限 ${due}` : '' };
    case 'late':
      return { label: '逾期发布', color: 'red', detail: `逾期 ${durationText(a.lateMinutes ?? 0)}${due ? `（时限 ${due}）` : ''}` };
    default:
      return { label: '无时限', detail: '' };
  }
}

export const EVENT_LABELS: Record<string, string> = {
  create: '新建稿件',
  edit: '修改稿件',
  submit: '提交审核',
  approve: '审核通过',
  reject: '退回',
  withdraw: '撤回',
  schedule: '设置定时发布',
  publish: '发布',
  correct: '发布更正',
  emergency: '紧急发布',
  retract: '撤稿',
};

export function eventLabel(kind: string): string {
  return EVENT_LABELS[kind] ?? kind;
}

/** The stage's label for an event ("初审"), '' when the event has none. */
export function eventStageLabel(stage: string | null, stages: readonly ArticleStage[]): string {
  if (!stage) return '';
  if (stage === 'emergency') return '紧急发布';
  return stages.find((s) => s.key === stage)?.label ?? stage;
}

export function rolesText(roles: readonly string[]): string {
  return roles.map((r) => ROLES[r as RoleCode]?.label ?? r).join('、');
}

export interface StepsModel {
  items: { title: string; description?: string }[];
  current: number;
  status: 'wait' | 'process' | 'finish' | 'error';
}

/** The review progress as antd Steps: 起草 → each stage → 发布. */
export function reviewSteps(a: { status: string; stage: string | null; stages: readonly ArticleStage[] }): StepsModel {
  const items = [{ title: '起草' }, ...a.stages.map((s) => ({ title: s.label, description: rolesText(s.roles) })), { title: '发布' }];
  const publishStep = items.length - 1;
  switch (a.status) {
    case 'in_review': {
      const i = stageIndexOf(a);
      return { items, current: i >= 0 ? i + 1 : 1, status: 'process' };
    }
    case 'approved':
    case 'scheduled':
      return { items, current: publishStep, status: 'process' };
    case 'published':
      return { items, current: publishStep, status: 'finish' };
    case 'retracted':
      return { items, current: publishStep, status: 'error' };
    case 'rejected':
      return { items, current: 0, status: 'error' };
    default:
      return { items, current: 0, status: 'process' };
  }
}
