/** The office's steps on a letter: which fields each one asks for, its request body, merge targets, templates. Pure. */
import type { LetterActionName, LetterDetail, LetterState, LetterSummary } from '../../../../common/schemas/interaction.ts';
import { ApiError, isApiError, type FieldError } from '../../api/client.ts';
import { submitErrorDisplay, type PlacedErrors } from '../../lib/formErrors.ts';
import { similarityText, stateLabel } from './letterLabels.ts';

/** Said after a step succeeded. */
export function actionDoneText(action: LetterActionName, reviewReplies: boolean): string {
  switch (action) {
    case 'accept':
      return '已受理';
    case 'reject':
      return '已作不予受理处理';
    case 'merge':
      return '已合并到所选信件';
    case 'assign':
      return '已交办';
    case 'transfer':
      return '已转办，等待对方单位确认';
    case 'acceptTransfer':
      return '已接收转办';
    case 'refuseTransfer':
      return '已退回转办';
    case 'draftReply':
      return '答复已保存';
    case 'submitReply':
      return reviewReplies ? '答复已提交审核' : '答复已发送';
    case 'approveReply':
      return '审核通过，答复已发送';
    case 'returnReply':
      return '答复已退回修改';
    case 'close':
      return '已办结';
    case 'reopen':
      return '已重新办理';
    case 'unpublish':
      return '已撤回公开';
  }
}

/**
 * The steps this user may take. The server already lists only the steps open to the user's
 * part in the letter (screening site, handling or receiving org, reviewer); this keeps the
 * panel consistent with the user's permissions as the session reports them: approving or
 * returning a reply is a leader's (interaction.approveReply), every other step a handler's.
 */
export function actionsForUser(allowed: readonly LetterActionName[], permissions: readonly string[]): LetterActionName[] {
  const handles = permissions.includes('interaction.handle');
  const approves = permissions.includes('interaction.approveReply');
  return allowed.filter((a) => (a === 'approveReply' || a === 'returnReply' ? approves : handles));
}

export type ActionField = 'reason' | 'note' | 'orgId' | 'intoLetterId';

export interface ActionFieldSpec {
  name: ActionField;
  /** The label, as the shared schema names the field in its messages. */
  label: string;
  required: boolean;
}

export interface ActionFormSpec {
  fields: readonly ActionFieldSpec[];
  /** What the step does, said above its fields. */
  hint: string;
  /** Asked before sending, for steps that are hard to take back. */
  confirm?: string;
  danger?: boolean;
}

/** The steps taken in the 办理 panel; the reply's own steps (保存答复, 提交答复) live beside the reply. */
export type PanelAction = Exclude<LetterActionName, 'draftReply' | 'submitReply'>;

const reason = (label: string): ActionFieldSpec => ({ name: 'reason', label, required: true });
const note = (label: string): ActionFieldSpec => ({ name: 'note', label, required: false });

export const ACTION_FORMS: Record<PanelAction, ActionFormSpec> = {
  accept: { fields: [], hint: '信件符合受理条件，由渠道的办理单位办理；需要其他单位办理的，请使用“交办”。' },
  reject: {
    fields: [reason('不予受理理由')],
    hint: '不予受理的理由将告知来信人。',
    confirm: '不予受理后信件不再办理，确定吗？',
    danger: true,
  },
  merge: {
    fields: [{ name: 'intoLetterId', label: '合并到的信件', required: true }, note('说明')],
    hint: '重复来信合并到另一封信件，随该信件一并答复。',
    confirm: '合并后本信件不再单独办理，确定吗？',
  },
  assign: { fields: [{ name: 'orgId', label: '承办单位', required: true }, note('交办意见')], hint: '交由承办单位办理并答复。' },
  transfer: {
    fields: [{ name: 'orgId', label: '转办单位', required: true }, reason('转办理由')],
    hint: '转给其他单位办理，对方确认接收后由其答复；答复期限不变。',
  },
  acceptTransfer: { fields: [], hint: '接收后由本单位办理并答复。' },
  refuseTransfer: { fields: [reason('退回理由')], hint: '退回后信件仍由原单位办理。' },
  approveReply: { fields: [note('审核意见')], hint: '审核通过后答复即发送给来信人（渠道公开答复且来信人同意公开的，同时公开）。' },
  returnReply: { fields: [reason('退回意见')], hint: '退回办理单位修改答复。' },
  close: { fields: [note('办结说明')], hint: '信件办结。' },
  reopen: { fields: [reason('重新办理理由')], hint: '重新办理后重新计算答复期限。' },
  unpublish: {
    fields: [reason('撤回理由')],
    hint: '将信件及答复从网站公开列表中撤下（如发现个人信息未屏蔽）。',
    confirm: '确定从网站撤回该信件的公开内容？',
    danger: true,
  },
};

