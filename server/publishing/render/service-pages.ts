/**
 * The public 办事服务 pages of a site, in its frame: the catalogue home (life events of citizens
 * and of businesses, topics, departments, a search box into the site search), the item lists of
 * a department, topic or life event, and one page per item with its guide (办事指南), the
 * elements in the order of SERVICE_ELEMENTS. Views carry site-root paths; every link goes
 * through `ctx.links`, so published pages link relatively. Elements a guide does not state are
 * left out (the back office flags missing ones). Template whitespace is output (see layout.ts).
 */
import {
  AUDIENCE_LABELS,
  ONLINE_LEVEL_LABELS,
  said,
  type Audience,
  type ServiceGuide,
  type ServiceMaterial,
  type ServiceStep,
} from '../../../common/service-items.ts';
import { beijingDate, beijingDateTime, beijingW3c } from './dates.ts';
import { paragraphs } from './form-parts.ts';
import { html, safeUrl, type HtmlValue, type SafeHtml } from './html.ts';
import { absoluteUrl, layout, siteMeta, type Crumb, type MetaTags } from './layout.ts';
import { formatSize, pageCount, paginationNav } from './pages.ts';
import type { RenderContext } from './types.ts';

export const SERVICES_NAME = '办事服务';

/**
 * How service items sit in the site search index: their documents' type, column and column name;
 * the search page labels them 办事指南 and filters them by the column.
 */
export const SERVICE_SEARCH = { type: 'serviceItem', columnId: 'bsfw', columnName: SERVICES_NAME, label: '办事指南' } as const;

/** A stored file a material offers (blank form or sample). */
export interface ServiceFileView {
  /** Site-root path of the placed file. */
  path: string;
  ext: string;
  size: number;
}

/** A published item as its pages and the lists show it. */
export interface ServiceItemEntry {
  id: string;
  code: string;
  /** Site-root path of the item page. */
  path: string;
  orgId: string;
  orgName: string;
  /** Site-root path of the department's list, or null when it has none. */
  orgPath: string | null;
  guide: ServiceGuide;
  publishedAt: string;
  /** `YYYY-MM-DD`, or null. */
  reviewedOn: string | null;
}

/** A life event, topic or department on the catalogue home. */
export interface ServiceGroupLink {
  name: string;
  count: number;
  /** Site-root path of its list, null when it has no items (shown, not linked). */
  path: string | null;
}

export interface ServiceHomeView {
  total: number;
  lifeEvents: Record<Audience, readonly ServiceGroupLink[]>;
  topics: readonly ServiceGroupLink[];
  departments: readonly ServiceGroupLink[];
}

export interface ServiceListInput {
  /** What the list groups by: 部门, 主题, 个人办事·人生事件… */
  kindLabel: string;
  name: string;
  /** The items of this page only (at most 20), sorted by name. */
  items: readonly ServiceItemEntry[];
  /** 1-based page number. */
  page: number;
  /** Items in the whole list. */
  total: number;
  /** Site-root path of page `p` of the list. */
  pagePath: (p: number) => string;
}

/** Meta tags of the 办事服务 pages (like a column's), with the page's own description. */
function serviceMeta(ctx: RenderContext, url: string, description: string, keywords: string): MetaTags {
  return [
    ...siteMeta(ctx),
    ['ColumnName', SERVICES_NAME],
    ['ColumnDescription', description],
    ['ColumnKeywords', keywords],
    ['ColumnType', SERVICES_NAME],
    ['Url', absoluteUrl(ctx, url)],
  ];
}

function servicesCrumb(ctx: RenderContext): Crumb {
  return { name: SERVICES_NAME, url: ctx.links.section('services') };
}

// ---------------------------------------------------------------- catalogue home

function groupList(ctx: RenderContext, groups: readonly ServiceGroupLink[], empty: string): SafeHtml {
  if (!groups.length) return html`<p class="empty">${empty}</p>`;
  const lis = groups.map((g) =>
    g.path && g.count > 0
      ? html`<li><a href="${ctx.links.page(g.path)}">${g.name}</a>（${g.count} 项）</li>\n`
      : html`<li>${g.name}（暂无事项）</li>\n`,
  );
  return html`<ul class="service-groups">
${lis}</ul>`;
}

function groupSection(ctx: RenderContext, id: string, title: string, groups: readonly ServiceGroupLink[], empty: string): SafeHtml {
  return html`<section class="service-browse" aria-labelledby="${id}">
<h2 id="${id}">${title}</h2>
${groupList(ctx, groups, empty)}
</section>
`;
}

