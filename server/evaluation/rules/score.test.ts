import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../common/schemas/monitoring.ts';
import type { ManualResult } from '../../../common/schemas/evaluation.ts';
import { lostItem, scoreSite } from './score.ts';
import { CENSUS_2015, NATIONAL_2019 } from './systems/index.ts';

const HOME = 'http://www.example.gov.cn/';
let n = 0;
const finding = (over: Partial<Finding> & Pick<Finding, 'kind'>): Finding => ({
  severity: 'deduction',
  url: `${HOME}p${++n}.html`,
  detail: '构造的问题',
  rule: 'test',
  ...over,
});
const brokenOn = (page: string) => finding({ kind: 'broken_link', parent: page });
const score = (findings: Finding[], manual: Record<string, ManualResult> = {}, noExternalServices = false) =>
  scoreSite(NATIONAL_2019, { findings, homeUrls: [HOME], manual, noExternalServices });

describe('scoring a site against the 2019 table', () => {
  it.each([
    ['wording_error', '安全、泄密事故等严重问题'],
    ['site_unreachable', '站点无法访问'],
    ['homepage_stale', '首页不更新'],
    ['column_stale', '栏目不更新'],
    ['column_empty', '栏目不更新'],
    ['letter_unanswered', '互动回应差'],
    ['guide_incomplete', '服务不实用'],
  ] as const)('a veto-level %s finding vetoes 「%s」 and stops the scoring', (kind, indicator) => {
    const veto = finding({ kind, severity: 'veto' });
    const e = score([veto, brokenOn(HOME), finding({ kind, severity: 'deduction' })]);
    expect(e).toMatchObject({ verdict: 'fail', score: null, deductionScore: null, deductions: [], bonuses: [] });
    expect(e.vetoes).toEqual([{ code: expect.any(String), indicator, findings: [veto] }]);
  });

  it('takes a veto the checker recorded, and lists the veto checks nobody has recorded yet', () => {
    expect(
      score([])
        .notAssessed.filter((x) => x.code.startsWith('veto.'))
        .map((x) => x.indicator),
    ).toEqual(['安全、泄密事故等严重问题', '互动回应差', '服务不实用']);
    const e = score([], { 'veto.serious': { veto: true, note: '链接了色情网站', sample: ['http://x/'] } });
    expect(e.vetoes).toEqual([
      {
        code: 'veto.serious',
        indicator: '安全、泄密事故等严重问题',
        findings: [],
        manual: { veto: true, note: '链接了色情网站', sample: ['http://x/'] },
      },
    ]);
    expect(e.verdict).toBe('fail');
  });

  it('does not check 服务不实用 or 办事服务 for a site without external services, and scales its score out of 75 by 4/3', () => {
    const veto = finding({ kind: 'guide_incomplete', severity: 'veto' });
    const e = score([veto], { 'd.guides': { points: 8 }, 'd.submission': { points: 7.5 } }, true);
    expect(e.vetoes).toEqual([]);
    expect(e.deductions.map((d) => d.indicator)).toEqual(['互动交流/信息提交']);
    // 信息提交 is capped at 7: (75 − 7) × 4/3 = 90.67.
    expect(e.deductions[0]?.points).toBe(7);
    expect(e.deductionScore).toBe(90.67);
    expect(e.notAssessed.some((x) => x.indicator.startsWith('办事服务/'))).toBe(false);
  });

  it('charges broken links 0.2 on the home page and 0.1 elsewhere, at most 1 point, with every link behind it', () => {
    const links = [brokenOn(HOME), brokenOn(HOME), brokenOn(`${HOME}a.html`)];
    expect(score(links).deductions).toEqual([{ code: 'd.links', indicator: '功能设计/可用性', points: 0.5, findings: links }]);
    const many = Array.from({ length: 30 }, (_, i) => brokenOn(`${HOME}p${i}.html`));
    const capped = score(many);
    expect(capped.deductions[0]).toMatchObject({ indicator: '功能设计/可用性', points: 1 });
    expect(capped.deductions[0]?.findings).toHaveLength(30);
    expect(capped.score).toBe(99);
  });

  it('charges each missing footer element 0.5, the 找错 entry 1 on the home page and 0.2 for each other page, page tags 0.1 for at most 5 pages', () => {
    const e = score([
      finding({ kind: 'identity_missing', element: 'siteCode' }),
      finding({ kind: 'identity_missing', element: 'icp' }),
      finding({ kind: 'identity_missing', element: 'errorReport', params: { pages: 3, home: true } }),
      finding({ kind: 'meta_missing', element: 'article', params: { pages: 40 } }),
      finding({ kind: 'meta_missing', element: 'column', params: { pages: 2 } }),
      finding({ kind: 'meta_missing', element: 'home', params: { pages: 1 } }),
    ]);
    expect(Object.fromEntries(e.deductions.map((d) => [d.indicator, d.points]))).toEqual({
      '功能设计/网站标识': 1,
      '功能设计/“我为政府网站找错”（入口）': 1,
      '功能设计/页面标签': 0.7,
    });
    expect(e.score).toBe(97.3);
    const away = score([finding({ kind: 'identity_missing', element: 'errorReport', params: { pages: 3, home: false } })]);
    expect(away.deductions[0]?.points).toBe(0.6);
  });

  it('charges a stale column once, under the first item that takes it: 动态要闻 5, 政策文件 5, 政策解读 5, others 1 (empty 2), 其他栏目 at most 4', () => {
    const news = [
      finding({ kind: 'column_stale', column: '工作动态', params: { class: 'news' } }),
      finding({ kind: 'column_stale', column: '部门动态', params: { class: 'news' } }),
    ];
    const policyEmpty = finding({ kind: 'column_empty', column: '政策文件', params: { class: 'policy' } });
    const reading = finding({ kind: 'column_stale', column: '政策解读', params: { class: 'custom' } });
    const others = [
      finding({ kind: 'column_stale', column: '人事信息', params: { class: 'personnel' } }),
      finding({ kind: 'column_empty', column: '专题专栏' }),
      finding({ kind: 'column_empty', column: '公示公告', params: { class: 'notice' } }),
    ];
    const e = score([...news, policyEmpty, reading, ...others]);
    expect(e.deductions.map((d) => [d.indicator, d.points, d.findings.length])).toEqual([
      ['发布解读/动态要闻', 5, 2],
      ['发布解读/政策文件', 5, 1],
      ['发布解读/政策解读', 5, 1],
      ['发布解读/其他栏目', 4, 3],
    ]);
    expect(e.score).toBe(81);
  });

  it('passes at exactly 60 and fails just below', () => {
    // 40 points lost by hand: 办理答复 7, 信息提交 7, 留言公开 6, 在线申请 5, 内容准确 5, 办事指南 8, 机构职能 2.
    const forty = {
      'd.mock-consultation': { points: 7 },
      'd.submission': { points: 7 },
      'd.letters-public': { points: 6 },
      'd.online-application': { points: 5 },
      'd.guide-accuracy': { points: 5 },
      'd.guides': { points: 8, sample: ['事项一', '事项二', '事项三', '事项四', '事项五'] },
      'd.functions': { points: 2 },
    };
    const sixty = score([], forty);
    expect(sixty).toMatchObject({ verdict: 'pass', score: 60, deductionScore: 60, bonus: 0 });
    expect(sixty.deductions.find((d) => d.code === 'd.guides')?.manual?.sample).toHaveLength(5);
    expect(score([brokenOn(`${HOME}x.html`)], forty)).toMatchObject({ verdict: 'fail', score: 59.9 });
  });

  it('adds the bonus only above 80, within each item’s and group’s cap', () => {
    const twenty = { 'd.mock-consultation': { points: 7 }, 'd.submission': { points: 7 }, 'd.letters-public': { points: 6 } };
    const bonus = { 'b.innovation': { points: 3 }, 'b.data': { points: 9 }, 'b.interpretation-forms': { points: 3 } };
    expect(score([], { ...twenty, ...bonus })).toMatchObject({ verdict: 'pass', deductionScore: 80, bonus: 0, score: 80, bonuses: [] });
    const above = score([], { ...twenty, 'd.letters-public': { points: 5.9 }, ...bonus });
    // 数据发布 is capped at 4; 信息发布 (7) holds 4 + 3.
    expect(above).toMatchObject({ deductionScore: 80.1, bonus: 10, score: 90.1 });
    expect(above.bonuses.map((b) => [b.indicator, b.points])).toEqual([
      ['信息发布/数据发布', 4],
      ['信息发布/解读回应', 3],
      ['创新发展/创新发展', 3],
    ]);
  });

  it('lists the items scored by hand that have no recorded result, and costs them nothing', () => {
    const e = score([]);
    expect(e).toMatchObject({ verdict: 'pass', score: 100 });
    expect(e.notAssessed.map((x) => x.indicator)).toContain('发布解读/解读比例');
    expect(e.notAssessed.map((x) => x.indicator)).toContain('信息发布/数据发布');
    expect(
      score([], { 'd.interpretation-ratio': { points: 1, sample: ['文件一', '文件二', '文件三'] } }).notAssessed.map((x) => x.code),
    ).not.toContain('d.interpretation-ratio');
  });
});

