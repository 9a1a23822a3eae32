/** Words and colours of the legacy import screens. */
import {
  IMPORT_STATUS_LABELS,
  PAGE_OUTCOME_LABELS,
  type ImportStatus,
  type LegacyColumnView,
  type PageOutcome,
} from '../../../../common/schemas/migration.ts';
import { TAG_COLORS } from '../articles/articleLabels.ts';

const STATUS_COLORS: Record<ImportStatus, string | undefined> = {
  analysing: 'blue',
  awaiting_confirmation: TAG_COLORS.orange,
  importing: 'blue',
  done: TAG_COLORS.green,
  failed: TAG_COLORS.darkRed,
  cancelled: undefined,
};

export function importStatusTag(status: ImportStatus): { text: string; color: string | undefined } {
  return { text: IMPORT_STATUS_LABELS[status] ?? status, color: STATUS_COLORS[status] };
}

const OUTCOME_COLORS: Record<PageOutcome, string | undefined> = {
  pending: undefined,
  imported: TAG_COLORS.green,
  updated: TAG_COLORS.green,
  unchanged: undefined,
  duplicate: undefined,
  skipped: undefined,
  failed: TAG_COLORS.darkRed,
};

export function outcomeTag(outcome: PageOutcome): { text: string; color: string | undefined } {
  return { text: PAGE_OUTCOME_LABELS[outcome] ?? outcome, color: OUTCOME_COLORS[outcome] };
}

const BASIS_LABELS: Record<LegacyColumnView['suggestion']['basis'], string> = {
  exact: '名称相同',
  synonym: '同义栏目',
  similar: '名称相近',
  none: '无建议',
};

/** The suggestion in words: `通知公告（同义栏目，90%）`, or 无建议. */
export function suggestionText(s: LegacyColumnView['suggestion']): string {
  if (!s.columnId || s.basis === 'none') return BASIS_LABELS.none;
  return `${s.columnName ?? ''}（${BASIS_LABELS[s.basis]}，${Math.round(s.confidence)}%）`;
}

/** The mapping the screen starts from: the confirmed one, else each column's suggestion. */
export function initialMapping(
  columns: readonly LegacyColumnView[],
  confirmed: Record<string, string | null> | null,
): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const c of columns) out[c.key] = confirmed ? (confirmed[c.key] ?? null) : (c.target ?? c.suggestion.columnId ?? null);
  return out;
}
