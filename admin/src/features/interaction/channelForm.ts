/** Channel form values ↔ request bodies, and the site's 屏蔽词 as typed. Pure. */
import {
  CHANNEL_KIND_LABELS,
  CHANNEL_KINDS,
  DEFAULT_REPLY_DAYS,
  type ChannelKind,
  type ChannelView,
} from '../../../../common/schemas/interaction.ts';

export interface ChannelFormValues {
  kind?: ChannelKind;
  name?: string;
  handlingOrgId?: string | null;
  replyDays?: number | null;
  publishReplies?: boolean;
  reviewReplies?: boolean;
  reopenOnUnsatisfied?: boolean;
  intro?: string;
  sortOrder?: number | null;
  enabled?: boolean;
}

/** The form's fields, as the server names them in errors. */
export const CHANNEL_FIELDS = [
  'kind',
  'name',
  'handlingOrgId',
  'replyDays',
  'publishReplies',
  'reviewReplies',
  'reopenOnUnsatisfied',
  'intro',
  'sortOrder',
  'enabled',
] as const;

export const KIND_OPTIONS = CHANNEL_KINDS.map((k) => ({ value: k, label: CHANNEL_KIND_LABELS[k] }));

/** A new channel: a 领导信箱 with its default deadline, replies published and reviewed, open. */
export function newChannelValues(handlingOrgId: string | null = null): ChannelFormValues {
  return {
    kind: 'leaderMailbox',
    name: CHANNEL_KIND_LABELS.leaderMailbox,
    handlingOrgId,
    replyDays: DEFAULT_REPLY_DAYS.leaderMailbox,
    publishReplies: true,
    reviewReplies: true,
    reopenOnUnsatisfied: true,
    intro: '',
    sortOrder: null,
    enabled: true,
  };
}

export function channelFormValues(channel: ChannelView): ChannelFormValues {
  return {
    kind: channel.kind,
    name: channel.name,
    handlingOrgId: channel.handlingOrgId,
    replyDays: channel.replyDays,
    publishReplies: channel.publishReplies,
    reviewReplies: channel.reviewReplies,
    reopenOnUnsatisfied: channel.reopenOnUnsatisfied,
    intro: channel.intro ?? '',
    sortOrder: channel.sortOrder,
    enabled: channel.enabled,
  };
}

/** The body for SaveChannelSchema (the schema trims and checks; an empty intro is sent as null). */
export function channelBody(values: ChannelFormValues): Record<string, unknown> {
  const intro = values.intro?.trim();
  return {
    kind: values.kind,
    name: values.name ?? '',
    handlingOrgId: values.handlingOrgId ?? '',
    replyDays: values.replyDays ?? undefined,
    publishReplies: values.publishReplies ?? false,
    reviewReplies: values.reviewReplies ?? false,
    reopenOnUnsatisfied: values.reopenOnUnsatisfied ?? false,
    intro: intro ? intro : null,
    ...(typeof values.sortOrder === 'number' ? { sortOrder: values.sortOrder } : {}),
    enabled: values.enabled ?? false,
  };
}

/**
 * What changes when the kind changes: the deadline follows the new kind's default unless it
 * was set by hand (differs from the old kind's default), and so does a name left as the old kind's label.
 */
export function kindChange(
  before: ChannelKind | undefined,
  next: ChannelKind,
  current: Pick<ChannelFormValues, 'replyDays' | 'name'>,
): Pick<ChannelFormValues, 'replyDays' | 'name'> {
  const out: Pick<ChannelFormValues, 'replyDays' | 'name'> = {};
  const untouchedDays = current.replyDays == null || (before !== undefined && current.replyDays === DEFAULT_REPLY_DAYS[before]);
  if (untouchedDays) out.replyDays = DEFAULT_REPLY_DAYS[next];
  const name = current.name?.trim() ?? '';
  if (!name || (before !== undefined && name === CHANNEL_KIND_LABELS[before])) out.name = CHANNEL_KIND_LABELS[next];
  return out;
}

/** 屏蔽词 typed one per line (or separated by commas): trimmed, blank lines dropped, each word once, in order. */
export function parseRedactWords(text: string): string[] {
  const seen = new Set<string>();
  for (const raw of text.split(/[\n,，、;；]+/)) {
    const w = raw.trim();
    if (w) seen.add(w);
  }
  return [...seen];
}

export function redactWordsText(words: readonly string[]): string {
  return words.join('\n');
}

/** Words the publisher would skip (a single character masks too much), as messages for the field. */
export function redactWordProblems(words: readonly string[]): { field: string; message: string }[] {
  const short = words.filter((w) => [...w].length < 2);
  return short.length ? [{ field: 'redactWords', message: `屏蔽词至少 2 个字：${short.join('、')}` }] : [];
}