/** The search box of the catalogue: the site search, limited to service items. */
function serviceSearch(ctx: RenderContext): SafeHtml {
  return html`<form class="search-form service-search" role="search" aria-label="搜索办事事项" action="${ctx.links.search}" method="get">
<label for="service-search-q">搜索办事事项</label>
<input id="service-search-q" type="search" name="q" maxlength="100" autocomplete="off">
<input type="hidden" name="type" value="${SERVICE_SEARCH.type}">
<button type="submit">搜索</button>
</form>`;
}

/** `/bsfw/index.html`: the site's service catalogue. */
export function renderServiceHome(ctx: RenderContext, view: ServiceHomeView): string {
  const body = view.total
    ? html`<p class="service-total">本站共发布办事事项 ${view.total} 项，可按人生事件、主题或部门查找，也可直接搜索。</p>
${serviceSearch(ctx)}
${groupSection(ctx, 'bsfw-person', AUDIENCE_LABELS.person, view.lifeEvents.person, '暂无事项。')}${groupSection(
        ctx,
        'bsfw-legal',
        AUDIENCE_LABELS.legal,
        view.lifeEvents.legal,
        '暂无事项。',
      )}${groupSection(ctx, 'bsfw-topics', '按主题查找', view.topics, '暂无事项。')}${groupSection(
        ctx,
        'bsfw-orgs',
        '按部门查找',
        view.departments,
        '暂无事项。',
      )}`
    : html`<p class="empty">本站暂未发布办事事项。</p>`;
  return layout(ctx, {
    title: SERVICES_NAME,
    meta: serviceMeta(
      ctx,
      ctx.links.section('services'),
      '办事指南和在线办理入口：按人生事件、主题和部门查找办事事项。',
      '办事服务,办事指南,在线办理',
    ),
    currentSection: 'services',
    breadcrumbs: [{ name: SERVICES_NAME, url: null }],
    body: html`<h1>${SERVICES_NAME}</h1>
${body}`,
  });
}

// ---------------------------------------------------------------- item lists

function itemTable(ctx: RenderContext, caption: string, items: readonly ServiceItemEntry[]): SafeHtml {
  const rows = items.map((i) => {
    const g = i.guide;
    return html`<tr><th scope="row"><a href="${ctx.links.page(i.path)}">${g.name}</a></th><td>${g.category ?? '—'}</td><td>${ONLINE_LEVEL_LABELS[g.onlineLevel] ?? '—'}</td><td>${said(g.handlingOrg) ? g.handlingOrg : i.orgName}</td></tr>\n`;
  });
  return html`<table class="catalogue-table service-list">
<caption>${caption}</caption>
<thead>
<tr><th scope="col">事项名称</th><th scope="col">事项类型</th><th scope="col">网办深度</th><th scope="col">办理机构</th></tr>
</thead>
<tbody>
${rows}</tbody>
</table>`;
}

/**
 * Page `page` of the items of a department, topic or life event. Throws RangeError when the page
 * does not exist (pages run from 1 to `pageCount(total)`).
 */
export function renderServiceList(ctx: RenderContext, input: ServiceListInput): string {
  const { page, total, name } = input;
  const pages = pageCount(total);
  if (!Number.isInteger(page) || page < 1 || page > pages) throw new RangeError(`service list page ${page} is outside 1..${pages}`);
  const caption = `${name}：共 ${total} 项${pages > 1 ? `，第 ${page}/${pages} 页` : ''}`;
  const nav = paginationNav('分页', page, pages, (p) => ctx.links.page(input.pagePath(p)), html`<p>共 ${pages} 页</p>\n`);
  return layout(ctx, {
    title: page > 1 ? `${name}（第 ${page} 页）` : name,
    meta: serviceMeta(ctx, ctx.links.page(input.pagePath(page)), `${input.kindLabel}：${name}的办事事项`, `${name},办事指南`),
    currentSection: 'services',
    breadcrumbs: [servicesCrumb(ctx), { name, url: null }],
    body: html`<h1>${name}</h1>
<p>分类：${input.kindLabel}</p>
${total > 0 ? itemTable(ctx, caption, input.items) : html`<p class="empty">暂无事项。</p>`}
${nav}
<p><a href="${ctx.links.section('services')}">返回办事服务</a></p>`,
  });
}

// ---------------------------------------------------------------- item page

const FORMAT_LABELS: Record<string, string> = { doc: 'Word', docx: 'Word', xls: 'Excel', xlsx: 'Excel' };

