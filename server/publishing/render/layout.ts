/**
 * The shared page frame of every public page: head with the 47号文 meta tags (§2.8), skip link,
 * header, main navigation, breadcrumbs, `<main>` and the identity footer (§2.4).
 * No inline scripts and no `style` attributes: all styling lives in `assets/site.css`, and
 * `assets/mode.css` (served per visitor: empty, or the 适老化 stylesheet when chosen).
 *
 * Whitespace inside templates is output: this folder's .prettierrc.json turns off Prettier's
 * embedded-HTML formatting, which would add spaces between Chinese characters and tags.
 */
import { beijingYear } from './dates.ts';
import { html, safeUrl, type HtmlValue, type SafeHtml } from './html.ts';
import type { RenderContext } from './types.ts';

export const CONAC_URL = 'https://bszs.conac.cn/sitename?method=show&id=';
export const ICP_URL = 'https://beian.miit.gov.cn/';
export const PSB_URL = 'https://www.beian.gov.cn/portal/registerSystemInfo?recordcode=';
export const ERROR_REPORT_URL = 'https://zfwzzc.www.gov.cn/check_web/errorInfo_querySiteInfo.action';

/** Meta tags in output order; entries with an empty or null value are left out. */
export type MetaTags = readonly (readonly [string, string | null | undefined])[];

export interface Crumb {
  name: string;
  url: string | null;
}

export interface LayoutInput {
  /** Page title; the `<title>` is `<title> - <site name>` (or the site name alone on the home page). */
  title: string | null;
  meta: MetaTags;
  /** Top-level column id to mark with aria-current in the navigation; `null` marks 首页. */
  currentNavId?: string | null;
  /** The platform's own section the page belongs to (marked in the navigation instead of a column). */
  currentSection?: 'services';
  /** Breadcrumbs after 首页; none on the home page. */
  breadcrumbs?: readonly Crumb[];
  /** Extra `<link>` elements (e.g. RSS alternate). */
  headLinks?: SafeHtml;
  /**
   * Site path the 适老化 switch sends the visitor back to; defaults to `ctx.pagePath`. A dynamic
   * page passes its query too (the search page: `/search?q=…`).
   */
  backPath?: string;
  body: SafeHtml;
}

/** Absolute https URL on the site's domain for a URL as the page links it (root-relative or page-relative). */
export function absoluteUrl(ctx: RenderContext, url: string): string {
  return new URL(url, `https://${ctx.site.domain}${ctx.pagePath}`).href;
}

/** The site-level meta tags every page carries. */
export function siteMeta(ctx: RenderContext): MetaTags {
  return [
    ['SiteName', ctx.site.name],
    ['SiteDomain', ctx.site.domain],
    ['SiteIDCode', ctx.site.code],
  ];
}

function digits(s: string): string {
  return s.replace(/\D/g, '');
}

/** The identity footer (§2.4): 主办单位, 联系方式, 网站标识码, ICP备案号, 公安机关备案号, 党政机关网站标识, 我为政府网站找错. */
export function identityFooter(ctx: RenderContext): SafeHtml {
  const { site, links } = ctx;
  const c = site.contact;
  const email = c.email?.trim() ? c.email.trim() : null;
  const mail = email ? safeUrl(`mailto:${email}`) : null;
  const contact: HtmlValue[] = [
    c.phone?.trim() ? html`<span>联系电话：${c.phone.trim()}</span>` : null,
    email ? html`<span>电子邮箱：${mail ? html`<a href="${mail}">${email}</a>` : email}</span>` : null,
    c.address?.trim() ? html`<span>地址：${c.address.trim()}</span>` : null,
  ].filter(Boolean);
  const errorUrl = site.code ? `${ERROR_REPORT_URL}?sitecode=${encodeURIComponent(site.code)}` : ERROR_REPORT_URL;
  const recordCode = site.psb ? digits(site.psb.recordCode) || digits(site.psb.number) : '';
  const conac = site.conacId
    ? html`<a class="conac-mark" href="${CONAC_URL}${encodeURIComponent(site.conacId)}" rel="noopener">党政机关网站标识</a>`
    : html`<span class="conac-mark">党政机关网站</span>`;
  const psb = site.psb
    ? recordCode
      ? html`<a href="${PSB_URL}${recordCode}" rel="noopener">${site.psb.number}</a>`
      : html`<span>${site.psb.number}</span>`
    : null;
  return html`<footer class="site-footer">
<div class="wrap">
<ul class="footer-links">
<li><a href="${links.siteMap}">网站地图</a></li>
<li><a href="${errorUrl}" rel="noopener">我为政府网站找错</a></li>
</ul>
<p>主办单位：${site.sponsorName}</p>
<p class="contact">${contact.length ? contact.map((x) => html`${x} `) : '联系方式：请通过主办单位联系'}</p>
<p><span>网站标识码：${site.code ?? '待分配'}</span>
${site.icp ? html`<a href="${ICP_URL}" rel="noopener">${site.icp}</a>` : null}
${psb}</p>
<p>${conac}</p>
<p>© ${beijingYear(ctx.now)} ${site.sponsorName} 版权所有</p>
</div>
</footer>`;
}

/**
 * The `back` query value of a mode link: the site path with every character that could end the
 * parameter (`&`, `#`, `+`, `=`…) or is not ASCII percent-encoded; slashes stay readable.
 */
