import { describe, expect, it } from 'vitest';
import type { Finding } from '#common/schemas/monitoring.ts';
import { completeGuide } from '#test/guides.ts';
import { applyColumnVetoLines, DEFAULT_FRESHNESS } from './freshness.ts';
import { freshnessFindings, visibleColumns, type ColumnContent, type HostedColumn } from './hosted-freshness.ts';
import { guideFindings, letterFindings, type LetterFacts } from './hosted-services.ts';
import { hostedSiteRoot, judgeHostedSite, publicUrl } from './hosted-site.ts';

const ROOT = 'https://www.example-city.gov.cn/';
const url = (path: string) => publicUrl(ROOT, path);
const ASOF = '2026-11-27';

let ids = 0;
function col(name: string, slug: string, freshnessClass: string, over: Partial<HostedColumn> = {}): HostedColumn {
  return {
    id: `c${++ids}`,
    parentId: null,
    name,
    slug,
    sortOrder: 0,
    freshnessClass,
    freshnessDays: null,
    accepts: null,
    catalogueCategory: null,
    status: 'active',
    ...over,
  };
}
/** Published on the Beijing date `date` at 10:00. */
const on = (date: string, live = 1): ColumnContent => ({ live, newestAt: `${date}T02:00:00.000Z` });
const judge = (columns: HostedColumn[], content: [HostedColumn, ColumnContent][], asOf = ASOF) =>
  freshnessFindings({ asOf, columns, content: new Map(content.map(([c, x]) => [c.id, x])), url });
const of = (findings: Finding[], kind: Finding['kind']) => findings.filter((f) => f.kind === kind);
const item = (code: string, over: Parameters<typeof completeGuide>[1] = {}) => ({
  code,
  path: `/bsfw/sx/${code}.html`,
  guide: completeGuide(code, over),
});
const poor = (code: string) => item(code, { legalBasis: null, conditions: '暂无', place: null, fees: null });

describe('the column tree of a hosted site', () => {
  it('keeps what the public site shows, parents before children, with their folders', () => {
    const news = col('新闻中心', 'xwzx', 'news');
    const local = col('本地要闻', 'bdyw', 'news', { parentId: news.id });
    const closed = col('旧栏目', 'jlm', 'news', { status: 'closed' });
    const underClosed = col('旧栏目下级', 'xj', 'news', { parentId: closed.id });
    const notice = col('通知公告', 'tzgg', 'notice');
    expect(visibleColumns([news, closed, notice, local, underClosed]).map((c) => [c.name, c.path, c.depth])).toEqual([
      ['新闻中心', '/xwzx', 0],
      ['本地要闻', '/xwzx/bdyw', 1],
      ['通知公告', '/tzgg', 0],
    ]);
  });
});

