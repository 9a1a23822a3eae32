/**
 * The 政府网站工作年度报表's figures: the platform's counts and the hand-entered fields
 * together, the sums worked out, what is still to be filled in, and each value as the form
 * shows it. Pure.
 */
import {
  displayValue,
  MANUAL_FIELDS,
  REPORT_FIELDS,
  REPORT_SOURCE_LABELS,
  type ManualValues,
  type ReportValue,
} from '../../../common/schemas/website-report.ts';

/** Every field's value: the platform's figures, the hand-entered ones (null when not filled in), and the sums. */
export function reportValues(platform: Record<string, ReportValue>, manual: ManualValues): Record<string, ReportValue> {
  const values: Record<string, ReportValue> = {};
  for (const field of REPORT_FIELDS) {
    if (field.source === 'platform') values[field.key] = platform[field.key] ?? null;
    else if (field.source === 'manual') values[field.key] = manual[field.key] ?? null;
  }
  for (const field of REPORT_FIELDS) {
    if (field.source !== 'sum') continue;
    const parts = (field.parts ?? []).map((k) => values[k]);
    // A sum of parts not all known yet is not known either.
    values[field.key] = parts.every((v) => typeof v === 'number') ? (parts as number[]).reduce((n, v) => n + v, 0) : null;
  }
  return values;
}

/** The hand-entered fields not filled in (an empty text counts as filled in: 无). */
export function missingFields(manual: ManualValues): string[] {
  return MANUAL_FIELDS.filter((f) => manual[f.key] === null || manual[f.key] === undefined).map((f) => f.key);
}

/** The rows of the form in order: section, item, value, and whose figure it is. */
export function reportRows(values: Record<string, ReportValue>): { section: string; label: string; value: string; source: string }[] {
  return REPORT_FIELDS.map((f) => ({
    section: f.section,
    label: f.label,
    value: displayValue(f, values[f.key] ?? null),
    source: REPORT_SOURCE_LABELS[f.source],
  }));
}

/** 31 January of the next year: the last day to publish the year's report. */
export const reportDeadline = (year: number): string => `${year + 1}-01-31`;

/** The year whose report is due on `today` (YYYY-MM-DD) and the days left, during January; null in other months. */
export function reportDue(today: string): { year: number; daysLeft: number } | null {
  if (today.slice(5, 7) !== '01') return null;
  return { year: Number(today.slice(0, 4)) - 1, daysLeft: 31 - Number(today.slice(8, 10)) };
}
