import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { page, serveDirectory, serveFixtureSite, type FixtureSite } from '#test/fixture-site.ts';
import { createTestDeps, type TestDeps } from '#test/support.ts';
import { evaluateUrl } from './commands/evaluate-url.ts';

const FIXTURE = path.resolve(import.meta.dirname, '../../test/fixtures/external-site');
const crawl = { intervalMs: 0, timeoutMs: 2_000, retryBaseMs: 5, checkExternal: false };

const FOOTER =
  '<div class="footer"><p>主办单位：某县人民政府办公室　联系电话：0812-1234567</p>' +
  '<p>网站标识码：5104000001　蜀ICP备05001234号　川公网安备 51042102000123号</p>' +
  '<p><a href="https://zfwzzc.www.gov.cn/">我为政府网站找错</a> <a href="https://bszs.conac.cn/"><img src="/red.png" alt="党政机关"></a></p></div>';
const tags = (column: string, extra: Record<string, string> = {}) => ({
  SiteName: '某县人民政府',
  SiteDomain: 'www.example.gov.cn',
  SiteIDCode: '5104000001',
  ColumnName: column,
  ColumnType: '动态',
  ...extra,
});

/** A tidy county site: fresh news, a complete footer and tags, two broken links (one on the home page). */
function tidySite() {
  const article = (title: string, date: string) =>
    page(
      title,
      `<h1>${title}</h1><p>发布时间：${date}</p><p>正文。</p>${FOOTER}`,
      tags('工作动态', { ArticleTitle: title, PubDate: `${date} 09:00`, ContentSource: '县政府办' }),
    );
  return serveFixtureSite({
    '/': page(
      '某县人民政府',
      `<h2>工作动态</h2><ul><li><a href="/gzdt/a1.html">全县秋季农业生产会议召开</a> 2017-10-12</li>` +
        `<li><a href="/gzdt/a2.html">县政府召开常务会议</a> 2017-10-09</li></ul><a href="/gzdt/">更多</a> <a href="/gone.html">旧页面</a>${FOOTER}`,
      tags('首页'),
    ),
    '/gzdt/': page(
      '工作动态',
      `<ul><li><a href="/gzdt/a1.html">全县秋季农业生产会议召开</a> 2017-10-12</li><li><a href="/gzdt/a2.html">县政府召开常务会议</a> 2017-10-09</li></ul>${FOOTER}`,
      tags('工作动态'),
    ),
    '/gzdt/a1.html': article('全县秋季农业生产会议召开', '2017-10-12'),
    '/gzdt/a2.html': article('县政府召开常务会议', '2017-10-09').replace('正文。', '正文。<a href="/files/old.doc">附件</a>'),
    '/red.png': { body: 'png', type: 'image/png' },
  });
}

describe('evaluating any site by its URL', () => {
  let deps: TestDeps;
  let legacy: FixtureSite;
  let tidy: FixtureSite;
  beforeAll(async () => {
    deps = await createTestDeps({ now: '2017-10-15T02:00:00Z' });
    legacy = await serveDirectory(FIXTURE);
    tidy = await tidySite();
  });
  afterAll(async () => {
    await Promise.all([legacy.close(), tidy.close()]);
    await deps.db.close();
  });

  it('fails the demo external site on the vetoes its planted problems imply, and scores nothing else', async () => {
    const { report, evaluation } = await evaluateUrl(deps, { url: legacy.url('/'), asOf: '2017-10-15', crawl });
    expect(report).toMatchObject({
      url: legacy.url('/'),
      asOf: '2017-10-15',
      system: 'national-2019',
      verdict: 'fail',
      score: null,
      deductions: [],
    });
    expect(report.vetoes.map((v) => v.indicator)).toEqual(['首页不更新', '互动回应差']);
    expect(report.vetoes[0]?.findings.map((f) => f.kind)).toEqual(['homepage_stale']);
    expect(report.vetoes[1]?.findings.map((f) => [f.kind, f.severity, f.url.slice(legacy.origin.length)])).toEqual([
      ['letter_unanswered', 'veto', '/zxzx/q1.html'],
    ]);
    expect(evaluation.deductionScore).toBeNull();
  });

  it('passes a tidy site and takes off exactly what its findings cost, each with the findings behind it', async () => {
    const { report, evaluation, monitor } = await evaluateUrl(deps, { url: tidy.url('/'), asOf: '2017-10-15', crawl });
    expect(monitor.findings.map((f) => f.kind).sort()).toEqual(['broken_link', 'broken_link']);
    expect(report).toMatchObject({ verdict: 'pass', vetoes: [], score: 99.7 });
    expect(report.deductions).toHaveLength(1);
    expect(report.deductions[0]).toMatchObject({ indicator: '功能设计/可用性', points: 0.3 });
    expect(report.deductions[0]?.findings.map((f) => f.url.slice(tidy.origin.length)).sort()).toEqual(['/files/old.doc', '/gone.html']);
    // The manual items of the table were not checked, and the evaluation says so.
    expect(evaluation.notAssessed.map((x) => x.indicator)).toContain('互动交流/办理答复');
  });

  it('scores against the 2015 census values when asked, and refuses a system it does not have', async () => {
    const { report } = await evaluateUrl(deps, { url: tidy.url('/'), asOf: '2017-10-15', crawl, system: 'census-2015' });
    // 2015: 1 point for the broken link on the home page, 0.1 for the other.
    expect(report).toMatchObject({ system: 'census-2015', verdict: 'pass', score: 98.9 });
    await expect(evaluateUrl(deps, { url: tidy.url('/'), crawl, system: 'national-2017' })).rejects.toMatchObject({
      code: 'GK_ERR_VALIDATION',
      message: expect.stringContaining('national-2019、census-2015'),
    });
  });
});