describe('freshness of a hosted site from the database', () => {
  it('judges each column by its own window, counted to the as-of day, and points at the column page', () => {
    const news = col('工作动态', 'gzdt', 'news');
    const policy = col('政策文件', 'zcwj', 'policy', { sortOrder: 1 });
    const custom = col('专项工作', 'zxgz', 'custom', { freshnessDays: 30, sortOrder: 2 });
    const archive = col('历史资料', 'lszl', 'none');
    const out = judge(
      [news, policy, custom, archive],
      [
        [news, on('2026-11-13')],
        [policy, on('2026-05-27')],
        [custom, on('2026-10-27')],
        [archive, on('2020-01-01')],
      ],
    );
    expect(out).toEqual([
      {
        kind: 'column_stale',
        severity: 'deduction',
        url: 'https://www.example-city.gov.cn/zcwj/',
        column: '政策文件',
        lastUpdated: '2026-05-27',
        days: 184,
        detail: '栏目“政策文件”最新信息发布于2026-05-27，已184天未更新（要求183天内）',
        rule: 'deduction.column_stale',
        params: { windowDays: 183, class: 'policy', asOf: ASOF },
      },
      expect.objectContaining({
        kind: 'column_stale',
        column: '专项工作',
        days: 31,
        params: { windowDays: 30, class: 'custom', asOf: ASOF },
      }),
    ]);
    // The day before, 政策文件 and 专项工作 are exactly at the end of their windows: still on time.
    const dayBefore = judge(
      [news, policy, custom],
      [
        [news, on('2026-11-13')],
        [policy, on('2026-05-27')],
        [custom, on('2026-10-27')],
      ],
      '2026-11-26',
    );
    expect(dayBefore).toEqual([]);
  });

  it('counts the newest article under a section, and finds only columns without sub-columns empty', () => {
    const section = col('新闻中心', 'xwzx', 'news');
    const a = col('本地要闻', 'bdyw', 'news', { parentId: section.id });
    const b = col('部门动态', 'bmdt', 'news', { parentId: section.id });
    const out = judge([section, a, b], [[a, on('2026-11-20')]]);
    expect(of(out, 'column_stale')).toEqual([]);
    expect(of(out, 'column_empty')).toEqual([
      {
        kind: 'column_empty',
        severity: 'deduction',
        url: 'https://www.example-city.gov.cn/xwzx/bmdt/',
        column: '部门动态',
        detail: '栏目“部门动态”没有已发布的信息',
        rule: 'deduction.column_empty',
      },
    ]);
    // A section with nothing under it at all is stale (its sub-columns are the empty ones).
    const bare = judge([section, b], []);
    expect(of(bare, 'column_stale')).toMatchObject([
      { column: '新闻中心', detail: '栏目“新闻中心”及其下级栏目没有已发布的信息（要求14天内更新）' },
    ]);
    expect(of(bare, 'column_stale')[0]).not.toHaveProperty('lastUpdated');
  });

  it('leaves alone columns not meant to list articles: links, the request form, the guide page', () => {
    const out = judge(
      [
        col('互动交流', 'hd', 'none', { accepts: [] }),
        col('依申请公开', 'ysq', 'none', { catalogueCategory: 'request' }),
        col('政府信息公开指南', 'zn', 'none', { catalogueCategory: 'guide' }),
        col('政府信息公开制度', 'zd', 'none', { catalogueCategory: 'rules' }),
      ],
      [],
    );
    expect(of(out, 'column_empty').map((f) => f.column)).toEqual(['政府信息公开制度']);
  });

  it('reports the home page when nothing on the site is newer than 14 days, and not before', () => {
    const news = col('工作动态', 'gzdt', 'news', { freshnessClass: 'none' });
    expect(of(judge([news], [[news, on('2026-11-13')]]), 'homepage_stale')).toEqual([]);
    expect(of(judge([news], [[news, on('2026-11-12')]]), 'homepage_stale')).toEqual([
      {
        kind: 'homepage_stale',
        severity: 'veto',
        url: ROOT,
        lastUpdated: '2026-11-12',
        days: 15,
        detail: '网站最新信息发布于2026-11-12，首页已15天未更新（要求14天内）',
        rule: 'veto.homepage_stale',
        params: { windowDays: 14, asOf: ASOF },
      },
    ]);
    expect(of(judge([news], []), 'homepage_stale')).toMatchObject([{ severity: 'veto', detail: '网站没有已发布的信息，首页不更新' }]);
  });

  describe('the national veto lines', () => {
    const stale = (n: number, cls: string, depth: 'top' | 'nested') => {
      const parent = col('上级', `p${ids}`, 'none');
      const cols = Array.from({ length: n }, (_, i) =>
        col(`${cls}-${depth}-${i}`, `s${ids}x${i}`, cls, depth === 'nested' ? { parentId: parent.id } : {}),
      );
      return {
        cols: [parent, ...cols],
        content: [[parent, on('2026-11-26')], ...cols.map((c) => [c, on('2020-01-01')])] as [HostedColumn, ColumnContent][],
      };
    };

    it('vetoes every stale 动态要闻 and first-level 通知公告/政策文件 column once there are five', () => {
      const four = stale(2, 'news', 'nested');
      const two = stale(2, 'notice', 'top');
      const nestedPolicy = stale(1, 'policy', 'nested');
      const below = judge([...four.cols, ...two.cols, ...nestedPolicy.cols], [...four.content, ...two.content, ...nestedPolicy.content]);
      expect(of(below, 'column_stale').map((f) => f.severity)).toEqual(['deduction', 'deduction', 'deduction', 'deduction', 'deduction']);
      const one = stale(1, 'policy', 'top');
      const at = judge(
        [...four.cols, ...two.cols, ...nestedPolicy.cols, ...one.cols],
        [...four.content, ...two.content, ...nestedPolicy.content, ...one.content],
      );
      const staleOnes = of(at, 'column_stale');
      expect(staleOnes.filter((f) => f.severity === 'veto')).toHaveLength(5);
      expect(staleOnes.find((f) => f.severity === 'deduction')?.column).toBe('policy-nested-0');
      expect(staleOnes.find((f) => f.severity === 'veto')).toMatchObject({
        rule: 'veto.column_stale',
        detail: expect.stringContaining('；动态要闻类及通知公告、政策文件类一级栏目共5个不更新，达到单项否决线'),
      });
    });

    it('vetoes every stale column once ten are stale, and every empty column once five are empty', () => {
      const ten = stale(10, 'personnel', 'top');
      expect(
        of(judge(ten.cols, ten.content), 'column_stale').every(
          (f) => f.severity === 'veto' && f.detail.endsWith('；共10个栏目应更新未更新，达到单项否决线'),
        ),
      ).toBe(true);
      const nine = stale(9, 'personnel', 'top');
      expect(of(judge(nine.cols, nine.content), 'column_stale').every((f) => f.severity === 'deduction')).toBe(true);
      const fresh = col('工作动态', 'gzdt', 'news');
      const empties = (n: number) => Array.from({ length: n }, (_, i) => col(`空${i}`, `k${ids}x${i}`, 'none'));
      expect(of(judge([fresh, ...empties(4)], [[fresh, on(ASOF)]]), 'column_empty').map((f) => f.severity)).toEqual(
        Array(4).fill('deduction'),
      );
      expect(of(judge([fresh, ...empties(5)], [[fresh, on(ASOF)]]), 'column_empty')).toEqual(
        Array(5).fill(
          expect.objectContaining({
            severity: 'veto',
            rule: 'veto.column_empty',
            detail: expect.stringMatching(/；共5个空白栏目，达到单项否决线$/),
          }),
        ),
      );
    });

    it('gives a column both reasons when it is past both stale lines, and changes none of its input', () => {
      const finding = (n: number): Finding => ({
        kind: 'column_stale',
        severity: 'deduction',
        url: `${ROOT}${n}/`,
        detail: `栏目${n}`,
        rule: 'deduction.column_stale',
      });
      const input = Array.from({ length: 10 }, (_, i) => ({ finding: finding(i), key: i < 5 }));
      const { stale: out } = applyColumnVetoLines(input, [], DEFAULT_FRESHNESS);
      expect(out[0]!.detail).toBe(
        '栏目0；动态要闻类及通知公告、政策文件类一级栏目共5个不更新，达到单项否决线；共10个栏目应更新未更新，达到单项否决线',
      );
      expect(out[9]!.detail).toBe('栏目9；共10个栏目应更新未更新，达到单项否决线');
      expect(input[0]!.finding).toEqual(finding(0));
    });
  });
});

