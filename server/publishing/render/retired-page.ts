/**
 * The page a retired site's old address shows while its closure notice is up (关停公示): the
 * notice naming the new site and linking it (国办发〔2017〕47号 as applied: at least 30 days on
 * the old home page). A page of its own, not in any site's frame: the old site is not hosted
 * here. Pure.
 */
import { html, safeUrl } from './html.ts';
import { beijingDate } from './dates.ts';

/** `2026年12月29日` (Beijing) for an ISO date or instant. */
function chineseDate(iso: string): string {
  const [y, m, d] = (iso.length === 10 ? iso : beijingDate(iso)).split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

export interface RetiredPageInput {
  /** The old site's name. */
  siteName: string;
  /** The notice as filed (plain text), or null for the standard wording. */
  noticeText: string | null;
  /** The new location: its name and address; null when the site closed without one. */
  successor: { name: string; url: string } | null;
  /** The last day of the notice (ISO date or instant), or null. */
  noticeUntil: string | null;
  /** True when the site merged into its successor rather than closing. */
  merged: boolean;
}

export function renderRetiredPage(p: RetiredPageInput): string {
  const successorUrl = p.successor ? safeUrl(p.successor.url) : null;
  const title = p.merged ? `${p.siteName}已整合` : `${p.siteName}关停公告`;
  const standard = p.successor
    ? `${p.siteName}${p.merged ? '已整合至' : '已迁移至'}「${p.successor.name}」，原网站内容可在新网站查阅。`
    : `${p.siteName}已停止更新。`;
  const until = p.noticeUntil ? html`<p>本公告公示至 ${chineseDate(p.noticeUntil)}，期满后原网址将自动跳转至新网站。</p>` : null;
  return html`<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
</head>
<body>
<main>
<h1>${title}</h1>
${(p.noticeText ?? standard).split(/\n+/).map((line) => html`<p>${line}</p>\n`)}${until}
${successorUrl ? html`<p>新网站：<a href="${successorUrl}">${p.successor!.name}（${successorUrl}）</a></p>` : null}
</main>
</body>
</html>
`.toString();
}
