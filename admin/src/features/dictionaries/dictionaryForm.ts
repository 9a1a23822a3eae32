/** Dictionary entry form ↔ request body, and how entries are shown. Pure. */
import type { DICTIONARY_KINDS } from '../../../../common/schemas/content.ts';

export type DictionaryKind = (typeof DICTIONARY_KINDS)[number];

export interface DictionaryFormValues {
  word?: string;
  level?: 'error' | 'warning';
  note?: string;
  correct?: string;
  title?: string;
  org?: string;
}

/** The form's fields per kind, as the server names them in errors. */
export const DICTIONARY_FIELDS: Record<DictionaryKind, readonly string[]> = {
  sensitive: ['word', 'level', 'note'],
  commonError: ['word', 'correct'],
  leader: ['word', 'title', 'org'],
};

const opt = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);

/** The body for DictionaryEntrySchema (discriminated by kind); empty optional fields left out. */
export function dictionaryBody(scope: string, kind: DictionaryKind, v: DictionaryFormValues): Record<string, unknown> {
  const base = { scope, kind, word: v.word ?? '' };
  switch (kind) {
    case 'sensitive':
      return { ...base, level: v.level ?? 'error', ...(opt(v.note) ? { note: opt(v.note) } : {}) };
    case 'commonError':
      return { ...base, correct: v.correct ?? '' };
    case 'leader':
      return { ...base, title: v.title ?? '', ...(opt(v.org) ? { org: opt(v.org) } : {}) };
  }
}

export const LEVEL_LABELS: Record<string, string> = { error: '错误（阻止提交）', warning: '提示' };

/** Scope choices: 平台通用 for platform managers, then the sites the user edits. */
export function scopeOptions(
  canManagePlatform: boolean,
  sites: readonly { id: string; name: string }[],
): { value: string; label: string }[] {
  return [
    ...(canManagePlatform ? [{ value: '*', label: '平台通用（所有网站）' }] : []),
    ...sites.map((s) => ({ value: s.id, label: s.name })),
  ];
}