describe('letters and guides of a hosted site', () => {
  const letter = (over: Partial<LetterFacts>): LetterFacts => ({
    id: 'L1',
    trackingNo: '20260801000001',
    channelName: '咨询',
    consultative: true,
    receivedOn: '2026-08-01',
    dueOn: '2026-08-08',
    replyDays: 5,
    level: 'normal',
    daysOpen: 3,
    pastVetoLine: false,
    vetoDays: 90,
    ...over,
  });

  it('reports letters past their due date, and consultative ones past three months as the veto', () => {
    const out = letterFindings(
      [
        letter({ id: 'ok' }),
        letter({ id: 'late', level: 'overdue', daysOpen: 20 }),
        letter({ id: 'old', level: 'overdue', daysOpen: 118, pastVetoLine: true }),
        letter({ id: 'report', channelName: '我为政府网站找错', consultative: false, level: 'overdue', daysOpen: 118 }),
      ],
      url,
    );
    expect(out.map((f) => [f.url, f.severity, f.rule])).toEqual([
      [`${ROOT}hdjl/xj/late`, 'deduction', 'deduction.letter_reply'],
      [`${ROOT}hdjl/xj/old`, 'veto', 'veto.interaction'],
      [`${ROOT}hdjl/xj/report`, 'deduction', 'deduction.letter_reply'],
    ]);
    expect(out[0]).toMatchObject({
      lastUpdated: '2026-08-01',
      days: 20,
      detail: '信件20260801000001（咨询，2026-08-01收到）已20天未答复，超过答复期限（5个工作日，2026-08-08到期）',
    });
    expect(out[1]!.detail).toBe('信件20260801000001（咨询，2026-08-01收到）已118天未答复，超过3个月（90天），达到单项否决线');
  });

  const required = ['name'] as const;

  it('names the elements a published guide lacks by the configured list', () => {
    const out = guideFindings(
      [item('A-1'), item('A-2', { phone: null, legalTimeLimit: null, promisedTimeLimit: '暂无' }), item('A-3'), item('A-4'), item('A-5')],
      ['name', 'phone', 'timeLimit'],
      url,
    );
    expect(out).toEqual([
      {
        kind: 'guide_incomplete',
        severity: 'deduction',
        url: `${ROOT}bsfw/sx/A-2.html`,
        detail: '办事事项“事项A-2”（A-2）的办事指南缺少：办理时限、联系电话',
        rule: 'deduction.guide_elements',
        params: { missing: ['timeLimit', 'phone'], missingKey: ['phone'] },
      },
    ]);
  });

  it('vetoes the items the national rule 服务不实用 counts, and a site without services', () => {
    const many = guideFindings(
      [poor('B-1'), poor('B-2'), poor('B-3'), poor('B-4'), poor('B-5'), item('B-6', { phone: null })],
      required,
      url,
    );
    expect(many.map((f) => [f.url.split('/').pop(), f.severity])).toEqual([
      ['B-1.html', 'veto'],
      ['B-2.html', 'veto'],
      ['B-3.html', 'veto'],
      ['B-4.html', 'veto'],
      ['B-5.html', 'veto'],
    ]);
    expect(many[0]).toMatchObject({
      rule: 'veto.service_impractical',
      detail:
        '办事事项“事项B-1”（B-1）的办事指南；缺少4类重点要素（设定依据、申请条件、办理地点、收费标准）；网站“服务不实用”（办事指南重点要素缺失 4 类及以上的事项达到 5 个），达到单项否决线',
      params: { missing: [], missingKey: ['legalBasis', 'conditions', 'place', 'fees'], veto: 'tooManyIncomplete' },
    });
    const few = guideFindings([poor('C-1'), poor('C-2')], ['name', 'legalBasis'], url);
    // Fewer than five items, each lacking four key categories.
    expect(few).toEqual(
      ['C-1', 'C-2'].map((code) =>
        expect.objectContaining({
          severity: 'veto',
          detail: expect.stringMatching(
            new RegExp(
              `^办事事项“事项${code}”（${code}）的办事指南缺少：设定依据；缺少4类重点要素.*（事项不足 5 个且每个事项均缺失 4 类及以上重点要素）`,
            ),
          ),
          params: expect.objectContaining({ veto: 'allIncomplete' }),
        }),
      ),
    );
    expect(guideFindings([], required, url)).toEqual([
      {
        kind: 'guide_incomplete',
        severity: 'veto',
        url: `${ROOT}bsfw/`,
        detail: '网站没有已发布的办事事项；网站“服务不实用”（未提供办事服务），达到单项否决线',
        rule: 'veto.service_impractical',
        params: { veto: 'noServices' },
      },
    ]);
  });
});