describe('scoring a site against the 2015 census values', () => {
  const score15 = (findings: Finding[], manual: Record<string, ManualResult> = {}) =>
    scoreSite(CENSUS_2015, { findings, homeUrls: [HOME], manual });

  it('charges 5 points for each percent of failed probes, 1 for each broken home-page link, and never goes below zero', () => {
    const probes = finding({ kind: 'site_unreachable', params: { probes: 336, failures: 10 } });
    const e = score15([probes, brokenOn(HOME), brokenOn(`${HOME}a.html`)]);
    // 10 / 336 = 2.98 % → 2 whole percent → 10 points; links 1 + 0.1.
    expect(e.deductions.map((d) => [d.indicator, d.points])).toEqual([
      ['网站可用性/首页可用性', 10],
      ['网站可用性/链接可用性', 1.1],
    ]);
    expect(e.score).toBe(88.9);
    const stale = Array.from({ length: 30 }, (_, i) =>
      finding({ kind: 'column_stale', column: `人事${i}`, params: { class: 'personnel' } }),
    );
    expect(score15(stale)).toMatchObject({ verdict: 'fail', score: 0, deductions: [{ indicator: '信息更新情况/基本信息', points: 150 }] });
  });

  it('charges stale columns by class: 动态要闻 3, 通知公告/政策文件 4, 人事/规划计划 5 each', () => {
    const e = score15([
      finding({ kind: 'column_stale', params: { class: 'news' } }),
      finding({ kind: 'column_stale', params: { class: 'notice' } }),
      finding({ kind: 'column_stale', params: { class: 'policy' } }),
      finding({ kind: 'column_empty', params: { class: 'plan' } }),
    ]);
    expect(e.deductions).toMatchObject([{ indicator: '信息更新情况/基本信息', points: 16 }]);
  });
});

describe('what one item loses now (the re-check of a rectification task)', () => {
  it('finds a deduction behind a veto elsewhere, and nothing once its findings are gone', () => {
    const links = [brokenOn(`${HOME}a.html`), brokenOn(`${HOME}b.html`)];
    const veto = finding({ kind: 'homepage_stale', severity: 'veto' });
    // The site is vetoed, so its score names no deduction, yet the broken links still lose points.
    expect(score([veto, ...links]).deductions).toEqual([]);
    const lost = lostItem(NATIONAL_2019, 'd.links', { findings: [veto, ...links], homeUrls: [HOME] });
    expect(lost).toMatchObject({ code: 'd.links', points: 0.2, findings: links });
    expect(lostItem(NATIONAL_2019, 'd.links', { findings: [veto], homeUrls: [HOME] })).toBeUndefined();
    expect(lostItem(NATIONAL_2019, 'veto.homepage', { findings: [veto] })).toMatchObject({ code: 'veto.homepage', findings: [veto] });
    expect(lostItem(NATIONAL_2019, 'veto.homepage', { findings: links })).toBeUndefined();
    expect(lostItem(NATIONAL_2019, 'no.such.item', { findings: [veto] })).toBeUndefined();
  });
});
