import { describe, expect, it } from 'vitest';
import { identityOf } from './identity.ts';
import { findDate, readPage } from './page-facts.ts';
import { createSiteAnalyser, DEFAULT_ANALYSIS } from './site-analysis.ts';
import { resolveListDate } from './freshness.ts';

const HOME = 'http://site.test/';
const FOOTER =
  '<div>主办单位：某县人民政府办公室 联系电话：0812-1234567 网站标识码：5104210001 蜀ICP备05001234号 川公网安备 51042102000123号 <a href="https://bszs.conac.cn/x">党政机关网站标识</a> <a href="https://zfwzzc.www.gov.cn/">我为政府网站找错</a></div>';
const list = (name: string, items: [string, string][]) =>
  `<title>${name}_某县</title><meta name="ColumnName" content="${name}"><ul>${items.map(([t, d]) => `<li><a href="/${encodeURIComponent(t)}.html">${t}</a><span>${d}</span></li>`).join('')}</ul>${FOOTER}`;

function analyse(
  pages: { url: string; html: string; depth: number; parent: string | null }[],
  asOf: string,
  wording?: Parameters<typeof createSiteAnalyser>[0]['wording'],
) {
  const a = createSiteAnalyser({ homeUrl: HOME, asOf, ...(wording ? { wording } : {}) });
  for (const p of pages) a.page({ url: p.url, depth: p.depth, parent: p.parent, facts: readPage(p.html, p.url) });
  return a.finish();
}

