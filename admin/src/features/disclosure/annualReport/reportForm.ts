/**
 * The annual report's form values: the report as the server answers it ↔ the body PUT sends.
 * The fee is typed in 元 (two decimals) and stored in fen, as integers.
 */
import type { AnnualReportView, Narratives, ReviewBlock, ReviewBlockCode } from '../../../../../common/annual-report.ts';
import type { SaveAnnualReportInput } from '../../../../../common/schemas/disclosure.ts';

export interface ReportFormValues {
  licensing: number | null;
  penalty: number | null;
  enforcement: number | null;
  /** 元, up to two decimals. */
  feeYuan: number | null;
  review: Record<ReviewBlockCode, Record<keyof ReviewBlock, number | null>>;
  narratives: Narratives;
}

/** Yuan with up to two decimals as integer fen, without floating-point drift (12.34 → 1234). */
export function yuanToFen(yuan: number | null): number {
  if (yuan === null || !Number.isFinite(yuan)) return 0;
  return Math.round(yuan * 100);
}

export function formValuesOf(r: AnnualReportView): ReportFormValues {
  const e = r.proactive.entered;
  return {
    licensing: e.licensing,
    penalty: e.penalty,
    enforcement: e.enforcement,
    feeYuan: e.feeFen / 100,
    review: structuredClone(r.review),
    narratives: { ...r.narratives },
  };
}

const n = (v: number | null | undefined) => v ?? 0;
const blockOf = (b: Record<keyof ReviewBlock, number | null>): ReviewBlock => ({
  upheld: n(b.upheld),
  corrected: n(b.corrected),
  other: n(b.other),
  pending: n(b.pending),
  total: n(b.total),
});

/** The PUT body for these values, saved over `version`. */
export function saveBody(v: ReportFormValues, version: number): SaveAnnualReportInput {
  return {
    expectedVersion: version,
    entered: {
      proactive: { licensing: n(v.licensing), penalty: n(v.penalty), enforcement: n(v.enforcement), feeFen: yuanToFen(v.feeYuan) },
      review: {
        reconsideration: blockOf(v.review.reconsideration),
        litigationDirect: blockOf(v.review.litigationDirect),
        litigationAfterReconsideration: blockOf(v.review.litigationAfterReconsideration),
      },
    },
    narratives: { ...v.narratives },
  };
}

/** The years a report can be chosen for: this year and the six before, newest first. */
export function reportYears(today: Date): number[] {
  return Array.from({ length: 7 }, (_, i) => today.getFullYear() - i);
}

/** Reports are written in the first months of the next year: last year is the default. */
export function defaultReportYear(today: Date): number {
  return today.getFullYear() - 1;
}