/** The file's format for people: Word, Excel, PDF, OFD… */
export function fileFormat(ext: string): string {
  return FORMAT_LABELS[ext.toLowerCase()] ?? ext.toUpperCase();
}

/** Plain text as paragraphs, or null when the element says nothing (blank or a placeholder such as 暂无). */
function text(value: string | null): SafeHtml | null {
  return value !== null && said(value) ? paragraphs(value) : null;
}

function element(id: string, title: string, body: HtmlValue): SafeHtml | null {
  if (body === null || body === undefined || body === false || (Array.isArray(body) && body.length === 0)) return null;
  return html`<section class="service-element" aria-labelledby="${id}">
<h2 id="${id}">${title}</h2>
${body}
</section>
`;
}

/** Label-value pairs, the ones without a value left out; null when none has one. */
function pairs(list: readonly (readonly [string, string | null])[]): SafeHtml | null {
  const items = list.filter(([, v]) => v !== null && said(v)).map(([k, v]) => html`<dt>${k}</dt>\n<dd>${paragraphs(v!)}</dd>\n`);
  return items.length
    ? html`<dl class="service-pairs">
${items}</dl>`
    : null;
}

const AUDIENCE_NAMES: Record<Audience, string> = { person: '自然人', legal: '法人和其他组织' };

function basicInfo(ctx: RenderContext, item: ServiceItemEntry): SafeHtml {
  const g = item.guide;
  const org = item.orgPath ? html`<a href="${ctx.links.page(item.orgPath)}">${item.orgName}</a>` : item.orgName;
  const rows: [string, HtmlValue][] = [
    ['事项名称', g.name],
    ['事项编码', g.code],
    ['事项类型', g.category],
    ['服务对象', g.audiences.map((a) => AUDIENCE_NAMES[a]).join('、') || null],
    ['所属部门', item.orgName ? org : null],
    ['网办深度', ONLINE_LEVEL_LABELS[g.onlineLevel] ?? null],
  ];
  const trs = rows.filter(([, v]) => v).map(([k, v]) => html`<tr><th scope="row">${k}</th><td>${v}</td></tr>\n`);
  return html`<table class="meta-table">
<caption>基本信息</caption>
<tbody>
${trs}</tbody>
</table>`;
}

function download(
  ctx: RenderContext,
  m: ServiceMaterial,
  fileId: string | null,
  files: ReadonlyMap<string, ServiceFileView>,
  kind: string,
): SafeHtml | string {
  const f = fileId ? files.get(fileId) : undefined;
  const url = f ? safeUrl(ctx.links.page(f.path)) : null;
  if (!f || !url) return '无';
  const size = formatSize(f.size);
  return html`<a href="${url}" download="${m.name}（${kind}）.${f.ext}">下载“${m.name}”${kind}（${fileFormat(f.ext)}${size ? `，${size}` : ''}）</a>`;
}

function materialsTable(
  ctx: RenderContext,
  materials: readonly ServiceMaterial[],
  files: ReadonlyMap<string, ServiceFileView>,
): SafeHtml | null {
  const listed = materials.filter((m) => said(m.name));
  if (!listed.length) return null;
  const rows = listed.map(
    (m) =>
      html`<tr><th scope="row">${m.name}</th><td>${said(m.form) ? m.form : '—'}</td><td>${m.required ? '必需' : '非必需'}</td><td>${said(m.note) ? m.note : '—'}</td><td>${download(ctx, m, m.formFileId, files, '空白表格')}</td><td>${download(ctx, m, m.sampleFileId, files, '示范文本')}</td></tr>\n`,
  );
  return html`<table class="catalogue-table service-materials">
<caption>共 ${listed.length} 项材料</caption>
<thead>
<tr><th scope="col">材料名称</th><th scope="col">材料形式</th><th scope="col">是否必需</th><th scope="col">说明</th><th scope="col">空白表格</th><th scope="col">示范文本</th></tr>
</thead>
<tbody>
${rows}</tbody>
</table>`;
}

function feeElement(g: ServiceGuide): SafeHtml | null {
  const fees = text(g.fees);
  const basis = text(g.feeBasis);
  if (!fees && !basis) return null;
  return html`${fees}${basis ? html`<h3>收费依据</h3>\n${basis}` : null}`;
}

function processList(all: readonly ServiceStep[]): SafeHtml | null {
  const steps = all.filter((s) => said(s.title));
  if (!steps.length) return null;
  return html`<ol class="service-steps">
${steps.map((s) => html`<li><strong>${s.title}</strong>${s.description && said(s.description) ? paragraphs(s.description) : null}</li>\n`)}</ol>`;
}

