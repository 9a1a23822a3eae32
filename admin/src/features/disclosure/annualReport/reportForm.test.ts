import { describe, expect, it } from 'vitest';
import { EMPTY_ENTERED, EMPTY_NARRATIVES, type AnnualReportView } from '../../../../../common/annual-report.ts';
import { defaultReportYear, formValuesOf, reportYears, saveBody, yuanToFen } from './reportForm.ts';

const view = {
  version: 3,
  proactive: { entered: { licensing: 2, penalty: 1, enforcement: 0, feeFen: 123_456 } },
  review: EMPTY_ENTERED.review,
  narratives: EMPTY_NARRATIVES,
} as unknown as AnnualReportView;

describe('the annual report form', () => {
  it('turns yuan into integer fen without floating-point drift', () => {
    expect(yuanToFen(12.34)).toBe(1234);
    expect(yuanToFen(0.29)).toBe(29);
    expect(yuanToFen(null)).toBe(0);
  });

  it('round-trips the entered cells and sends the version loaded', () => {
    const v = formValuesOf(view);
    expect(v.feeYuan).toBe(1234.56);
    v.review.litigationDirect.total = null;
    const body = saveBody(v, view.version);
    expect(body.expectedVersion).toBe(3);
    expect(body.entered.proactive).toEqual({ licensing: 2, penalty: 1, enforcement: 0, feeFen: 123_456 });
    expect(body.entered.review.litigationDirect.total).toBe(0);
  });

  it('offers this year and the six before, last year by default', () => {
    const today = new Date('2026-01-15T00:00:00Z');
    expect(reportYears(today)).toEqual([2026, 2025, 2024, 2023, 2022, 2021, 2020]);
    expect(defaultReportYear(today)).toBe(2025);
  });
});
