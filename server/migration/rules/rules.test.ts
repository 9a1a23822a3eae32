import { describe, expect, it } from 'vitest';
import { decodeHtml, readPage } from '../../monitoring/index.ts';
import { generateLegacySite } from '../../../test/fixtures/legacy-site.ts';
import { articleTypeFor, nameSimilarity, recogniseColumns, suggestTarget, type TargetColumn } from './columns.ts';
import { beijingMidnight, labeledDate, parseLegacyDate } from './dates.ts';
import { contentHash, normalizeOldUrl, readLegacyPage, stripSiteName, breadcrumbColumn } from './extract.ts';

const ORIGIN = 'http://legacy.example.gov.cn';
const site = generateLegacySite({ pages: 200, seed: 7 });

/** A fixture page as the crawler hands it over: decoded by its header or meta charset, read into facts. */
function reading(path: string) {
  const served = site.pages.get(path);
  if (!served) throw new Error(`no page ${path}`);
  const { html, charset } = decodeHtml(served.body, served.type);
  const url = ORIGIN + path;
  return { charset, ...readLegacyPage(html, url, readPage(html, url), site.truth.siteName) };
}

describe('legacy dates', () => {
  it.each([
    ['2017年9月1日', '2017-09-01'],
    ['2017-9-1', '2017-09-01'],
    ['2017/09/01', '2017-09-01'],
    ['2017.9.1', '2017-09-01'],
    ['17/09/01', '2017-09-01'],
    ['2017-09-01 10:20', '2017-09-01'],
    ['发布于 2017 年 09 月 01 日', '2017-09-01'],
  ])('reads %s as %s', (text, date) => {
    expect(parseLegacyDate(text)).toBe(date);
  });

  it('refuses dates that do not exist and numbers that are not dates', () => {
    expect(parseLegacyDate('2017-02-30')).toBeNull();
    expect(parseLegacyDate('2017-13-01')).toBeNull();
    expect(parseLegacyDate('电话 0812-3330000')).toBeNull();
    expect(parseLegacyDate('第 1/2/3 页')).toBeNull();
  });

  it('takes the date after a publication label, not the first date on the page', () => {
    expect(labeledDate('成文 2016年1月2日 发布时间：2017年9月1日 浏览')).toBe('2017-09-01');
    expect(labeledDate('日期：17/09/01\u3000信息来源：某局')).toBe('2017-09-01');
    expect(labeledDate('没有日期')).toBeNull();
  });

  it('publishes a legacy date at midnight in Beijing', () => {
    expect(beijingMidnight('2017-09-01')).toBe('2017-08-31T16:00:00.000Z');
  });
});

