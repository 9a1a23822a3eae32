/**
 * What a legacy page is and what it holds: the page's kind (home, column list, article, frame,
 * other), its column's name, and for an article its title, publication date, body, attachments,
 * source and 政府信息公开 fields (索引号, 发布机构, 主题分类, 成文日期, 文号, 有效性). Pure.
 *
 * The crawler (monitoring) has already read the page's links, meta tags and dated list items;
 * those facts come in as `PageSummary` and are not read again. The body needs the page's tree,
 * which this parses (the page is capped at the crawler's byte limit before it gets here).
 */
import { createHash } from 'node:crypto';
import { canonicalQuery } from '../../../common/old-urls.ts';
import { DomUtils, parseDocument } from 'htmlparser2';
import { labeledDate, parseLegacyDate } from './dates.ts';

type Element = ReturnType<typeof DomUtils.findAll>[number];
type Node = Element['children'][number];

/** The crawler's facts of a page that these rules read (monitoring's PageFacts fits). */
export interface PageSummary {
  title: string;
  meta: Record<string, string>;
  links: readonly { url: string; tag: string; text: string }[];
  items: readonly { title: string; url: string | null; date: string | null }[];
  text: string;
}

export type PageKind = 'home' | 'list' | 'article' | 'frame' | 'other';

export interface ExtractedAttachment {
  url: string;
  name: string;
}

export interface DisclosureFields {
  indexNo?: string;
  issuingOrg?: string;
  topic?: string;
  writtenOn?: string;
  docNumber?: string;
  validity?: 'valid' | 'expired' | 'repealed' | 'amended';
}

export interface ExtractedArticle {
  title: string;
  /** YYYY-MM-DD, or null when the page shows none. */
  date: string | null;
  bodyHtml: string;
  bodyText: string;
  attachments: ExtractedAttachment[];
  source: string | null;
  disclosure: DisclosureFields;
}

export interface PageReading {
  kind: PageKind;
  /** The column the page says it belongs to (meta ColumnName, breadcrumb, or a list page's title). */
  columnName: string | null;
  /** Frame pages: the framed pages' URLs. */
  frames: string[];
  /** List pages: the URLs of the items listed. */
  itemUrls: string[];
  article: ExtractedArticle | null;
  /** Why an article page cannot be imported (Chinese), or null. */
  problem: string | null;
}

const ATTACHMENT = /\.(docx?|pdf|xlsx?|wps|et|zip|rar|txt|pptx?|ofd)$/i;
/** Body containers of the usual legacy CMSs, most specific first. */
const CONTAINERS = [
  'trs_editor',
  'zoom',
  'news_content',
  'newscontent',
  'art_con',
  'article_content',
  'article-content',
  'content',
  'article',
  'con',
  'text',
];
const MIN_BODY = 10;
const CRUMB = /(当前位置|您现在的位置|您的位置|所在位置|现在位置)\s*[:：]?\s*([^\n]{0,200})/;

const clean = (s: string) => s.replace(/[\s\u3000\u00a0]+/g, ' ').trim();
const normalizeName = (s: string) => s.replace(/[\s\u3000\u00a0]+/g, '');

/** The page's title without the site's name ("关于…的通知_示例市农业农村局" → "关于…的通知"). */
export function stripSiteName(title: string, siteName: string | null): string {
  const parts = clean(title)
    .split(/\s*(?:[_|｜—–]|\s-\s|-{1,2}(?=[^\d]))\s*/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length <= 1) return clean(title);
  const site = siteName ? normalizeName(siteName) : null;
  const kept = site ? parts.filter((p) => normalizeName(p) !== site && !site.includes(normalizeName(p))) : parts;
  const pool = kept.length ? kept : parts;
  return pool.reduce((a, b) => (b.length > a.length ? b : a));
}

/** The column named by a breadcrumb ("当前位置：首页 > 通知公告 > 正文"): its last segment that is not 首页/正文/the title. */
export function breadcrumbColumn(text: string, title: string | null): string | null {
  const m = CRUMB.exec(text);
  if (!m) return null;
  const segs = m[2]!
    .split(/\s*(?:>>|>|»|›|→|\/|＞)\s*/)
    .map((s) => clean(s))
    .filter((s) => s && !/^(首页|网站首页|主页|正文|详情|内容|浏览文章)$/.test(s) && s !== title && s.length <= 20);
  return segs.length ? segs[segs.length - 1]! : null;
}

function attr(el: Element, name: string): string {
  return el.attribs[name] ?? '';
}

function classTokens(el: Element): string[] {
  return `${attr(el, 'class')} ${attr(el, 'id')}`.toLowerCase().split(/\s+/).filter(Boolean);
}

const text = (n: Node | Node[]) => DomUtils.textContent(n as Node);