describe('the site analysis', () => {
  it('finds dates the way lists write them', () => {
    expect(['2017-09-01', '2017年9月1日', '2017/9/1', '2017.09.01', '[09-01]', '发布：2017 年 9 月 1 日'].map(findDate)).toEqual([
      '2017-09-01',
      '2017-09-01',
      '2017-09-01',
      '2017-09-01',
      '--09-01',
      '2017-09-01',
    ]);
    expect(['2017-13-01', '电话 0812-1234567', '第3-5条'].map(findDate)).toEqual([null, null, null]);
    // A list without years: this year's date unless that is still to come.
    expect(resolveListDate('--09-01', '2017-10-15')).toBe('2017-09-01');
    expect(resolveListDate('--12-01', '2017-10-15')).toBe('2016-12-01');
  });

  it('judges a navigation-only home page by its second-level pages, and counts nothing published after the as-of day', () => {
    const pages = [
      { url: HOME, html: `<title>某县</title><ul><li><a href="/gzdt/">工作动态</a></li></ul>${FOOTER}`, depth: 0, parent: null },
      {
        url: 'http://site.test/gzdt/',
        html: list('工作动态', [
          ['新闻一', '2017-10-10'],
          ['新闻二', '2017-11-20'],
        ]),
        depth: 1,
        parent: HOME,
      },
    ];
    const fresh = analyse(pages, '2017-10-15');
    expect(fresh.filter((f) => f.kind === 'homepage_stale' || f.kind === 'column_stale')).toEqual([]);
    // On 2017-11-01 the newest item of the day (10-10) is 22 days old: both stale; the 11-20 item did not exist yet.
    const later = analyse(pages, '2017-11-01');
    expect(later.find((f) => f.kind === 'homepage_stale')).toMatchObject({ severity: 'veto', lastUpdated: '2017-10-10', days: 22 });
    expect(later.find((f) => f.kind === 'column_stale')).toMatchObject({ column: '工作动态', severity: 'deduction', days: 22 });
  });

  it('turns stale and empty columns into vetoes at the national lines (5 key columns; 5 empty)', () => {
    const news = ['工作动态', '部门动态', '乡镇动态', '图片新闻', '政务要闻'];
    const empty = ['政策解读', '财政信息', '应急管理', '统计信息', '专题专栏'];
    const pages = [
      { url: HOME, html: `<title>某县</title><ul><li><a href="/a.html">新闻</a> 2017-10-14</li></ul>${FOOTER}`, depth: 0, parent: null },
      ...news.map((n, i) => ({ url: `http://site.test/n${i}/`, html: list(n, [['旧闻', '2017-01-01']]), depth: 1, parent: HOME })),
      ...empty.map((n, i) => ({
        url: `http://site.test/e${i}/`,
        html: `<title>${n}</title><meta name="ColumnName" content="${n}"><p>暂无信息</p>${FOOTER}`,
        depth: 1,
        parent: HOME,
      })),
    ];
    const f = analyse(pages, '2017-10-15');
    expect(f.filter((x) => x.kind === 'column_stale').map((x) => x.severity)).toEqual(Array(5).fill('veto'));
    expect(f.filter((x) => x.kind === 'column_empty').map((x) => x.severity)).toEqual(Array(5).fill('veto'));
    expect(f.find((x) => x.kind === 'column_stale')!.detail).toContain('达到单项否决线');
    // Four of each stay deductions.
    const fewer = analyse(pages.slice(0, 5).concat(pages.slice(6, 10)), '2017-10-15');
    expect(new Set(fewer.filter((x) => x.kind === 'column_stale' || x.kind === 'column_empty').map((x) => x.severity))).toEqual(
      new Set(['deduction']),
    );
    expect(DEFAULT_ANALYSIS.vetoStaleKey).toBe(5);
  });

  it('reads the identity footer, and tells a malformed site code from a missing one', () => {
    const ok = identityOf(readPage(`<p>正文</p>${FOOTER}`, HOME));
    expect(Object.values(ok).every((e) => e.present && !e.problem)).toBe(true);
    const bad = identityOf(readPage('<p>网站标识码：51042 主办：某县政府</p>', HOME));
    expect(bad.siteCode).toMatchObject({ present: true, problem: expect.stringContaining('格式不正确') });
    expect(bad.sponsor.present).toBe(true);
    expect(bad.icp.present).toBe(false);
    const f = analyse(
      [{ url: HOME, html: '<title>某县</title><p>网站标识码：51042</p><li><a href="/x">x</a> 2017-10-14</li>', depth: 0, parent: null }],
      '2017-10-15',
    );
    expect(f.find((x) => x.kind === 'identity_missing' && x.element === 'siteCode')!.detail).toContain('格式不正确');
    expect(
      f
        .filter((x) => x.kind === 'identity_missing')
        .map((x) => x.element)
        .sort(),
    ).toEqual(['contact', 'errorReport', 'icp', 'partyGovMark', 'psb', 'siteCode', 'sponsor'].sort());
  });

  it('takes /index.html for the home page it is, not for a column page without its tags', () => {
    const home = `<title>某县</title><meta name="SiteName" content="某县"><meta name="SiteDomain" content="site.test"><meta name="SiteIDCode" content="5104210001"><ul><li><a href="/a.html">甲</a> 2017-10-14</li><li><a href="/b.html">乙</a> 2017-10-13</li><li><a href="/c.html">丙</a> 2017-10-12</li></ul>${FOOTER}`;
    const pages = (alias: string) => [
      { url: HOME, html: home, depth: 0, parent: null },
      { url: `${HOME}${alias}`, html: home, depth: 1, parent: HOME },
    ];
    expect(analyse(pages('index.html'), '2017-10-15').filter((f) => f.kind === 'meta_missing')).toEqual([]);
    // Another page with the same lists is a column page, and lacks its column tags.
    expect(
      analyse(pages('list.html'), '2017-10-15')
        .filter((f) => f.kind === 'meta_missing')
        .map((f) => f.element),
    ).toEqual(['column']);
  });

  it('reports wording errors with the page and a snippet; serious ones are vetoes', () => {
    const wording = (text: string) => {
      const at = text.indexOf('付市长');
      return at < 0 ? [] : [{ serious: true, start: at, end: at + 3, message: '：张三的职务应为“市长”' }];
    };
    const f = analyse(
      [{ url: HOME, html: `<title>某县</title><p>张三付市长出席会议 2017-10-14</p>${FOOTER}`, depth: 0, parent: null }],
      '2017-10-15',
      wording,
    );
    expect(f.find((x) => x.kind === 'wording_error')).toMatchObject({
      severity: 'veto',
      url: HOME,
      snippet: expect.stringContaining('付市长'),
    });
  });
});