describe('reading legacy pages', () => {
  for (const template of ['A', 'B', 'C'] as const) {
    it(`extracts title, date, source and body from a template ${template} article`, () => {
      const a =
        site.truth.articles.find((x) => x.template === template && x.attachments.length > 0) ??
        site.truth.articles.find((x) => x.template === template)!;
      const r = reading(a.paths[0]!);
      expect(r.kind).toBe('article');
      expect(r.problem).toBeNull();
      expect(r.article!.title).toBe(a.title);
      expect(r.article!.date).toBe(a.date);
      expect(r.article!.source).toBe(a.source);
      expect(r.article!.bodyText).toContain(a.lead);
      expect(r.article!.bodyHtml).not.toContain('<script');
      expect(r.article!.attachments.map((f) => new URL(f.url).pathname)).toEqual(a.attachments.map((f) => f.path));
      expect(r.article!.attachments.map((f) => f.name)).toEqual(a.attachments.map((f) => f.name));
      // Attachment links leave the body: they become the article's attachments.
      for (const f of a.attachments) expect(r.article!.bodyHtml).not.toContain(f.path);
    });
  }

  it('decodes GBK pages announced in the header and in a meta tag only', () => {
    const header = site.truth.articles.find((a) => a.charset === 'gbk-header')!;
    const meta = site.truth.articles.find((a) => a.charset === 'gbk-meta')!;
    expect(reading(header.paths[0]!).charset).toBe('gb18030');
    expect(reading(header.paths[0]!).article!.title).toBe(header.title);
    expect(reading(meta.paths[0]!).charset).toBe('gb18030');
    expect(reading(meta.paths[0]!).article!.title).toBe(meta.title);
  });

  it('reads the 政府信息公开 table of a policy page', () => {
    const a = site.truth.articles.find((x) => x.indexNo && x.template === 'A')!;
    const d = reading(a.paths[0]!).article!.disclosure;
    expect(d.indexNo).toBe(a.indexNo);
    expect(d.issuingOrg).toBe(site.truth.siteName);
    expect(d.writtenOn).toBe(a.date);
    expect(d.validity).toBe('valid');
    expect(d.docNumber).toMatch(/^示农发〔\d{4}〕\d+号$/);
    const c = site.truth.articles.find((x) => x.indexNo && x.template === 'C')!;
    expect(reading(c.paths[0]!).article!.disclosure.indexNo).toBe(c.indexNo);
  });

  it('classifies the home page, list pages (with pagination), the frameset and the empty column', () => {
    expect(reading('/').kind).toBe('home');
    const news = site.truth.columns.find((c) => c.name === '工作动态')!;
    for (const p of news.listPages) {
      const r = reading(p);
      expect(r.kind).toBe('list');
      expect(r.columnName).toBe('工作动态');
    }
    expect(reading(news.listPages[0]!).itemUrls.length).toBe(15);
    const frame = reading('/zcwj/index.html');
    expect(frame.kind).toBe('frame');
    expect(frame.frames).toContain(`${ORIGIN}/zcwj/list.html`);
    expect(frame.columnName).toBe('政策文件');
    const empty = reading('/wsdc/index.html');
    expect(empty.kind).toBe('list');
    expect(empty.columnName).toBe('网上调查');
    expect(empty.itemUrls).toEqual([]);
  });

  it('reports an article page without a body', () => {
    const r = reading(site.truth.emptyBodyPath);
    expect(r.kind).toBe('article');
    expect(r.problem).toContain('未能提取正文');
  });

  it('strips the site name from titles and reads breadcrumbs', () => {
    expect(stripSiteName('关于春耕的通知_示例市农业农村局', '示例市农业农村局')).toBe('关于春耕的通知');
    expect(stripSiteName('示例市农业农村局-关于春耕的通知', '示例市农业农村局')).toBe('关于春耕的通知');
    expect(stripSiteName('2017-2020年规划', null)).toBe('2017-2020年规划');
    expect(breadcrumbColumn('当前位置：首页 > 通知公告 > 正文', null)).toBe('通知公告');
    expect(breadcrumbColumn('您现在的位置：首页 >> 人事信息', null)).toBe('人事信息');
    expect(breadcrumbColumn('没有面包屑', null)).toBeNull();
  });
});

describe('duplicates and old URLs', () => {
  it('gives the same article under two URLs one hash, and a changed article another', () => {
    const a = site.truth.articles.find((x) => x.paths.length > 1)!;
    const one = reading(a.paths[0]!).article!;
    const two = reading(a.paths[1]!).article!;
    expect(contentHash(one)).toBe(contentHash(two));
    expect(contentHash({ ...one, bodyText: `${one.bodyText}补充` })).not.toBe(contentHash(one));
    // Whitespace and punctuation do not make a different article.
    expect(contentHash({ ...one, title: ` ${one.title}。` })).toBe(contentHash(one));
  });

  it('normalises old URLs: no fragment, sorted query, lower-case host', () => {
    expect(normalizeOldUrl('HTTP://Www.Example.GOV.cn:80/info.jsp?id=3&a=1#top')).toBe('http://www.example.gov.cn/info.jsp?a=1&id=3');
    // A GBK-encoded value stays as it came (decoding it as UTF-8 would make two words one).
    expect(normalizeOldUrl('http://old.gov.cn/s.asp?kw=%D6%D0&p=2')).toBe('http://old.gov.cn/s.asp?kw=%D6%D0&p=2');
  });
});

