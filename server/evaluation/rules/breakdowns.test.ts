import { describe, expect, it } from 'vitest';
import { byCategory, byCounty, countyOf, interactionRanking, type BreakdownResult, type OrgNode } from './breakdowns.ts';
import { NATIONAL_2019 } from './systems/index.ts';

const orgs = new Map<string, OrgNode>(
  [
    { id: 'city', name: '示例市人民政府', parentId: null, level: 'city' },
    { id: 'edu', name: '示例市教育局', parentId: 'city', level: 'department' },
    { id: 'xian', name: '示例县人民政府', parentId: 'city', level: 'county' },
    { id: 'xian-edu', name: '示例县教育局', parentId: 'xian', level: 'department' },
    { id: 'qu', name: '示例区人民政府', parentId: 'city', level: 'county' },
  ].map((o) => [o.id, o]),
);
const code = (category: string, kind: 'veto' | 'deduction') =>
  NATIONAL_2019.items.find((i) => i.category === category && i.kind === kind)!.code;

const result = (over: Partial<BreakdownResult> & Pick<BreakdownResult, 'siteId'>): BreakdownResult => ({
  siteName: over.siteId,
  state: 'scored',
  verdict: 'pass',
  score: 90,
  vetoes: [],
  deductions: [],
  ...over,
});

describe('the breakdowns of a spot check', () => {
  it('finds the county an org sits under, and none for city-level orgs', () => {
    expect(countyOf('xian-edu', orgs)?.name).toBe('示例县人民政府');
    expect(countyOf('xian', orgs)?.name).toBe('示例县人民政府');
    expect(countyOf('edu', orgs)).toBeNull();
    expect(countyOf('missing', orgs)).toBeNull();
  });

  it('counts pass rate and average score per county, city-level sites first', () => {
    const results = [
      result({ siteId: 'a', score: 90 }),
      result({ siteId: 'b', score: 50, verdict: 'fail' }),
      result({ siteId: 'c', score: null, verdict: 'fail', vetoes: [{ code: code('update', 'veto') }] }),
      result({ siteId: 'd', score: 80 }),
      result({ siteId: 'e', state: 'pending', verdict: null, score: null }),
    ];
    const county = new Map([
      ['a', null],
      ['b', null],
      ['c', orgs.get('xian')!],
      ['d', orgs.get('xian')!],
      ['e', orgs.get('qu')!],
    ]);
    // City-level sites first, then the counties in pinyin order (区 qū before 县 xiàn).
    expect(byCounty(results, county)).toEqual([
      { countyId: null, county: '市级', sites: 2, scored: 2, pass: 1, fail: 1, passRate: 50, averageScore: 70 },
      { countyId: 'qu', county: '示例区人民政府', sites: 1, scored: 0, pass: 0, fail: 0, passRate: null, averageScore: null },
      { countyId: 'xian', county: '示例县人民政府', sites: 2, scored: 2, pass: 1, fail: 1, passRate: 50, averageScore: 80 },
    ]);
  });

  it('counts the sites, items, points and vetoes of each kind of problem', () => {
    const rows = byCategory(
      [
        result({ siteId: 'a', deductions: [{ code: code('interaction', 'deduction'), points: 2 }] }),
        result({ siteId: 'b', vetoes: [{ code: code('interaction', 'veto') }], score: null, verdict: 'fail' }),
        result({ siteId: 'c', deductions: [{ code: code('update', 'deduction'), points: 1.5 }] }),
      ],
      NATIONAL_2019,
    );
    expect(rows.map((r) => r.label)).toEqual(['更新不及时', '发布不准确', '互动不回应', '服务不实用', '功能和可用性']);
    expect(rows.find((r) => r.category === 'interaction')).toMatchObject({ sites: 2, items: 2, points: 2, vetoes: 1 });
    expect(rows.find((r) => r.category === 'update')).toMatchObject({ sites: 1, items: 1, points: 1.5, vetoes: 0 });
  });

  it('ranks interaction only among sites with enough letters: a quiet site cannot top it', () => {
    const lost = (points: number) => [{ code: code('interaction', 'deduction'), points }];
    const results = [
      result({ siteId: 'quiet' }),
      result({ siteId: 'busy', deductions: lost(1) }),
      result({ siteId: 'busier', deductions: lost(1) }),
      result({ siteId: 'worse', deductions: lost(4) }),
      result({ siteId: 'silent', vetoes: [{ code: code('interaction', 'veto') }], score: null, verdict: 'fail' }),
      result({ siteId: 'stale', vetoes: [{ code: code('update', 'veto') }], score: null, verdict: 'fail' }),
    ];
    const letters = new Map([
      ['quiet', 2],
      ['busy', 40],
      ['busier', 80],
      ['worse', 30],
      ['silent', 25],
      ['stale', 50],
    ]);
    const r = interactionRanking(results, NATIONAL_2019, letters, 10);
    expect(r.ranked.map((x) => [x.rank, x.siteId, x.lost])).toEqual([
      [1, 'busier', 1],
      [1, 'busy', 1],
      [3, 'worse', 4],
      [4, 'silent', null],
    ]);
    expect(r.unranked).toEqual([
      { siteId: 'quiet', siteName: 'quiet', letters: 2, reason: 'fewLetters' },
      { siteId: 'stale', siteName: 'stale', letters: 50, reason: 'vetoed' },
    ]);
    // Without the rule the quiet site, which lost nothing, would be first.
    expect(interactionRanking(results, NATIONAL_2019, letters, 0).ranked[0]?.siteId).toBe('quiet');
  });
});