describe('the public address of a hosted site', () => {
  it('is https on the primary domain, the declared scheme on the same host, the declared address without domains', () => {
    expect(hostedSiteRoot({ domains: ['www.a.gov.cn', 'a.gov.cn'], baseUrl: null })).toBe('https://www.a.gov.cn/');
    expect(hostedSiteRoot({ domains: ['www.a.gov.cn'], baseUrl: 'http://www.a.gov.cn/index.html' })).toBe('http://www.a.gov.cn/');
    expect(hostedSiteRoot({ domains: ['www.a.gov.cn'], baseUrl: 'http://old.a.gov.cn/' })).toBe('https://www.a.gov.cn/');
    expect(hostedSiteRoot({ domains: [], baseUrl: 'http://www.b.gov.cn/portal/' })).toBe('http://www.b.gov.cn/');
    expect(hostedSiteRoot({ domains: [], baseUrl: null })).toBeNull();
    expect(publicUrl('https://www.a.gov.cn/', '/xwdt/zwyw/')).toBe('https://www.a.gov.cn/xwdt/zwyw/');
    expect(publicUrl(null, '/xwdt/')).toBe('/xwdt/');
  });

  it('never reports a missing publication time: every article on the platform has one', () => {
    const news = col('工作动态', 'gzdt', 'news');
    const out = judgeHostedSite({
      asOf: ASOF,
      root: ROOT,
      columns: [news],
      content: new Map([[news.id, on('2026-11-01')]]),
      letters: [],
      services: [item('D-1')],
      requiredElements: ['name'],
    });
    expect(out.map((f) => f.kind)).toEqual(['homepage_stale', 'column_stale']);
  });
});
