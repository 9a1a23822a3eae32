import { htmlForDisplay } from './gkLinks.ts';

/**
 * A revision's body as it will read. Rendering stored HTML with dangerouslySetInnerHTML is
 * acceptable here ONLY because the server sanitises every body on save with its allow-list
 * (server/platform/html/sanitize.ts: no scripts, event handlers, styles or javascript:/data:
 * URLs); the admin only rewrites gk: references to URLs it can open.
 */
export function ArticleBody({ html, label }: { html: string; label: string }) {
  if (!html) return <p className="gk-article-body">（正文为空）</p>;
  return <div className="gk-article-body" role="document" aria-label={label} dangerouslySetInnerHTML={{ __html: htmlForDisplay(html) }} />;
}