describe('columns', () => {
  const targets: TargetColumn[] = [
    { id: 'news', name: '工作动态', freshnessClass: 'news', accepts: null, status: 'active' },
    { id: 'notice', name: '公告公示', freshnessClass: 'notice', accepts: null, status: 'active' },
    { id: 'policy', name: '文件资料', freshnessClass: 'policy', accepts: null, status: 'active' },
    { id: 'hr', name: '人事任免', freshnessClass: 'personnel', accepts: null, status: 'active' },
    { id: 'stats', name: '统计信息', freshnessClass: 'notice', accepts: ['statistics'], status: 'active' },
    { id: 'old', name: '通知公告', freshnessClass: 'notice', accepts: null, status: 'closed' },
  ];

  it('suggests exact names, then synonyms, then similar names, and nothing for the unknown', () => {
    expect(suggestTarget('工作动态', targets)).toEqual({ columnId: 'news', confidence: 100, basis: 'exact' });
    expect(suggestTarget('要闻', targets)).toMatchObject({ columnId: 'news', basis: 'synonym' });
    expect(suggestTarget('新闻动态', targets)).toMatchObject({ columnId: 'news', basis: 'synonym' });
    // A closed column of the same name is not a target.
    expect(suggestTarget('通知公告', targets)).toMatchObject({ columnId: 'notice', basis: 'synonym' });
    expect(suggestTarget('政策文件', targets)).toMatchObject({ columnId: 'policy', basis: 'synonym' });
    expect(suggestTarget('人事信息', targets)).toMatchObject({ columnId: 'hr', basis: 'synonym' });
    expect(suggestTarget('统计年鉴信息', targets)).toMatchObject({ columnId: 'stats', basis: 'similar' });
    expect(suggestTarget('领导讲话', targets)).toEqual({ columnId: null, confidence: 0, basis: 'none' });
    expect(nameSimilarity('统计信息', '统计信息')).toBe(100);
  });

  it('gives each target column the article type it accepts', () => {
    expect(articleTypeFor(targets[0]!)).toBe('news');
    expect(articleTypeFor(targets[1]!)).toBe('notice');
    expect(articleTypeFor(targets[3]!)).toBe('personnel');
    expect(articleTypeFor(targets[4]!)).toBe('statistics');
    expect(articleTypeFor({ freshnessClass: 'custom', accepts: [] })).toBeNull();
  });

  it('puts pagination pages in one column and articles in the column that lists them', () => {
    const { columns, articleColumn } = recogniseColumns([
      { url: 'u/list.html', kind: 'list', columnName: '规划计划', itemUrls: ['u/1.html', 'u/2.html'] },
      { url: 'u/list_1.html', kind: 'list', columnName: '规划计划', itemUrls: ['u/3.html'] },
      { url: 'u/1.html', kind: 'article', columnName: null, itemUrls: [] },
      { url: 'u/3.html', kind: 'article', columnName: null, itemUrls: [] },
      { url: 'v/9.html', kind: 'article', columnName: '领导讲话', itemUrls: [] },
      { url: 'w/0.html', kind: 'article', columnName: null, itemUrls: [] },
    ]);
    expect(columns.map((c) => [c.key, c.listPages])).toEqual([
      ['规划计划', 2],
      ['领导讲话', 0],
    ]);
    expect(articleColumn.get('u/1.html')).toBe('规划计划');
    expect(articleColumn.get('u/3.html')).toBe('规划计划');
    expect(articleColumn.get('v/9.html')).toBe('领导讲话');
    expect(articleColumn.get('w/0.html')).toBeNull();
  });
});
