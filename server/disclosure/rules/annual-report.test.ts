import { describe, expect, it } from 'vitest';
import { fenToWanYuan } from '#common/annual-report.ts';
import {
  beijingYearStart,
  proactiveDocuments,
  reportProblems,
  requestTable,
  reviewProblems,
  tableProblems,
  type PolicyHistory,
  type PolicyStep,
  type ReportRequest,
  type RequestTable,
} from './annual-report.ts';

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

describe('section 二 of the annual report: 规章 and 行政规范性文件 from the policy documents’ publication histories', () => {
  const pub = (at: string, metadata: PolicyStep['metadata']): PolicyStep => ({ at, kind: 'publish', metadata });
  const retract = (at: string): PolicyStep => ({ at, kind: 'retract', metadata: {} });
  const normative = (validity: string, writtenOn = '2024-03-01') => ({ isNormative: true, validity, writtenOn });
  const history = (articleId: string, ...steps: PolicyStep[]): PolicyHistory => ({ articleId, steps });

  it('counts a document written and published in the year as issued and in force', () => {
    const c = proactiveDocuments(2025, [history('a', pub('2025-03-05T02:00:00.000Z', normative('valid', '2025-03-01')))]);
    expect(c.normative).toEqual({ issued: 1, repealed: 0, inForce: 1 });
    expect(c.regulations).toEqual({ issued: 0, repealed: 0, inForce: 0 });
  });

  it('counts a 规章 only as a 规章, even when it is also marked normative', () => {
    const c = proactiveDocuments(2025, [
      history('a', pub('2025-05-01T02:00:00.000Z', { isRegulation: true, isNormative: true, validity: 'valid', writtenOn: '2025-04-20' })),
    ]);
    expect(c.regulations).toEqual({ issued: 1, repealed: 0, inForce: 1 });
    expect(c.normative).toEqual({ issued: 0, repealed: 0, inForce: 0 });
  });

  it('counts a repeal in the year its change from in force to repealed or expired was published', () => {
    const c = proactiveDocuments(2025, [
      history('repealed', pub('2024-03-05T02:00:00.000Z', normative('valid')), pub('2025-06-01T02:00:00.000Z', normative('repealed'))),
      history('expired', pub('2024-03-05T02:00:00.000Z', normative('amended')), pub('2025-07-01T02:00:00.000Z', normative('expired'))),
      // repealed last year, a typo corrected this year: not this year's repeal
      history(
        'old',
        pub('2023-03-05T02:00:00.000Z', normative('valid')),
        pub('2024-11-01T02:00:00.000Z', normative('repealed')),
        pub('2025-02-01T02:00:00.000Z', normative('repealed')),
      ),
      // published for the first time already repealed: the repeal date is unknown
      history('backfill', pub('2025-04-01T02:00:00.000Z', normative('repealed', '2010-01-01'))),
    ]);
    expect(c.normative).toEqual({ issued: 0, repealed: 2, inForce: 0 });
  });

  it('uses Beijing midnight as the year boundary', () => {
    // 2025-12-31T17:00Z is 1 January 2026, 01:00 in Beijing: next year's repeal, still in force at the end of 2025.
    const h = history('a', pub('2024-03-05T02:00:00.000Z', normative('valid')), pub('2025-12-31T17:00:00.000Z', normative('repealed')));
    expect(proactiveDocuments(2025, [h]).normative).toEqual({ issued: 0, repealed: 0, inForce: 1 });
    expect(proactiveDocuments(2026, [h]).normative).toEqual({ issued: 0, repealed: 1, inForce: 0 });
    expect(beijingYearStart(2026)).toBe('2025-12-31T16:00:00.000Z');
  });

  it('leaves out documents taken down by the end of the year, and counts a re-published one again', () => {
    const c = proactiveDocuments(2025, [
      history('down', pub('2025-02-01T02:00:00.000Z', normative('valid', '2025-01-20')), retract('2025-09-01T02:00:00.000Z')),
      history(
        'back',
        pub('2024-02-01T02:00:00.000Z', normative('valid')),
        retract('2024-09-01T02:00:00.000Z'),
        pub('2025-03-01T02:00:00.000Z', normative('valid')),
      ),
    ]);
    expect(c.normative).toEqual({ issued: 0, repealed: 0, inForce: 1 });
  });

  it('ignores policy documents that are neither 规章 nor 行政规范性文件', () => {
    const c = proactiveDocuments(2025, [history('a', pub('2025-03-05T02:00:00.000Z', { validity: 'valid', writtenOn: '2025-03-01' }))]);
    expect(c).toEqual({ regulations: { issued: 0, repealed: 0, inForce: 0 }, normative: { issued: 0, repealed: 0, inForce: 0 } });
  });
});

describe('section 四 and the whole report’s checks', () => {
  const block = (upheld: number, corrected: number, other: number, pending: number, total: number) => ({
    upheld,
    corrected,
    other,
    pending,
    total,
  });
  const review = {
    reconsideration: block(1, 1, 0, 1, 3),
    litigationDirect: block(0, 0, 0, 0, 0),
    litigationAfterReconsideration: block(2, 0, 0, 0, 2),
  };

  it('accepts blocks whose 总计 is the sum of the four results', () => {
    expect(reviewProblems(review)).toEqual([]);
  });

  it('reports every block whose 总计 is not the sum, naming it', () => {
    const problems = reviewProblems({ ...review, reconsideration: block(1, 1, 0, 1, 4), litigationDirect: block(1, 0, 0, 0, 0) });
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringContaining('行政复议：'),
      expect.stringContaining('行政诉讼（未经复议直接起诉）'),
    ]);
    expect(problems.every((p) => p.section === 'review' && p.rule === 'reviewTotal')).toBe(true);
  });

  it('returns all problems of the report at once: narratives, section 三’s sums and section 四’s', () => {
    const t = requestTable(2025, [req('natural', '2025-03-01', '2025-03-20', 'disclosed')]);
    t.carriedOut.natural = 5;
    const problems = reportProblems({
      requests: t,
      review: { ...review, litigationDirect: block(1, 0, 0, 0, 0) },
      narratives: { overview: ' ', problems: '', other: '' },
    });
    expect(problems.map((p) => `${p.section}:${p.rule}`)).toEqual([
      'overview:narrativeMissing',
      'requests:inflowEqualsOutflow',
      'requests:rowTotal',
      'review:reviewTotal',
      'problems:narrativeMissing',
    ]);
  });

  it('shows fees in 万元 with four decimals from integer fen', () => {
    expect(fenToWanYuan(0)).toBe('0.0000');
    expect(fenToWanYuan(40_000)).toBe('0.0400');
    expect(fenToWanYuan(123_456_789)).toBe('123.4568');
    expect(fenToWanYuan(149)).toBe('0.0001');
  });
});
