import { DomUtils, parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import {
  PAGE_SIZE,
  pageCount,
  pageWindow,
  renderArticle,
  renderColumnPage,
  renderHome,
  renderNotFound,
  renderRss,
  renderSiteMap,
  renderSitemapXml,
} from './pages.ts';
import { article, column, ctx, summaries } from './test-fixtures.ts';

type Doc = ReturnType<typeof parseDocument>;
const parse = (s: string) => parseDocument(s);
const all = (doc: Doc, name: string) => DomUtils.getElementsByTagName(name, doc, true);
const text = (el: Parameters<typeof DomUtils.textContent>[0]) => DomUtils.textContent(el);
const meta = (doc: Doc, name: string) => all(doc, 'meta').find((m) => m.attribs.name === name)?.attribs.content;
const hrefs = (doc: Doc) => all(doc, 'a').map((a) => a.attribs.href);

const c = ctx();
const col = column();
const pages: Record<string, string> = {
  home: renderHome(c, { news: { column: col, items: summaries(3) } }),
  column: renderColumnPage(c, { column: col, items: summaries(20), page: 1, total: 45 }),
  article: renderArticle(c, col, article()),
  siteMap: renderSiteMap(c, [col, column({ id: 'c1', name: '新闻动态', path: '/xwdt', parentId: null, ancestors: [] })]),
  notFound: renderNotFound(c),
};

describe('every public page', () => {
  for (const [name, page] of Object.entries(pages)) {
    it(`${name}: carries the identity footer with all its elements and links`, () => {
      const doc = parse(page);
      const footer = all(doc, 'footer')[0];
      expect(footer).toBeDefined();
      const f = text(footer!);
      expect(f).toContain('主办单位：攀枝花市人民政府办公室');
      expect(f).toContain('联系电话：0812-1234567');
      expect(f).toContain('电子邮箱：zfb@panzhihua.gov.cn');
      expect(f).toContain('网站标识码：5104000001');
      expect(f).toContain('蜀ICP备05001234号');
      expect(f).toContain('川公网安备 51040202000123号');
      expect(f).toContain('党政机关网站标识');
      expect(f).toContain('我为政府网站找错');
      const links = DomUtils.getElementsByTagName('a', footer!, true).map((a) => a.attribs.href);
      expect(links).toContain('https://bszs.conac.cn/sitename?method=show&id=ABC123456789');
      expect(links).toContain('https://beian.miit.gov.cn/');
      expect(links).toContain('https://www.beian.gov.cn/portal/registerSystemInfo?recordcode=51040202000123');
      expect(links).toContain('https://zfwzzc.www.gov.cn/check_web/errorInfo_querySiteInfo.action?sitecode=5104000001');
      expect(links).toContain('mailto:zfb@panzhihua.gov.cn');
    });

    it(`${name}: has the site meta tags, language, skip link, stylesheet and one main`, () => {
      const doc = parse(page);
      expect(meta(doc, 'SiteName')).toBe('攀枝花市人民政府');
      expect(meta(doc, 'SiteDomain')).toBe('www.panzhihua.gov.cn');
      expect(meta(doc, 'SiteIDCode')).toBe('5104000001');
      expect(all(doc, 'html')[0]?.attribs.lang).toBe('zh-CN');
      expect(hrefs(doc)[0]).toBe('#main');
      expect(all(doc, 'main')).toHaveLength(1);
      expect(all(doc, 'main')[0]?.attribs.id).toBe('main');
      expect(all(doc, 'link').some((l) => l.attribs.rel === 'stylesheet' && l.attribs.href === '/assets/site.css')).toBe(true);
      expect(all(doc, 'h1')).toHaveLength(1);
    });

    it(`${name}: has no inline script, no style attribute and no style element (CSP without unsafe-inline)`, () => {
      const doc = parse(page);
      expect(all(doc, 'script')).toEqual([]);
      expect(all(doc, 'style')).toEqual([]);
      expect(DomUtils.findAll((e) => 'style' in e.attribs || Object.keys(e.attribs).some((k) => k.startsWith('on')), doc.children)).toEqual(
        [],
      );
    });

    it(`${name}: gives every image an alt and every form field a label`, () => {
      const doc = parse(page);
      for (const img of all(doc, 'img')) expect(img.attribs.alt).toBeDefined();
      const labels = all(doc, 'label').map((l) => l.attribs.for);
      for (const input of all(doc, 'input')) expect(labels).toContain(input.attribs.id);
    });
  }

  it('shows a plain-text 党政机关 mark and a sitecode-less 找错 entry when the ids are missing', () => {
    const doc = parse(renderNotFound(ctx({ conacId: null, code: null, psb: null, icp: null })));
    const footer = all(doc, 'footer')[0]!;
    expect(text(footer)).toContain('党政机关网站');
    expect(text(footer)).toContain('网站标识码：待分配');
    expect(hrefs(doc).some((h) => h?.includes('conac'))).toBe(false);
    expect(hrefs(doc)).toContain('https://zfwzzc.www.gov.cn/check_web/errorInfo_querySiteInfo.action');
    expect(meta(doc, 'SiteIDCode')).toBeUndefined();
  });
});

describe('meta tags per page type', () => {
  it('column pages carry the column tags with exact values', () => {
    const doc = parse(pages.column!);
    expect(meta(doc, 'ColumnName')).toBe('政务要闻');
    expect(meta(doc, 'ColumnDescription')).toBe('市政府政务要闻');
    expect(meta(doc, 'ColumnKeywords')).toBe('要闻,政务');
    expect(meta(doc, 'ColumnType')).toBe('动态要闻类');
    expect(meta(doc, 'Url')).toBe('https://www.panzhihua.gov.cn/xwdt/zwyw/');
  });

  it('article pages carry the article tags with exact values, PubDate in Beijing time', () => {
    const doc = parse(pages.article!);
    expect(meta(doc, 'ColumnName')).toBe('政务要闻');
    expect(meta(doc, 'ColumnType')).toBe('动态要闻类');
    expect(meta(doc, 'ArticleTitle')).toBe('关于印发《攀枝花市营商环境优化方案》的通知');
    expect(meta(doc, 'PubDate')).toBe('2025-07-14 01:59');
    expect(meta(doc, 'ContentSource')).toBe('市发展改革委');
    expect(meta(doc, 'Keywords')).toBe('营商环境');
    expect(meta(doc, 'Author')).toBe('攀枝花市人民政府办公室');
    expect(meta(doc, 'Description')).toBe('优化营商环境的方案。');
    expect(meta(doc, 'Url')).toBe('https://www.panzhihua.gov.cn/art/a1.html');
  });
});

describe('escaping of hostile data', () => {
  const evil = `"><script>alert(1)</script><img src=x onerror=alert(2)>`;
  const hostile = renderArticle(
    ctx({
      name: evil,
      sponsorName: evil,
      theme: { colors: [], logoUrl: 'javascript:alert(1)', bannerUrl: 'data:x', homeBlocks: ['news'] },
    }),
    column({ name: evil, typeLabel: evil }),
    article({
      title: evil,
      source: evil,
      keywords: `a" onload="x`,
      metadata: {
        indexNo: evil,
        topic: evil,
        issuingOrg: evil,
        writtenOn: null,
        docNumber: evil,
        validity: 'repealed',
        replacedBy: { title: evil, url: 'javascript:alert(3)' },
      },
      attachments: [{ name: evil, url: 'javascript:alert(4)', size: 1 }],
      relatedPolicies: [{ title: evil, url: 'javascript:alert(5)' }],
    }),
  );

  it('never lets a title, name or metadata value open a tag or leave its attribute', () => {
    const doc = parse(hostile);
    expect(all(doc, 'script')).toEqual([]);
    expect(DomUtils.findAll((e) => Object.keys(e.attribs).some((k) => k.startsWith('on')), doc.children)).toEqual([]);
    expect(meta(doc, 'ArticleTitle')).toBe(evil);
    expect(meta(doc, 'Keywords')).toBe(`a" onload="x`);
    expect(text(all(doc, 'h1')[0]!)).toBe(evil);
  });

  it('drops javascript: and data: URLs from logo, banner, replacement, attachments and related links', () => {
    expect(hostile).not.toMatch(/javascript:|data:x/i);
    const home = renderHome(ctx({ theme: { colors: [], logoUrl: 'javascript:alert(1)', bannerUrl: 'data:x', homeBlocks: [] } }), {});
    expect(home).not.toMatch(/javascript:|data:x/i);
    expect(text(all(parse(home), 'header')[0]!)).toContain('攀枝花市人民政府');
  });
});

describe('column pagination', () => {
  const nav = (page: number, total: number) => {
    const doc = parse(renderColumnPage(c, { column: col, items: summaries(Math.min(PAGE_SIZE, total)), page, total }));
    return all(doc, 'nav').find((n) => n.attribs['aria-label'] === '分页');
  };
  const labels = (n: ReturnType<typeof nav>) => DomUtils.getElementsByTagName('a', n!, true).map((a) => text(a));
  const current = (n: ReturnType<typeof nav>) =>
    DomUtils.getElementsByTagName('a', n!, true).filter((a) => a.attribs['aria-current'] === 'page');

  it('counts 20 items a page, with one empty page for an empty column', () => {
    expect([0, 1, 20, 21, 40, 41].map((t) => pageCount(t))).toEqual([1, 1, 1, 2, 2, 3]);
  });

  it('shows no pagination for 0 items or exactly 20 items, and says the column is empty', () => {
    expect(nav(1, 0)).toBeUndefined();
    expect(nav(1, 20)).toBeUndefined();
    expect(renderColumnPage(c, { column: col, items: [], page: 1, total: 0 })).toContain('本栏目暂无信息');
  });

  it('on page 1 of 3 marks 1 as current and offers next but not previous', () => {
    const n = nav(1, 41);
    expect(labels(n)).toEqual(['1', '2', '3', '下一页']);
    expect(current(n).map((a) => a.attribs.href)).toEqual(['/xwdt/zwyw/']);
  });

  it('in the middle offers previous and next, with gaps around a window of pages', () => {
    const n = nav(6, 20 * 12);
    expect(labels(n)).toEqual(['上一页', '1', '4', '5', '6', '7', '8', '12', '下一页']);
    expect(current(n).map((a) => a.attribs.href)).toEqual(['/xwdt/zwyw/index_6.html']);
    expect(pageWindow(6, 12)).toEqual([1, null, 4, 5, 6, 7, 8, null, 12]);
  });

  it('on the last page offers previous but not next', () => {
    const n = nav(3, 41);
    expect(labels(n)).toEqual(['上一页', '1', '2', '3']);
    expect(current(n)).toHaveLength(1);
  });

  it('refuses pages outside 1..N', () => {
    expect(() => renderColumnPage(c, { column: col, items: [], page: 2, total: 20 })).toThrow(RangeError);
    expect(() => renderColumnPage(c, { column: col, items: [], page: 0, total: 0 })).toThrow(RangeError);
  });

  it('links the column RSS feed', () => {
    expect(pages.column).toContain('<link rel="alternate" type="application/rss+xml" title="政务要闻" href="/xwdt/zwyw/rss.xml">');
  });
});

describe('article pages', () => {
  it('show the catalogue metadata table', () => {
    const doc = parse(pages.article!);
    const rows = all(doc, 'tr').map((tr) => text(tr));
    expect(rows).toEqual([
      '索引号510400-01-2025-000123',
      '主题分类综合政务\\政务公开',
      '发布机构攀枝花市人民政府办公室',
      '成文日期2025-07-10',
      '发布日期2025-07-14 01:59',
      '文号攀办发〔2025〕12号',
      '有效性有效',
    ]);
  });

  it('show no table and no banner for items without metadata', () => {
    const page = renderArticle(c, col, article({ metadata: null }));
    expect(page).not.toContain('meta-table');
    expect(page).not.toContain('validity-banner');
  });

  it('show no validity banner for valid documents', () => {
    expect(pages.article).not.toContain('validity-banner');
  });

  for (const [validity, label] of [
    ['expired', '已失效'],
    ['repealed', '已废止'],
  ] as const) {
    it(`put a ${label} banner at the top of the article with a link to the replacement`, () => {
      const page = renderArticle(
        c,
        col,
        article({ metadata: { ...article().metadata!, validity, replacedBy: { title: '新方案', url: '/art/a2.html' } } }),
      );
      const doc = parse(page);
      const art = all(doc, 'article')[0]!;
      const first = DomUtils.getChildren(art).find((n) => n.type === 'tag') as typeof art | undefined;
      expect(first?.attribs.class).toBe('validity-banner');
      expect(text(first!)).toContain(`本文件${label}`);
      expect(DomUtils.getElementsByTagName('a', first!, true).map((a) => [a.attribs.href, text(a)])).toEqual([['/art/a2.html', '新方案']]);
    });
  }

  it('resolve gk: references in the body and drop unresolvable ones', () => {
    const page = renderArticle(
      c,
      col,
      article({
        bodyHtml: '<p><a href="gk:article:a7">前文</a><a href="gk:article:missing">草稿</a><img src="gk:file:f1" alt="图" /></p>',
      }),
    );
    expect(page).toContain('<a href="/art/a7.html">前文</a>草稿<img src="/files/f1" alt="图" />');
    expect(page).not.toContain('gk:');
  });

  it('list attachments with sizes, related policies and interpretations, and the correction note', () => {
    const page = renderArticle(
      c,
      col,
      article({
        attachments: [{ name: '附件1.pdf', url: '/files/f9', size: 2048 }],
        relatedInterpretations: [{ title: '图解方案', url: '/art/a5.html' }],
        relatedPolicies: [{ title: '上位文件', url: '/art/a4.html' }],
        correction: { note: '更正了第二条的日期。', at: '2025-07-15T02:00:00Z' },
      }),
    );
    expect(page).toContain('<a href="/files/f9">附件1.pdf</a> <span>（2.0 KB）</span>');
    expect(page).toContain('<h2 id="related-interpretations-h">相关政策解读</h2>');
    expect(page).toContain('<a href="/art/a5.html">图解方案</a>');
    expect(page).toContain('<a href="/art/a4.html">上位文件</a>');
    expect(page).toContain('更正说明（2025-07-15 10:00）：更正了第二条的日期。');
  });

  it('have breadcrumbs from home through the column ancestors', () => {
    const doc = parse(pages.article!);
    const crumbs = all(doc, 'nav').find((n) => n.attribs['aria-label'] === '当前位置')!;
    expect(text(crumbs).replace(/\s+/g, '')).toBe('首页新闻动态政务要闻正文');
  });
});

describe('home page and site map', () => {
  it('renders the configured blocks in order and skips list blocks without data', () => {
    const doc = parse(pages.home!);
    const headings = all(doc, 'h2').map((h) => text(h));
    expect(headings).toEqual(['政务要闻', '政府信息公开目录', '站内搜索']);
    expect(hrefs(doc)).toEqual(expect.arrayContaining(['/gkml', '/gkzn', '/ysqgk']));
    expect(hrefs(doc)).toContain('/art/a3.html');
  });

  it('lists nested columns on the site map, then 办事服务 and 政民互动 as in the navigation', () => {
    const doc = parse(pages.siteMap!);
    const tree = all(doc, 'nav').find((n) => n.attribs.class === 'sitemap-tree')!;
    const outer = DomUtils.getElementsByTagName('ul', tree, true)[0]!;
    expect(text(outer).replace(/\s+/g, '')).toBe('新闻动态政务要闻办事服务政民互动');
    expect(DomUtils.getElementsByTagName('ul', tree, true)).toHaveLength(2);
    expect(hrefs(doc)).toEqual(expect.arrayContaining(['/services/', '/interaction/']));
  });
});

describe('sitemap.xml and RSS', () => {
  const xml = (s: string) => parseDocument(s, { xmlMode: true });

  it('sitemap.xml parses back with one url per page and absolute locations', () => {
    const s = renderSitemapXml(c, [col], [...summaries(2), { id: 'missing', title: 'x', publishedAt: '2025-01-01T00:00:00Z' }]);
    const doc = xml(s);
    expect(s.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const locs = DomUtils.getElementsByTagName('loc', doc, true).map((l) => text(l));
    expect(locs).toEqual([
      'https://www.panzhihua.gov.cn/',
      'https://www.panzhihua.gov.cn/xwdt/zwyw/',
      'https://www.panzhihua.gov.cn/art/a1.html',
      'https://www.panzhihua.gov.cn/art/a2.html',
    ]);
    expect(DomUtils.getElementsByTagName('lastmod', doc, true).map((l) => text(l))).toEqual([
      '2025-07-14T01:59:00+08:00',
      '2025-07-14T01:59:00+08:00',
    ]);
  });

  it('RSS 2.0 parses back with escaped titles and RFC 822 dates', () => {
    const items = [{ id: 'a1', title: '<b>A & "B"</b>', publishedAt: '2025-07-13T17:59:00Z', summary: '摘要 <i>' }, ...summaries(2, 'x')];
    const s = renderRss(c, col, items);
    const doc = xml(s);
    expect(DomUtils.getElementsByTagName('rss', doc, true)[0]?.attribs.version).toBe('2.0');
    const its = DomUtils.getElementsByTagName('item', doc, true);
    expect(its).toHaveLength(3);
    expect(text(DomUtils.getElementsByTagName('title', its[0]!, true)[0]!)).toBe('<b>A & "B"</b>');
    expect(text(DomUtils.getElementsByTagName('description', its[0]!, true)[0]!)).toBe('摘要 <i>');
    expect(text(DomUtils.getElementsByTagName('pubDate', its[0]!, true)[0]!)).toBe('Mon, 14 Jul 2025 01:59:00 +0800');
    expect(text(DomUtils.getElementsByTagName('lastBuildDate', doc, true)[0]!)).toBe('Mon, 02 Mar 2026 12:05:06 +0800');
    expect(s).not.toContain('<b>');
  });

  it('keeps tags balanced in both documents', () => {
    for (const s of [renderSitemapXml(c, [col], summaries(3)), renderRss(c, col, summaries(3))]) {
      const stack: string[] = [];
      let ok = true;
      for (const m of s.matchAll(/<(\/?)([a-zA-Z][\w:]*)[^>]*?(\/?)>/g)) {
        if (m[3]) continue;
        if (m[1]) ok &&= stack.pop() === m[2];
        else stack.push(m[2]!);
      }
      expect(ok && stack.length === 0).toBe(true);
    }
  });
});