const PANEL_ORDER: readonly PanelAction[] = [
  'accept',
  'assign',
  'merge',
  'reject',
  'acceptTransfer',
  'refuseTransfer',
  'transfer',
  'approveReply',
  'returnReply',
  'close',
  'reopen',
  'unpublish',
];

/** The panel's steps among those the letter allows now, in working order. */
export function panelActions(allowed: readonly LetterActionName[]): PanelAction[] {
  return PANEL_ORDER.filter((a) => allowed.includes(a));
}

export interface ActionFormValues {
  reason?: string;
  note?: string;
  orgId?: string | null;
  intoLetterId?: string | null;
}

/** The field names the panel shows, as the server names them in errors. */
export const ACTION_FIELDS: readonly ActionField[] = ['reason', 'note', 'orgId', 'intoLetterId'];

/** The request body of a panel step: only the fields it takes; an empty optional note is sent as null. */
export function actionBody(action: PanelAction, values: ActionFormValues): Record<string, unknown> {
  const body: Record<string, unknown> = { action };
  for (const f of ACTION_FORMS[action].fields) {
    const raw = values[f.name];
    const text = typeof raw === 'string' ? raw.trim() : raw;
    body[f.name] = f.required ? (text ?? '') : text ? text : null;
  }
  return body;
}

export interface MergeOption {
  value: string;
  label: string;
}

const MERGE_INTO: readonly LetterState[] = ['received', 'handling', 'transferring', 'reviewing', 'replied', 'closed'];

/**
 * The letters this one may be merged into: the near duplicates first (with their similarity),
 * then the site's other letters, searchable by 受理编号 and title; never the letter itself,
 * nor letters that were rejected or merged away.
 */
export function mergeOptions(
  letter: Pick<LetterDetail, 'id' | 'siteId' | 'similar'>,
  siteLetters: readonly Pick<LetterSummary, 'id' | 'siteId' | 'trackingNo' | 'title' | 'state'>[],
): MergeOption[] {
  const seen = new Set<string>([letter.id]);
  const out: MergeOption[] = [];
  for (const s of letter.similar) {
    if (seen.has(s.id)) continue;
    seen.add(s.id);
    out.push({ value: s.id, label: `${s.trackingNo} ${s.title}（相似度 ${similarityText(s.similarity)}，${stateLabel(s.state)}）` });
  }
  for (const l of siteLetters) {
    if (seen.has(l.id) || l.siteId !== letter.siteId || !MERGE_INTO.includes(l.state)) continue;
    seen.add(l.id);
    out.push({ value: l.id, label: `${l.trackingNo} ${l.title}（${stateLabel(l.state)}）` });
  }
  return out;
}

/** The text with `insert` put in place of the selection [start, end); at the end (after a blank line) without a cursor. */
export function insertText(
  text: string,
  insert: string,
  selection?: { start: number; end: number } | null,
): { text: string; cursor: number } {
  if (!selection || selection.start < 0 || selection.start > text.length) {
    const joined = text.trim() ? `${text.replace(/\s+$/, '')}\n\n${insert}` : insert;
    return { text: joined, cursor: joined.length };
  }
  const end = Math.min(Math.max(selection.end, selection.start), text.length);
  const next = `${text.slice(0, selection.start)}${insert}${text.slice(end)}`;
  return { text: next, cursor: selection.start + insert.length };
}

/**
 * Whose reply templates the reply box offers: the site in the header when the user handles
 * letters there, else the letter's own site when they do, else the first site they handle letters on.
 */
export function templateSite(
  headerSiteId: string | null,
  letterSiteId: string,
  handled: { all: boolean; siteIds: readonly string[] },
): string | null {
  const mayUse = (id: string | null): id is string => id !== null && (handled.all || handled.siteIds.includes(id));
  if (mayUse(headerSiteId)) return headerSiteId;
  if (mayUse(letterSiteId)) return letterSiteId;
  return handled.siteIds[0] ?? null;
}

/**
 * The field messages of a failed step: the server's `fields`, and any per-field texts it put
 * in `details` (string or list of strings) that `fields` does not already say.
 */
export function failedFields(e: unknown): FieldError[] {
  if (!isApiError(e)) return [];
  const out = [...e.fields];
  for (const [field, v] of Object.entries(e.details)) {
    const messages = typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((m): m is string => typeof m === 'string') : [];
    for (const message of messages) if (!out.some((f) => f.field === field && f.message === message)) out.push({ field, message });
  }
  return out;
}

/** What to show for a failed step: messages next to the fields shown, the rest (a refused state, a wrong party) above the buttons. */
export function actionFailure(e: unknown, shown: readonly string[]): PlacedErrors & { alert: string | null } {
  const merged = isApiError(e) ? new ApiError(e.status, e.code, e.message, failedFields(e), e.details) : e;
  return submitErrorDisplay(merged, shown);
}