/** The online-handling link: external (so it says so), in the same tab, with how far the item can be done online. */
function onlineElement(g: ServiceGuide): SafeHtml | null {
  const url = g.onlineUrl && /^https?:\/\//i.test(g.onlineUrl.trim()) ? safeUrl(g.onlineUrl) : null;
  const host = url ? URL.parse(url)?.host : null;
  if (!url || !host) return null;
  return html`<p>网办深度：${ONLINE_LEVEL_LABELS[g.onlineLevel]}</p>
<p class="service-online"><a class="service-online-link" href="${url}" rel="external noopener">在线办理“${g.name}”（外部网站：${host}）</a></p>`;
}

function faqList(g: ServiceGuide): SafeHtml | null {
  const faq = g.faq.filter((f) => said(f.question) && said(f.answer));
  if (!faq.length) return null;
  return html`<dl class="service-faq">
${faq.map((f) => html`<dt>${f.question}</dt>\n<dd>${paragraphs(f.answer)}</dd>\n`)}</dl>`;
}

/** An item page (`/bsfw/sx/<code>.html`): its guide, element by element. */
export function renderServiceItem(ctx: RenderContext, item: ServiceItemEntry, files: ReadonlyMap<string, ServiceFileView>): string {
  const g = item.guide;
  const meta: MetaTags = [
    ...siteMeta(ctx),
    ['ColumnName', SERVICES_NAME],
    ['ColumnType', SERVICE_SEARCH.label],
    ['ArticleTitle', g.name],
    ['PubDate', beijingDateTime(item.publishedAt)],
    ['ContentSource', item.orgName || ctx.site.sponsorName],
    ['Keywords', `${g.name},${SERVICE_SEARCH.label}`],
    ['Author', item.orgName || ctx.site.sponsorName],
    ['Description', `${g.name}的办事指南：申请条件、办理材料、办理流程和联系方式。`],
    ['Url', absoluteUrl(ctx, ctx.links.page(item.path))],
  ];
  const crumbs: Crumb[] = [servicesCrumb(ctx)];
  if (item.orgPath) crumbs.push({ name: item.orgName, url: ctx.links.page(item.orgPath) });
  crumbs.push({ name: SERVICE_SEARCH.label, url: null });
  const dates = html`<p class="article-info"><span>发布日期：<time datetime="${item.publishedAt}">${beijingDate(item.publishedAt)}</time></span>
${item.reviewedOn ? html`<span>最近复核日期：<time datetime="${item.reviewedOn}">${item.reviewedOn}</time></span>` : null}</p>`;
  const body = html`<article class="service-guide">
<h1>${g.name}</h1>
${basicInfo(ctx, item)}
${element('sx-legal-basis', '设定依据', text(g.legalBasis))}${element('sx-conditions', '申请条件', text(g.conditions))}${element(
    'sx-materials',
    '办理材料',
    materialsTable(ctx, g.materials, files),
  )}${element('sx-handling-org', '办理机构', text(g.handlingOrg))}${element('sx-place', '办理地点', text(g.place))}${element(
    'sx-hours',
    '办理时间',
    text(g.officeHours),
  )}${element(
    'sx-time-limit',
    '办理时限',
    pairs([
      ['法定办结时限', g.legalTimeLimit],
      ['承诺办结时限', g.promisedTimeLimit],
    ]),
  )}${element('sx-fees', '收费标准', feeElement(g))}${element('sx-process', '办理流程', processList(g.process))}${element(
    'sx-phone',
    '联系电话',
    pairs([
      ['咨询电话', g.phone],
      ['监督投诉电话', g.complaintPhone],
    ]),
  )}${element('sx-online', '在线办理', onlineElement(g))}${element('sx-faq', '常见问题', faqList(g))}${dates}
</article>`;
  return layout(ctx, {
    title: g.name,
    meta,
    currentSection: 'services',
    breadcrumbs: crumbs,
    body,
  });
}

// ---------------------------------------------------------------- sitemap

/** The sitemaps.org urlset of the 办事服务 pages (site-root paths, resolved through `ctx.links`). */
export function renderServicesSitemap(ctx: RenderContext, entries: readonly { path: string; lastmod: string | null }[]): string {
  const urls = entries.map(
    (e) =>
      html`<url><loc>${absoluteUrl(ctx, ctx.links.page(e.path))}</loc>${e.lastmod ? html`<lastmod>${beijingW3c(e.lastmod)}</lastmod>` : null}</url>\n`,
  );
  return html`<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls}</urlset>
`.toString();
}
