/** How letters are labelled on screen: states, the deadline ladder, ratings, similar letters. Pure. */
import {
  CHANNEL_KIND_LABELS,
  DUE_LEVEL_LABELS,
  LETTER_ACTION_LABELS,
  LETTER_STATE_LABELS,
  LETTER_STATES,
  OPEN_LETTER_STATES,
  RATING_LABELS,
  type ChannelKind,
  type DueLevel,
  type LetterActionName,
  type LetterState,
  type LetterSummary,
  type Rating,
} from '../../../../common/schemas/interaction.ts';
import { TAG_COLORS } from '../articles/articleLabels.ts';

/**
 * State tag colours with WCAG AA text contrast: antd's light orange and green presets fall
 * below 4.5:1, so 答复待审核 and 已答复 use the solid dark colours (white text) instead.
 */
export const STATE_TAG_COLORS: Record<LetterState, string | undefined> = {
  received: 'blue',
  rejected: undefined,
  merged: undefined,
  handling: 'geekblue',
  transferring: 'purple',
  reviewing: TAG_COLORS.orange,
  replied: TAG_COLORS.green,
  closed: undefined,
};

export function stateLabel(state: string): string {
  return LETTER_STATE_LABELS[state as LetterState] ?? state;
}

export function channelKindLabel(kind: string): string {
  return CHANNEL_KIND_LABELS[kind as ChannelKind] ?? kind;
}

export function ratingText(rating: Rating | null): string {
  return rating ? (RATING_LABELS[rating] ?? rating) : '—';
}

/** The state filter's choices: every state, and 全部 (the empty value). */
export const STATE_FILTER_OPTIONS: { value: LetterState | ''; label: string }[] = [
  { value: '', label: '全部状态' },
  ...LETTER_STATES.map((s) => ({ value: s, label: LETTER_STATE_LABELS[s] })),
];

export function isOpen(state: LetterState): boolean {
  return OPEN_LETTER_STATES.includes(state);
}

/** How a rung of the ladder is shown: its words, and how loudly (the words always carry the meaning). */
export interface DueDisplay {
  level: DueLevel;
  label: string;
  tone: 'plain' | 'notice' | 'warning' | 'danger';
}

const TONES: Record<DueLevel, DueDisplay['tone']> = { normal: 'plain', warn50: 'notice', warn80: 'warning', overdue: 'danger' };

/** The ladder rung of a letter still waiting for its reply; null once answered, rejected or merged. */
export function dueDisplay(letter: Pick<LetterSummary, 'state' | 'dueLevel'>): DueDisplay | null {
  if (!isOpen(letter.state)) return null;
  return { level: letter.dueLevel, label: DUE_LEVEL_LABELS[letter.dueLevel] ?? letter.dueLevel, tone: TONES[letter.dueLevel] ?? 'plain' };
}

/** 办理单位, with the org a transfer waits on. */
export function handlingText(letter: Pick<LetterSummary, 'handlingOrgName' | 'pendingOrgName'>): string {
  return letter.pendingOrgName ? `${letter.handlingOrgName}（转办待确认：${letter.pendingOrgName}）` : letter.handlingOrgName;
}

/** A 0–1 similarity as a whole percentage. */
export function similarityText(similarity: number): string {
  const pct = Math.round(Math.min(1, Math.max(0, similarity)) * 100);
  return `${pct}%`;
}

/** The button name of an action: 提交答复 says where the reply goes (to review, or straight out). */
export function actionLabel(action: LetterActionName, reviewReplies: boolean): string {
  if (action === 'submitReply') return reviewReplies ? '提交审核' : '发送答复';
  return LETTER_ACTION_LABELS[action] ?? action;
}

/** The warning about the national veto line (a 政务咨询 letter unanswered for more than three months fails the site). */
export function vetoRiskText(daysOpen: number | null, vetoDays: number): string {
  const days = daysOpen ?? 0;
  const left = vetoDays - days;
  return left > 0
    ? `本信件收信已 ${days} 天仍未答复，距 ${vetoDays} 天的单项否决线还有 ${left} 天，请尽快答复。`
    : `本信件收信已 ${days} 天仍未答复，已超过 ${vetoDays} 天的单项否决线，请立即答复。`;
}

/** File sizes as people read them (B, KB, MB). */
export function fileSizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
