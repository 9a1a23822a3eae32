/** Words and colours of the 检查评估 screens: periods, verdicts, batch and task states. Pure. */
import {
  BATCH_STATE_LABELS,
  TASK_STATE_LABELS,
  type BatchResultView,
  type BatchState,
  type TaskState,
} from '../../../../common/schemas/evaluation.ts';
import { periodName } from '../../../../common/periods.ts';
import { TAG_COLORS } from '../articles/articleLabels.ts';

/** 2026-Q3 → 2026年第三季度; 2026-H1 → 2026年上半年. */
export const periodLabel = periodName;

/**
 * The periods one may check on `today` (YYYY-MM-DD): this year's and last year's quarters and
 * halves that have begun, latest first.
 */
export function periodOptions(today: string): { value: string; label: string }[] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const out: string[] = [];
  for (const y of [year, year - 1]) {
    for (const q of [4, 3, 2, 1]) if (y < year || (q - 1) * 3 + 1 <= month) out.push(`${y}-Q${q}`);
    for (const h of [2, 1]) if (y < year || (h - 1) * 6 + 1 <= month) out.push(`${y}-H${h}`);
  }
  return out.map((value) => ({ value, label: periodLabel(value) }));
}

/** The quarter before the one `today` is in: what a quarterly check usually covers. */
export function lastQuarter(today: string): string {
  const year = Number(today.slice(0, 4));
  const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
}

export const BATCH_STATE_COLORS: Record<BatchState, string | undefined> = { pending: undefined, running: 'blue', done: TAG_COLORS.green };
export const batchStateLabel = (s: BatchState) => BATCH_STATE_LABELS[s];

export function verdictTag(v: BatchResultView['verdict']): { text: string; color: string | undefined } {
  if (v === 'pass') return { text: '合格', color: TAG_COLORS.green };
  if (v === 'fail') return { text: '不合格', color: TAG_COLORS.darkRed };
  return { text: '待评分', color: undefined };
}

/** The score as shown: 单项否决 when a veto stopped the scoring. */
export function scoreText(r: Pick<BatchResultView, 'score' | 'vetoes' | 'state'>): string {
  if (r.state !== 'scored') return '—';
  if (r.score === null) return r.vetoes.length > 0 ? '单项否决' : '—';
  return r.score.toFixed(1).replace(/\.0$/, '');
}

/** The change against the previous period, e.g. ↑3.5, ↓2, 持平, or 上期否决. */
export function trendText(r: Pick<BatchResultView, 'score' | 'previous'>): string {
  if (!r.previous) return '—';
  if (r.previous.score === null) return r.previous.verdict === 'fail' ? '上期否决' : '—';
  if (r.score === null) return '—';
  const d = Math.round((r.score - r.previous.score) * 100) / 100;
  if (d === 0) return '持平';
  return d > 0 ? `↑${d}` : `↓${-d}`;
}

export const TASK_STATE_COLORS: Record<TaskState, string | undefined> = {
  open: TAG_COLORS.orange,
  reported: 'blue',
  dismissalRequested: 'purple',
  closed: TAG_COLORS.green,
  dismissed: undefined,
};
export const taskStateLabel = (s: TaskState) => TASK_STATE_LABELS[s];