function backParam(path: string): string {
  return encodeURIComponent(path).replace(/%2F/gi, '/');
}

/**
 * The 适老化 switch: two plain links to the server's `_mode/elder` and `_mode/standard`, which
 * set a remembered cookie and send the visitor back to this page. A static page cannot know the
 * visitor's cookie, so both choices are always offered; no JavaScript is involved. The links are
 * relative to the site root (`links.home`), so they work on the site's domain and in the preview.
 */
export function modeSwitch(ctx: RenderContext, backPath: string = ctx.pagePath): SafeHtml {
  const root = ctx.links.home.endsWith('/') ? ctx.links.home : `${ctx.links.home}/`;
  const back = backParam(backPath.startsWith('/') ? backPath : `/${backPath}`);
  return html`<nav class="mode-switch" aria-label="阅读模式">
<ul>
<li><a href="${root}_mode/elder?back=${back}" rel="nofollow">适老化模式</a></li>
<li><a href="${root}_mode/standard?back=${back}" rel="nofollow">标准模式</a></li>
</ul>
</nav>`;
}

function metaTags(meta: MetaTags): SafeHtml[] {
  return meta.filter(([, v]) => v !== null && v !== undefined && v !== '').map(([k, v]) => html`<meta name="${k}" content="${v}">\n`);
}

function breadcrumbNav(ctx: RenderContext, crumbs: readonly Crumb[]): SafeHtml {
  return html`<nav class="breadcrumbs wrap" aria-label="当前位置">
<ol>
<li><a href="${ctx.links.home}">首页</a></li>
${crumbs.map((c) => (c.url ? html`<li><a href="${c.url}">${c.name}</a></li>\n` : html`<li aria-current="page">${c.name}</li>\n`))}</ol>
</nav>`;
}

/** `2026-04-30` as `2026年4月30日`. */
function chineseDate(d: string): string {
  const [y, m, day] = d.split('-');
  return `${y}年${Number(m)}月${Number(day)}日`;
}

/**
 * The site-wide notice of the site lifecycle (docs/consolidation.md): a closing site names and
 * links the site that takes over and the day it closes; an offline site shows its filed notice.
 */
export function siteNotice(ctx: RenderContext): SafeHtml | null {
  const n = ctx.site.notice;
  if (!n) return null;
  if (n.kind === 'offline')
    return html`<div class="site-notice" role="note"><p>${n.text ?? '本网站正在维护升级，部分内容暂停更新。'}${n.until ? html`预计 ${chineseDate(n.until)} 恢复。` : null}</p></div>
`;
  const url = n.successorUrl ? safeUrl(n.successorUrl) : null;
  const link = url ? html`<a href="${url}">${n.successorName ?? n.successorUrl}</a>` : null;
  return html`<div class="site-notice" role="note"><p>${n.successorName ? html`本网站已整合至「${n.successorName}」` : '本网站即将关停'}${n.until ? html`，将于 ${chineseDate(n.until)} 关停` : null}${link ? html`，请访问 ${link}` : null}。${n.text ? html` ${n.text}` : null}</p></div>
`;
}

/** Wraps a page body in the shared frame. */
export function layout(ctx: RenderContext, input: LayoutInput): string {
  const { site, links } = ctx;
  const logo = safeUrl(site.theme.logoUrl);
  const title = input.title ? `${input.title} - ${site.name}` : site.name;
  const current = (id: string | null) => (input.currentNavId === id ? html` aria-current="page"` : '');
  const navItems = ctx.nav.map((col) => html`<li><a href="${links.column(col, 1)}"${current(col.id)}>${col.name}</a></li>\n`);
  // 办事服务 (/bsfw/) and 政民互动 (/hdjl/) are the platform's own pages on every site, after the site's columns.
  const services = html`<li><a href="${links.section('services')}"${input.currentSection === 'services' ? html` aria-current="page"` : ''}>办事服务</a></li>\n`;
  const interaction = html`<li><a href="${links.section('interaction')}">政民互动</a></li>\n`;
  return html`<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${metaTags(input.meta)}<link rel="stylesheet" href="${links.asset('site.css')}">
<link rel="stylesheet" href="${links.asset('mode.css')}">
${input.headLinks ?? null}</head>
<body>
<a class="skip-link" href="#main">跳转到主要内容</a>
<header class="site-header">
<div class="wrap">
${modeSwitch(ctx, input.backPath)}
<p class="site-title"><a href="${links.home}">${logo ? html`<img src="${logo}" alt="${site.name}">` : site.name}</a></p>
<form class="search-form" role="search" aria-label="全站搜索" action="${links.search}" method="get">
<label for="site-search-q">站内搜索</label>
<input id="site-search-q" type="search" name="q" autocomplete="off">
<button type="submit">搜索</button>
</form>
</div>
</header>
<nav class="main-nav" aria-label="主导航">
<ul>
<li><a href="${links.home}"${input.currentNavId === null ? current(null) : ''}>首页</a></li>
${navItems}${services}${interaction}</ul>
</nav>
${siteNotice(ctx)}${input.breadcrumbs ? breadcrumbNav(ctx, input.breadcrumbs) : null}
<main id="main" class="wrap" tabindex="-1">
${input.body}
</main>
${identityFooter(ctx)}
</body>
</html>
`.toString();
}