/** The body container: a known class or id, else the block whose paragraphs hold the most text. */
function bodyContainer(root: Node[]): Element | null {
  const blocks = DomUtils.findAll((e) => /^(div|td|section|article|span|font|p)$/.test(e.name), root);
  for (const name of CONTAINERS) {
    for (const el of blocks) {
      if (classTokens(el).includes(name) && clean(text(el)).length >= MIN_BODY) return el;
    }
  }
  let best: Element | null = null;
  let bestScore = 0;
  for (const el of blocks) {
    if (!/^(div|td|section|article)$/.test(el.name)) continue;
    let score = 0;
    for (const c of el.children) {
      if (c.type === 'text') score += clean(c.data).length;
      else if (DomUtils.isTag(c) && (c.name === 'p' || c.name === 'br')) score += clean(text(c)).length;
    }
    if (score > bestScore) {
      bestScore = score;
      best = el;
    }
  }
  return bestScore >= 50 ? best : null;
}

function absolutize(el: Element, base: string) {
  for (const n of DomUtils.findAll((e) => e.name === 'a' || e.name === 'img', el.children)) {
    const key = n.name === 'a' ? 'href' : 'src';
    const v = n.attribs[key];
    if (!v) continue;
    try {
      n.attribs[key] = new URL(v, base).href;
    } catch {
      delete n.attribs[key];
    }
  }
}

function disclosureFields(doc: Node[], pageText: string): DisclosureFields {
  const out: DisclosureFields = {};
  const labels: [keyof DisclosureFields, RegExp][] = [
    ['indexNo', /^索\s*引\s*号$/],
    ['issuingOrg', /^(发布机构|发文机关|发布单位)$/],
    ['topic', /^(主题分类|主题词|分类)$/],
    ['writtenOn', /^(成文日期|生成日期)$/],
    ['docNumber', /^(发文字号|文\s*号)$/],
    ['validity', /^有\s*效\s*性$/],
  ];
  const raw: Partial<Record<keyof DisclosureFields, string>> = {};
  const cells = DomUtils.findAll((e) => e.name === 'td' || e.name === 'th', doc);
  for (let i = 0; i < cells.length; i++) {
    const label = clean(text(cells[i]!)).replace(/[:：]$/, '');
    const hit = labels.find(([, re]) => re.test(label));
    if (hit && !raw[hit[0]]) {
      const value = clean(text(cells[i + 1] ?? []));
      if (value && !labels.some(([, re]) => re.test(value.replace(/[:：]$/, '')))) raw[hit[0]] = value;
    }
  }
  for (const [key, re] of labels) {
    if (raw[key]) continue;
    const m = new RegExp(`(?:${re.source.slice(1, -1)})\\s*[:：]\\s*([^\\s\u3000]{1,60})`).exec(pageText);
    if (m) raw[key] = m[1];
  }
  if (raw.indexNo) out.indexNo = raw.indexNo.slice(0, 100);
  if (raw.issuingOrg) out.issuingOrg = raw.issuingOrg.slice(0, 200);
  if (raw.topic) out.topic = raw.topic.slice(0, 100);
  if (raw.writtenOn) {
    const d = parseLegacyDate(raw.writtenOn);
    if (d) out.writtenOn = d;
  }
  if (raw.docNumber) out.docNumber = raw.docNumber.slice(0, 100);
  if (raw.validity) {
    const v = raw.validity;
    out.validity = /废止/.test(v)
      ? 'repealed'
      : /失效/.test(v)
        ? 'expired'
        : /修改|修订/.test(v)
          ? 'amended'
          : /有效/.test(v)
            ? 'valid'
            : undefined;
    if (!out.validity) delete out.validity;
  }
  return out;
}

/** Reads one article out of a page's HTML. `siteName` is stripped from the `<title>` fallback. */
export function extractArticle(html: string, url: string, page: PageSummary, siteName: string | null): ExtractedArticle {
  const doc = parseDocument(html, { decodeEntities: true }).children;
  for (const junk of DomUtils.findAll((e) => /^(script|style|noscript|iframe|object|embed|form)$/.test(e.name), doc))
    DomUtils.removeElement(junk);
  const h1 = DomUtils.findOne((e) => e.name === 'h1' || classTokens(e).includes('title'), doc);
  const metaTitle = clean(page.meta.articletitle ?? '');
  const title = metaTitle || (h1 ? clean(text(h1)) : '') || stripSiteName(page.title, siteName);
  const pageText = page.text;
  const date = parseLegacyDate(page.meta.pubdate ?? page.meta.publishdate ?? '') ?? labeledDate(pageText);
  const container = bodyContainer(doc);
  const attachments: ExtractedAttachment[] = [];
  const seen = new Set<string>();
  for (const a of DomUtils.findAll((e) => e.name === 'a', doc)) {
    const href = a.attribs.href;
    if (!href || /^(javascript|mailto):/i.test(href)) continue;
    let abs: URL;
    try {
      abs = new URL(href, url);
    } catch {
      continue;
    }
    if (abs.protocol !== 'http:' && abs.protocol !== 'https:') continue;
    const label = clean(text(a));
    const inBody = container ? DomUtils.existsOne((e) => e === a, [container]) : false;
    if (ATTACHMENT.test(abs.pathname) || (inBody && /附件/.test(label) && !/\.html?$/i.test(abs.pathname))) {
      abs.hash = '';
      if (!seen.has(abs.href)) {
        seen.add(abs.href);
        const fallback = decodeURIComponent(abs.pathname.split('/').pop() ?? '附件');
        attachments.push({ url: abs.href, name: (label || fallback).slice(0, 200) });
      }
      if (inBody) DomUtils.removeElement(a);
    }
  }
  let bodyHtml = '';
  let bodyText = '';
  if (container) {
    absolutize(container, url);
    bodyHtml = container.children.map((c) => DomUtils.getOuterHTML(c)).join('');
    bodyText = clean(text(container));
  }
  const sourceMatch = /(?:信息来源|文章来源|来源)\s*[:：]\s*([^\s\u3000|&]{2,40})/.exec(pageText);
  const source = clean(page.meta.contentsource ?? '') || (sourceMatch ? sourceMatch[1]! : null);
  return { title: title.slice(0, 300), date, bodyHtml, bodyText, attachments, source, disclosure: disclosureFields(doc, pageText) };
}

