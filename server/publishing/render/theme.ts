/**
 * Theme colours and the site stylesheet. Colours go into `/assets/site.css` as CSS custom
 * properties, never into inline `style` attributes (public pages run under a CSP without
 * 'unsafe-inline').
 *
 * Contrast rule: every configured colour is used both as a background behind white text (header,
 * navigation, banner) and as text or link colour on a white page. So each must reach the WCAG 2.1
 * AA ratio of 4.5:1 against white. A colour that is malformed (anything but `#rgb`/`#rrggbb`) or
 * fails that ratio is replaced by the default theme colour in the same position; only the first
 * three colours are used (47号文: no more than 3 colours).
 */
import type { ThemeView } from './types.ts';

export const DEFAULT_COLORS = ['#a61c1c', '#1f4e79', '#4d4d4d'] as const;
export const MIN_CONTRAST = 4.5;

export interface ThemeColors {
  primary: string;
  secondary: string;
  accent: string;
}

/** Parses `#rgb` or `#rrggbb` to [r, g, b] (0–255); anything else gives null. */
export function parseHexColor(color: string): [number, number, number] | null {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!m?.[1]) return null;
  const h = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
}

/** WCAG 2.1 relative luminance. */
function luminance([r, g, b]: [number, number, number]): number {
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG contrast ratio (1–21) of two hex colours; null if either is malformed. */
export function contrastRatio(a: string, b: string): number | null {
  const ca = parseHexColor(a);
  const cb = parseHexColor(b);
  if (!ca || !cb) return null;
  const [hi, lo] = [luminance(ca), luminance(cb)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Applies the contrast rule from the module comment; returns lower-case `#rrggbb`-or-`#rgb` colours. */
export function resolveThemeColors(colors: readonly string[]): ThemeColors {
  const pick = (i: 0 | 1 | 2): string => {
    const c = colors[i]?.trim().toLowerCase();
    return c && (contrastRatio(c, '#ffffff') ?? 0) >= MIN_CONTRAST ? c : DEFAULT_COLORS[i];
  };
  return { primary: pick(0), secondary: pick(1), accent: pick(2) };
}

/**
 * The content of `/assets/site.css` for a site: colour variables, responsive layout, readable
 * sizes (18px body, line height 1.8), visible focus, skip link and print styles.
 */
export function siteStylesheet(theme: ThemeView): string {
  const c = resolveThemeColors(theme.colors);
  return `:root {
  --gk-primary: ${c.primary};
  --gk-secondary: ${c.secondary};
  --gk-accent: ${c.accent};
  --gk-text: #1a1a1a;
  --gk-bg: #ffffff;
  --gk-line: #cccccc;
  --gk-soft: #f5f5f5;
}
*, *::before, *::after { box-sizing: border-box; }
html { font-size: 112.5%; -webkit-text-size-adjust: 100%; }
body {
  margin: 0;
  color: var(--gk-text);
  background: var(--gk-bg);
  font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif;
  font-size: 1rem;
  line-height: 1.8;
}
a { color: var(--gk-secondary); text-decoration: underline; }
a:hover { color: var(--gk-primary); }
/* A date field's calendar button takes the focus inside the field, which then matches only :focus-within. */
:focus-visible, input:focus-within, select:focus { outline: 3px solid #ffbf47; outline-offset: 2px; box-shadow: 0 0 0 5px #1a1a1a; }
img { max-width: 100%; height: auto; }
button, input, select, textarea { font: inherit; }
.skip-link { position: absolute; left: -9999px; top: 0; padding: 0.5rem 1rem; background: #1a1a1a; color: #ffffff; z-index: 10; }
.visually-hidden-heading { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.skip-link:focus { left: 0.5rem; top: 0.5rem; }
.wrap { max-width: 1200px; margin: 0 auto; padding: 0 1rem; }
.site-header { background: var(--gk-primary); color: #ffffff; }
.site-header .wrap { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 1rem; padding-top: 1rem; padding-bottom: 1rem; }
.mode-switch { flex-basis: 100%; }
.mode-switch ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; justify-content: flex-end; gap: 1.5rem; }
.site-header .mode-switch a { color: #ffffff; }
.site-title { margin: 0; font-size: 1.6rem; font-weight: bold; }
.site-title a { color: #ffffff; text-decoration: none; }
.site-title img { max-height: 4rem; vertical-align: middle; }
.search-form { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; }
.search-form input { font-size: 1rem; padding: 0.4rem 0.6rem; min-width: 12rem; border: 2px solid #1a1a1a; }
.search-form button { font-size: 1rem; padding: 0.4rem 1rem; background: var(--gk-secondary); color: #ffffff; border: 2px solid #ffffff; cursor: pointer; }
.site-header .search-form label { color: #ffffff; }
.main-nav { background: var(--gk-secondary); }
.main-nav ul { list-style: none; margin: 0 auto; padding: 0 1rem; max-width: 1200px; display: flex; flex-wrap: wrap; }
.main-nav a { display: block; padding: 0.6rem 1rem; color: #ffffff; text-decoration: none; font-weight: bold; }
.main-nav a:hover, .main-nav a[aria-current="page"] { background: var(--gk-primary); color: #ffffff; text-decoration: underline; }
.breadcrumbs ol { list-style: none; display: flex; flex-wrap: wrap; gap: 0.25rem; padding: 0; margin: 1rem 0; }
.breadcrumbs li + li::before { content: "›"; margin-right: 0.25rem; color: var(--gk-accent); }
.site-notice { background: #fff4e5; color: #5c3200; border-bottom: 2px solid #b35c00; }
.site-notice p { max-width: 75rem; margin: 0 auto; padding: 0.75rem 1rem; font-weight: bold; }
.site-notice a { color: #5c3200; }
main { display: block; padding-bottom: 2rem; }
h1 { font-size: 1.6rem; line-height: 1.5; color: var(--gk-text); }
h2 { font-size: 1.3rem; line-height: 1.5; }
.banner img { display: block; width: 100%; }
.blocks { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 1.5rem; margin-top: 1.5rem; }
.block { border-top: 4px solid var(--gk-primary); background: var(--gk-bg); }
.block h2 { margin: 0.5rem 0; color: var(--gk-primary); }
.article-list { list-style: none; padding: 0; margin: 0; }
.article-list li { display: flex; justify-content: space-between; gap: 1rem; padding: 0.4rem 0; border-bottom: 1px dashed var(--gk-line); }
.article-list time { color: var(--gk-accent); white-space: nowrap; }
.more { text-align: right; }
.annual-report { margin: 0.75rem 0; padding: 0.5rem 0.75rem; border-left: 4px solid var(--gk-primary); background: var(--gk-bg); }
.empty { color: var(--gk-accent); }
.pagination ul { list-style: none; display: flex; flex-wrap: wrap; gap: 0.4rem; padding: 0; margin: 1.5rem 0; }
.pagination a, .pagination span { display: inline-block; min-width: 2.5rem; padding: 0.3rem 0.6rem; text-align: center; border: 1px solid var(--gk-line); }
.pagination a[aria-current="page"] { background: var(--gk-primary); color: #ffffff; border-color: var(--gk-primary); }
.pagination .gap { border: none; }
.validity-banner { border: 3px solid var(--gk-primary); background: var(--gk-soft); padding: 1rem; margin: 1rem 0; font-weight: bold; font-size: 1.15rem; }
.validity-banner strong { color: var(--gk-primary); }
.meta-table { width: 100%; border-collapse: collapse; margin: 1rem 0; }
.meta-table th, .meta-table td { border: 1px solid var(--gk-line); padding: 0.4rem 0.6rem; text-align: left; vertical-align: top; }
.meta-table th { background: var(--gk-soft); white-space: nowrap; width: 8em; }
.article-info { color: var(--gk-accent); display: flex; flex-wrap: wrap; gap: 1.5rem; border-bottom: 1px solid var(--gk-line); padding-bottom: 0.5rem; }
.article-body { font-size: 1.05rem; line-height: 1.9; }
.article-body p { margin: 0 0 1.3em; }
.article-body table { border-collapse: collapse; max-width: 100%; display: block; overflow-x: auto; }
.article-body th, .article-body td { border: 1px solid var(--gk-line); padding: 0.3rem 0.5rem; }
.correction { border-left: 4px solid var(--gk-secondary); background: var(--gk-soft); padding: 0.5rem 1rem; }
.attachments, .related { margin-top: 1.5rem; }
.site-footer { margin-top: 2rem; background: #262626; color: #ffffff; padding: 1.5rem 0; font-size: 0.95rem; }
.site-footer a { color: #ffffff; }
.site-footer p { margin: 0.3rem 0; }
.footer-links { list-style: none; display: flex; flex-wrap: wrap; gap: 1.5rem; padding: 0; margin: 0 0 0.8rem; }
.conac-mark { display: inline-block; border: 2px solid #ffffff; padding: 0.1rem 0.6rem; font-weight: bold; }
.sitemap-tree ul { padding-left: 1.5rem; }
.catalogue { display: grid; grid-template-columns: minmax(12rem, 18rem) 1fr; gap: 1.5rem; align-items: start; }
.catalogue-tree ul { list-style: none; padding-left: 0.8rem; margin: 0.3rem 0; }
.catalogue-tree a[aria-current="page"] { font-weight: bold; color: var(--gk-primary); }
.catalogue-form { display: flex; flex-wrap: wrap; gap: 0.6rem 1rem; align-items: end; margin: 1rem 0; }
.catalogue-form p { margin: 0; display: flex; flex-direction: column; }
.catalogue-form input, .catalogue-form select, .catalogue-form button { font-size: 1rem; padding: 0.3rem 0.5rem; }
.catalogue-table { width: 100%; border-collapse: collapse; margin: 1rem 0; }
.catalogue-table th, .catalogue-table td { border: 1px solid var(--gk-line); padding: 0.4rem 0.6rem; text-align: left; vertical-align: top; }
.catalogue-table th { background: var(--gk-soft); }
.catalogue-table td.summary { color: var(--gk-accent); }
.guide-contact { border-collapse: collapse; margin: 1rem 0; }
.guide-contact th, .guide-contact td { border: 1px solid var(--gk-line); padding: 0.4rem 0.8rem; text-align: left; }
.not-found { text-align: center; padding: 3rem 0; }
.service-search { margin: 1rem 0; }
.service-groups { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: 0.3rem 1rem; }
.service-pairs dt, .service-faq dt { font-weight: bold; }
.service-pairs dd, .service-faq dd { margin: 0 0 0.6rem; }
.service-steps li { margin-bottom: 0.6rem; }
.service-online-link { display: inline-block; padding: 0.6rem 1.2rem; background: var(--gk-primary); color: #ffffff; font-weight: bold; }
.service-online-link:hover, .service-online-link:focus { background: var(--gk-secondary); color: #ffffff; }
@media (max-width: 640px) {
  html { font-size: 106.25%; }
  .site-header .wrap { flex-direction: column; align-items: flex-start; }
  .main-nav ul { flex-direction: column; }
  .article-list li { flex-direction: column; gap: 0; }
  .catalogue { grid-template-columns: 1fr; }
  .meta-table th { width: auto; }
}
@media print {
  .skip-link, .mode-switch, .main-nav, .search-form, .breadcrumbs, .pagination, .footer-links, .banner, .blocks .more { display: none !important; }
  body { color: #000000; background: #ffffff; font-size: 12pt; }
  .site-header, .site-footer { background: #ffffff; color: #000000; border-bottom: 1px solid #000000; }
  .site-header a, .site-footer a { color: #000000; }
  a { color: #000000; }
  .article-body a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.9em; }
  .meta-table th { background: #ffffff; }
  .validity-banner { border-color: #000000; }
}
`;
}

/**
 * The 适老化 stylesheet (`assets/elder.css`), served as `assets/mode.css` to visitors who chose it
 * (工信部《互联网网站适老化通用设计规范》: larger text, high-contrast colours, wider spacing, full
 * keyboard use). It only overrides `site.css`: black and white with the theme colours dropped,
 * text at 22px, line height 2 and paragraph spacing beyond 1.3 lines, bigger click targets, and
 * a focus ring of yellow inside black that shows on both the black bars and the white page.
 */
export function elderStylesheet(): string {
  return `:root {
  --gk-primary: #000000;
  --gk-secondary: #1a1a1a;
  --gk-accent: #000000;
  --gk-text: #000000;
  --gk-bg: #ffffff;
  --gk-line: #000000;
  --gk-soft: #ffffff;
}
html { font-size: 137.5%; }
body { line-height: 2; letter-spacing: 0.05em; word-spacing: 0.1em; }
a { text-decoration: underline; text-decoration-thickness: 0.1em; text-underline-offset: 0.2em; }
:focus-visible, a:focus, button:focus, input:focus-within, select:focus, summary:focus {
  outline: 4px solid #ffbf47;
  outline-offset: 2px;
  box-shadow: 0 0 0 8px #000000;
}
p, li { margin-bottom: 0.8em; }
h1 { font-size: 1.8rem; }
h2 { font-size: 1.45rem; }
.site-header .wrap { padding-top: 1.2rem; padding-bottom: 1.2rem; }
.mode-switch a, .footer-links a { font-weight: bold; }
.main-nav a { padding: 0.9rem 1.2rem; }
.main-nav a[aria-current="page"] { outline: 3px solid #ffffff; outline-offset: -6px; }
.search-form input, .search-form button, .search-page-form input, .search-page-form select, .search-page-form button { font-size: 1rem; padding: 0.6rem 1rem; border: 3px solid #000000; }
.search-form button { border-color: #ffffff; }
.article-list li { padding: 0.8rem 0; border-bottom: 2px solid #000000; }
.article-body { font-size: 1.1rem; line-height: 2.1; }
.article-body p { margin-bottom: 1.5em; }
.pagination a, .pagination span { min-width: 3rem; padding: 0.5rem 0.8rem; border: 2px solid #000000; }
.meta-table th, .meta-table td, .article-body th, .article-body td { border: 2px solid #000000; padding: 0.6rem 0.8rem; }
.site-footer { background: #000000; font-size: 1rem; }
.banner { display: none; }
`;
}
