import { describe, expect, it } from 'vitest';
import { requestTable, tableProblems, type ReportRequest, type RequestTable } from './annual-report.ts';

const req = (category: string, receivedOn: string, closedOn: string | null = null, outcome: string | null = null): ReportRequest => ({
  category,
  receivedOn,
  closedOn,
  outcome,
});
const row = (t: RequestTable, code: string) => t.results.find((r) => r.code === code)!.cells;

describe('section 三 of the annual report', () => {
  const requests = [
    req('natural', '2024-12-20', '2025-01-10', 'disclosed'), // carried in, closed this year
    req('natural', '2024-11-02', '2024-12-01', 'disclosed'), // closed last year: not counted
    req('commercial', '2024-12-28'), // carried in, still open: carried out too
    req('natural', '2025-03-01', '2025-03-20', 'partlyDisclosed'),
    req('natural', '2025-04-01', '2025-04-30', 'withheld.thirdPartyRights'),
    req('research', '2025-05-05', '2025-05-30', 'unavailable.notHeld'),
    req('legalService', '2025-06-01', '2025-06-25', 'other.noAmendment'),
    req('publicWelfare', '2025-07-01', '2025-07-29', 'other.unpaid'),
    req('otherOrg', '2025-08-01', '2025-08-20', 'notProcessed.repeat'),
    req('natural', '2025-12-30'), // open at the end of the year
    req('natural', '2025-12-15', '2026-01-05', 'disclosed'), // closed next year: carried out
    req('natural', '2026-01-03', '2026-01-04', 'disclosed'), // next year's
  ];
  const t = requestTable(2025, requests);

  it('counts new requests of the year and those carried in from the year before, by applicant', () => {
    expect(t.newThisYear).toMatchObject({
      natural: 4,
      commercial: 0,
      research: 1,
      publicWelfare: 1,
      legalService: 1,
      otherOrg: 1,
      total: 8,
    });
    expect(t.carriedIn).toMatchObject({ natural: 1, commercial: 1, total: 2 });
  });

  it('puts each request closed in the year in the row of how it closed, abandonments under 其他处理', () => {
    expect(row(t, 'disclosed')).toMatchObject({ natural: 1, total: 1 });
    expect(row(t, 'partlyDisclosed').total).toBe(1);
    expect(row(t, 'withheld.thirdPartyRights').total).toBe(1);
    expect(row(t, 'unavailable.notHeld')).toMatchObject({ research: 1, total: 1 });
    expect(row(t, 'other.noAmendment')).toMatchObject({ legalService: 1, total: 1 });
    expect(row(t, 'other.unpaid')).toMatchObject({ publicWelfare: 1, total: 1 });
    expect(row(t, 'notProcessed.repeat')).toMatchObject({ otherOrg: 1, total: 1 });
    expect(t.resultTotal.total).toBe(7);
    expect(t.results).toHaveLength(21);
  });

  it('carries open requests into the next year, including those closed only after it', () => {
    expect(t.carriedOut).toMatchObject({ natural: 2, commercial: 1, total: 3 });
  });

  it('satisfies every cross-sum rule: 一 + 二 = 三(七) + 四 per column, (七) = the rows, 总计 = the applicants', () => {
    expect(tableProblems(t)).toEqual([]);
    expect(t.newThisYear.total + t.carriedIn.total).toBe(t.resultTotal.total + t.carriedOut.total);
  });

  it('reports each broken rule of a table changed by hand, with the column or row it concerns', () => {
    const edited = structuredClone(t);
    edited.carriedOut.natural += 1;
    edited.carriedOut.total += 1;
    row(edited, 'disclosed').natural += 1;
    const problems = tableProblems(edited);
    expect(problems.map((p) => p.rule).sort()).toEqual(['inflowEqualsOutflow', 'inflowEqualsOutflow', 'resultTotal', 'rowTotal']);
    expect(problems.find((p) => p.rule === 'rowTotal')!.message).toContain('予以公开');
    expect(problems.find((p) => p.rule === 'resultTotal')!.message).toContain('自然人');
  });

  it('gives an empty table for a year without requests, which still balances', () => {
    const empty = requestTable(2030, requests);
    expect(empty.newThisYear.total + empty.carriedIn.total).toBe(empty.carriedOut.total);
    expect(tableProblems(empty)).toEqual([]);
  });
});