const HOME_PATH = /^\/(index|default|main)?(\.s?html?|\.jsp|\.aspx?|\.php)?$/i;

/** What a crawled page is, which column it names, and (for an article) what it holds. */
export function readLegacyPage(html: string, url: string, page: PageSummary, siteName: string | null): PageReading {
  const u = new URL(url);
  const isHome = HOME_PATH.test(u.pathname) && !u.search;
  const frames = page.links.filter((l) => l.tag === 'frame' || l.tag === 'iframe').map((l) => l.url);
  const hasFrameset = /<frameset[\s>]/i.test(html);
  const linkedItems = page.items.filter((i) => i.url);
  const columnFromMeta = clean(page.meta.columnname ?? '') || null;
  const reading: PageReading = { kind: 'other', columnName: null, frames: [], itemUrls: [], article: null, problem: null };
  if (hasFrameset || (frames.length > 0 && clean(page.text).length < 30)) {
    return { ...reading, kind: 'frame', frames, columnName: columnFromMeta ?? (stripSiteName(page.title, siteName) || null) };
  }
  if (isHome) return { ...reading, kind: 'home' };
  const looksArticle =
    !!page.meta.articletitle || page.meta.articletitle === '' || /class=["'][^"']*\b(TRS_Editor|zoom)\b|id=["']zoom["']/i.test(html);
  // A list shows dated items; its last pagination page may show only one, under a pager.
  const datedItems = linkedItems.filter((i) => i.date);
  const listLike =
    datedItems.length >= 3 ||
    /暂无(信息|数据|内容|记录)/.test(page.text) ||
    (datedItems.length >= 1 && /(上一页|下一页|尾页|共\s*\d+\s*页)/.test(page.text));
  if (!looksArticle && listLike) {
    const name = columnFromMeta ?? breadcrumbColumn(page.text, null) ?? (stripSiteName(page.title, siteName) || null);
    return { ...reading, kind: 'list', columnName: name, itemUrls: linkedItems.map((i) => i.url!) };
  }
  const article = extractArticle(html, url, page, siteName);
  if (!looksArticle && article.bodyText.length < 50) return { ...reading, kind: 'other' };
  const problems: string[] = [];
  if (!article.title) problems.push('未能提取标题');
  if (article.bodyText.length < MIN_BODY && article.attachments.length === 0) problems.push('未能提取正文');
  return {
    ...reading,
    kind: 'article',
    columnName: columnFromMeta ?? breadcrumbColumn(page.text, article.title),
    article,
    problem: problems.length ? problems.join('，') : null,
  };
}

/** The column key of a name: the name without spaces. */
export const columnKey = (name: string) => normalizeName(name).slice(0, 100);

/** The same article under several URLs has one hash: normalised title, date and body text. */
export function contentHash(a: Pick<ExtractedArticle, 'title' | 'date' | 'bodyText'>): string {
  const norm = (s: string) => s.replace(/[\s\u3000\u00a0，。、；：！？,.;:!?"“”'‘’()（）【】[\]-]+/g, '').toLowerCase();
  return createHash('sha256')
    .update(`${norm(a.title)}\u0000${a.date ?? ''}\u0000${norm(a.bodyText)}`)
    .digest('hex');
}

/**
 * The URL as the import keys it: no fragment, lower-case host, default port dropped, query
 * parameters sorted as written (`canonicalQuery`: a GBK value is not decoded), `index.html` of a folder kept as written (old links use both).
 */
export function normalizeOldUrl(raw: string): string {
  const u = new URL(raw);
  u.hash = '';
  u.search = canonicalQuery(u.search);
  return u.href;
}
