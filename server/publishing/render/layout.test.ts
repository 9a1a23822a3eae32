import { DomUtils, parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { layout, modeSwitch } from './layout.ts';
import { html } from './html.ts';
import { renderArticle, renderColumnPage, renderHome, renderNotFound, renderSiteMap } from './pages.ts';
import { dateInputValue, renderSearchPage, type SearchForm } from './search-page.ts';
import { article, column, ctx, links, summaries } from './test-fixtures.ts';
import { elderStylesheet, siteStylesheet } from './theme.ts';
import type { Links, RenderContext } from './types.ts';

type Doc = ReturnType<typeof parseDocument>;
const all = (doc: Doc, name: string) => DomUtils.getElementsByTagName(name, doc, true);
const modeLinks = (page: string) => {
  const doc = parseDocument(page);
  const nav = all(doc, 'nav').find((n) => n.attribs['aria-label'] === '阅读模式');
  if (!nav) throw new Error('no 阅读模式 navigation');
  return DomUtils.getElementsByTagName('a', nav, true).map((a) => ({ text: DomUtils.textContent(a), href: a.attribs.href }));
};

/** A context for the page at `pagePath` whose links are relative to it, as published pages link. */
function relativeCtx(pagePath: string): RenderContext {
  const depth = pagePath.split('/').length - 2;
  const root = depth > 0 ? '../'.repeat(depth) : './';
  const relative: Links = {
    ...links,
    home: root,
    siteMap: `${root}sitemap.html`,
    search: `${root}search`,
    disclosureRequest: `${root}ysqgk`,
    asset: (name) => `${root}assets/${name}`,
  };
  return { ...ctx(), links: relative, pagePath };
}

const emptyForm: SearchForm = { q: '', type: '', from: '', to: '', sort: '' };
const c = ctx();
const col = column();
const pages: Record<string, string> = {
  home: renderHome(c, { news: { column: col, items: summaries(3) } }),
  column: renderColumnPage(c, { column: col, items: summaries(20), page: 2, total: 45 }),
  article: renderArticle(c, col, article({ relatedInterpretations: [{ title: '解读', url: '/zcjd/a2.html' }] })),
  siteMap: renderSiteMap(c, [col]),
  notFound: renderNotFound(c),
  search: renderSearchPage(c, { form: emptyForm, result: null, error: null, resultUrl: (u) => u }),
};

describe('the 适老化 switch', () => {
  for (const [name, page] of Object.entries(pages)) {
    it(`${name}: offers both modes in the header, after the skip link, without JavaScript`, () => {
      const doc = parseDocument(page);
      const header = all(doc, 'header')[0]!;
      const nav = DomUtils.getElementsByTagName('nav', header, true).find((n) => n.attribs['aria-label'] === '阅读模式');
      expect(nav).toBeDefined();
      expect(modeLinks(page).map((l) => l.text)).toEqual(['适老化模式', '标准模式']);
      expect(all(doc, 'a')[0]?.attribs.href).toBe('#main');
      expect(all(doc, 'script')).toEqual([]);
    });

    it(`${name}: names every navigation landmark and every search form differently`, () => {
      const doc = parseDocument(page);
      const labels = [...all(doc, 'nav'), ...all(doc, 'form')].map((n) => n.attribs['aria-label'] ?? n.attribs['aria-labelledby']);
      expect(labels.every((l) => l !== undefined && l !== '')).toBe(true);
      expect(new Set(labels).size).toBe(labels.length);
    });
  }

  it('links to the mode switch relative to the page, with the page itself as the way back', () => {
    const page = layout(relativeCtx('/xwdt/zwyw/index.html'), { title: '政务要闻', meta: [], body: html`<h1>政务要闻</h1>` });
    expect(modeLinks(page).map((l) => l.href)).toEqual([
      '../../_mode/elder?back=/xwdt/zwyw/index.html',
      '../../_mode/standard?back=/xwdt/zwyw/index.html',
    ]);
    const home = layout(relativeCtx('/index.html'), { title: null, meta: [], body: html`<h1>首页</h1>` });
    expect(modeLinks(home)[0]?.href).toBe('./_mode/elder?back=/index.html');
  });

  it('works with root-relative links too', () => {
    expect(modeLinks(pages.article!)[0]?.href).toBe('/_mode/elder?back=/');
  });

  it('brings a searcher back to the same results, the query kept as one encoded parameter', () => {
    const form: SearchForm = { q: '社保&医保', type: 'policy', from: '', to: '', sort: '' };
    const result = { terms: ['社保'], sort: 'date' as const, total: 45, totalIsLowerBound: false, page: 2, pages: 3, items: [] };
    const page = renderSearchPage(relativeCtx('/search'), { form, result, error: null, resultUrl: (u) => u });
    const href = modeLinks(page)[0]!.href!;
    expect(href.startsWith('./_mode/elder?back=')).toBe(true);
    const back = new URL(href, 'https://example.gov.cn/').searchParams.get('back');
    expect(back).toBe(`/search?${new URLSearchParams({ q: '社保&医保', type: 'policy', page: '2' }).toString()}`);
    expect(new URL(href, 'https://example.gov.cn/').searchParams.getAll('page')).toEqual([]);
  });

  it('keeps a hostile page path inside its parameter and attribute', () => {
    const switchHtml = modeSwitch(ctx(), '/a"><script>alert(1)</script>#x&y=1').toString();
    expect(switchHtml).not.toContain('<script');
    const href = modeLinks(`<html><body>${switchHtml}</body></html>`)[0]!.href!;
    const url = new URL(href, 'https://example.gov.cn/');
    expect([...url.searchParams.keys()]).toEqual(['back']);
    expect(url.hash).toBe('');
    expect(url.searchParams.get('back')).toBe('/a"><script>alert(1)</script>#x&y=1');
  });
});

describe('the 适老化 stylesheet', () => {
  const elder = elderStylesheet();
  const site = siteStylesheet({ colors: [], logoUrl: null, bannerUrl: null, homeBlocks: [] });
  const number = (css: string, re: RegExp) => Number(re.exec(css)?.[1]);

  it('makes text larger than the standard stylesheet and spacing wider', () => {
    expect(number(elder, /html \{ font-size: ([\d.]+)%/)).toBeGreaterThan(number(site, /html \{ font-size: ([\d.]+)%/));
    expect(number(elder, /body \{ line-height: ([\d.]+)/)).toBeGreaterThanOrEqual(2);
    expect(elder).toMatch(/letter-spacing: [\d.]+em/);
  });

  it('switches to black on white with a focus ring that shows on dark and light backgrounds', () => {
    expect(elder).toContain('--gk-text: #000000;');
    expect(elder).toContain('--gk-bg: #ffffff;');
    expect(elder).toMatch(/:focus-visible[^{]*\{[^}]*outline: 4px solid #ffbf47;[^}]*box-shadow: 0 0 0 8px #000000;/);
  });

  it('has balanced braces and no imports or URLs', () => {
    expect(elder.split('{').length).toBe(elder.split('}').length);
    expect(elder).not.toMatch(/@import|url\(/);
  });

  it('the standard stylesheet lays the switch out in the header and leaves it out of print', () => {
    expect(site).toContain('.site-header .mode-switch a { color: #ffffff; }');
    expect(site).toMatch(/@media print \{\n {2}\.skip-link, \.mode-switch,/);
  });
});

describe('the search form after a refused query', () => {
  it('echoes only real dates into the date fields (HTML allows no other value there)', () => {
    expect(dateInputValue('2026-02-28')).toBe('2026-02-28');
    for (const bad of ['2026-02-30', '2026-13-01', '2026-2-1', '昨天', '2026-02-28"><x']) expect(dateInputValue(bad)).toBe('');
    const form: SearchForm = { q: '社保', type: '', from: '2026-02-30', to: '2026-03-01', sort: '' };
    const page = renderSearchPage(ctx(), { form, result: null, error: '日期格式应为 YYYY-MM-DD', resultUrl: (u) => u });
    const inputs = all(parseDocument(page), 'input').filter((i) => i.attribs.type === 'date');
    expect(inputs.map((i) => [i.attribs.name, i.attribs.value])).toEqual([
      ['from', ''],
      ['to', '2026-03-01'],
    ]);
  });
});
