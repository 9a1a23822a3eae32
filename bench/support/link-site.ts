/**
 * The site of the link-checking benchmark (bench/links.bench.ts): deterministic static HTML
 * from `corpusArticles`, with planted broken links recorded as ground truth, served by Debian's
 * nginx from a temporary folder on 127.0.0.1.
 *
 * Layout (all links are root-relative paths, except one relative `../` per article; no
 * fragments, no query strings, no external links, so every tool sees the same set of URLs):
 *   /                              home: the 20-column nav and the 5 newest articles of each column
 *   /colXX/                        column list, page 1 (20 articles a page, newest first)
 *   /colXX/page/N/                 column list, page N ≥ 2; pager with 首页/上一页/numbers/下一页/尾页
 *   /colXX/aNNNNNNN/               an article: nav, breadcrumbs, ~1,500 characters of Chinese text,
 *                                  3–10 links to other articles (the corpus links), 上一篇/下一篇
 *                                  within the column, and 1–2 planted broken links, each unique:
 *                                  `/colXX/aNNNNNNN-oldK/` (a moved page) or
 *                                  `/uploads/YYYY/aNNNNNNN-fjK.html` (a deleted attachment)
 *   /assets/site.css, site.js, logo.png, /favicon.ico   on every page (<link>, <script>, <img>)
 *   /uploads/YYYY/aNNNNNNN.jpg     an existing picture (<img>) on every 10th article
 *   /robots.txt                    allows everything
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { canConnect, freePort, NGINX_BIN } from '../../test/serve/nginx-runner.ts';
import { COLUMN_NAMES, mulberry32 } from './corpus.ts';
import { columnSlug, corpusArticles } from './publish-site.ts';

export const articleName = (i: number) => `a${String(i).padStart(7, '0')}`;
const articlePath = (i: number) => `/${columnSlug(i % COLUMN_NAMES.length)}/${articleName(i)}/`;
const listPath = (c: number, page: number) => (page === 1 ? `/${columnSlug(c)}/` : `/${columnSlug(c)}/page/${page}/`);

export const PER_PAGE = 20;
const ASSETS = ['/assets/site.css', '/assets/site.js', '/assets/logo.png', '/favicon.ico'];
const SITE_NAME = '基准测试市人民政府';

export interface LinkSite {
  dir: string;
  articles: number;
  /** HTML pages that exist: home + list pages + articles. */
  pages: number;
  listPages: number;
  /** Every URL path a complete crawl checks: the pages, the assets and pictures, and the broken links. */
  expectedUrls: number;
  /** The planted broken links (paths), the ground truth. */
  broken: string[];
  bytes: number;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const NAV = `<nav class="main-nav" aria-label="主导航"><ul>
${COLUMN_NAMES.map((name, c) => `<li><a href="${listPath(c, 1)}">${name}</a></li>`).join('\n')}
</ul></nav>`;

function frame(title: string, crumbs: string, main: string): string {
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} - ${SITE_NAME}</title>
<meta name="SiteName" content="${SITE_NAME}">
<meta name="SiteIDCode" content="9901000099">
<link rel="stylesheet" href="/assets/site.css">
<link rel="icon" href="/favicon.ico">
<script src="/assets/site.js" defer></script>
</head>
<body>
<header class="site-header"><div class="wrap"><a class="site-name" href="/"><img src="/assets/logo.png" alt="${SITE_NAME}" width="48" height="48">${SITE_NAME}</a></div></header>
${NAV}
${crumbs}
<main id="main" class="wrap">
${main}
</main>
<footer class="site-footer"><div class="wrap">
<p>主办单位：基准测试市人民政府办公室</p>
<p class="contact"><span>联系电话：0812-1234567</span> <span>地址：基准测试市人民路 1 号</span></p>
<p><span>网站标识码：9901000099</span></p>
</div></footer>
</body>
</html>
`;
}

function write(root: string, urlPath: string, content: string | Buffer): number {
  const file = path.join(root, ...urlPath.split('/').filter(Boolean), ...(urlPath.endsWith('/') ? ['index.html'] : []));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return typeof content === 'string' ? Buffer.byteLength(content) : content.length;
}

function pager(c: number, page: number, pages: number, total: number): string {
  const items: string[] = [];
  if (page > 1)
    items.push(`<li><a href="${listPath(c, 1)}">首页</a></li>`, `<li><a href="${listPath(c, page - 1)}" rel="prev">上一页</a></li>`);
  for (let p = Math.max(1, page - 4); p <= Math.min(pages, page + 4); p++)
    items.push(p === page ? `<li aria-current="page">${p}</li>` : `<li><a href="${listPath(c, p)}">${p}</a></li>`);
  if (page < pages)
    items.push(`<li><a href="${listPath(c, page + 1)}" rel="next">下一页</a></li>`, `<li><a href="${listPath(c, pages)}">尾页</a></li>`);
  return `<nav class="pager" aria-label="分页"><p>共 ${total} 条，第 ${page}/${pages} 页</p><ul>\n${items.join('\n')}\n</ul></nav>`;
}

/**
 * Writes the site of the first `n` corpus articles into `dir` (a new folder). Deterministic for
 * (n, seed). The broken links are drawn from their own PRNG, so they do not change the corpus.
 */
export function generateLinkSite(dir: string, n: number, seed = 42): LinkSite {
  fs.mkdirSync(dir, { recursive: true });
  const rnd = mulberry32(seed ^ 0xb20c);
  const cols = COLUMN_NAMES.length;
  const titles: string[] = [];
  const dates: string[] = [];
  const broken: string[] = [];
  let bytes = 0;
  let pictures = 0;

  for (const a of corpusArticles(n, seed)) {
    titles.push(a.title);
    dates.push(a.publishedAt.slice(0, 10));
  }
  for (const a of corpusArticles(n, seed)) {
    const c = a.column;
    const year = a.publishedAt.slice(0, 4);
    const extra = new Map<number, string>();
    const append = (paragraph: number, html: string) => extra.set(paragraph, `${extra.get(paragraph) ?? ''}${html}`);
    for (const l of a.links) append(l.paragraph, `详见<a href="${articlePath(l.target)}">${escapeHtml(l.title)}</a>。`);
    // The planted broken links: 1–2, each unique to this article.
    const planted: string[] = [];
    for (let k = 1, count = 1 + Math.floor(rnd() * 2); k <= count; k++)
      planted.push(
        rnd() < 0.5 ? `/${columnSlug(c)}/${articleName(a.index)}-old${k}/` : `/uploads/${year}/${articleName(a.index)}-fj${k}.html`,
      );
    broken.push(...planted);
    const last = a.paragraphs.length - 1;
    planted.forEach((href, k) =>
      href.startsWith('/uploads/')
        ? append(last, `附件${k + 1}：<a href="${href}">${escapeHtml(a.title)}（附件${k + 1}）</a>。`)
        : append(Math.floor(rnd() * a.paragraphs.length), `原文见<a href="${href}">${escapeHtml(a.title)}（旧版）</a>。`),
    );
    let picture = '';
    if (a.index % 10 === 0) {
      const src = `/uploads/${year}/${articleName(a.index)}.jpg`;
      bytes += write(dir, src, Buffer.from([0xff, 0xd8, 0xff, 0xd9]));
      pictures++;
      picture = `<p class="picture"><img src="${src}" alt="${escapeHtml(a.title)}"></p>\n`;
    }
    const prev = a.index - cols >= 0 ? a.index - cols : null;
    const next = a.index + cols < n ? a.index + cols : null;
    const crumbs = `<nav class="breadcrumbs" aria-label="当前位置"><ol><li><a href="/">首页</a></li><li><a href="../">${COLUMN_NAMES[c]}</a></li><li aria-current="page">正文</li></ol></nav>`;
    const main = `<article class="article">
<h1>${escapeHtml(a.title)}</h1>
<p class="article-meta"><span>发布时间：<time datetime="${a.publishedAt}">${dates[a.index]}</time></span> <span>栏目：<a href="${listPath(c, 1)}">${COLUMN_NAMES[c]}</a></span></p>
<div class="article-body">
${picture}${a.paragraphs.map((p, i) => `<p>${escapeHtml(p)}${extra.get(i) ?? ''}</p>`).join('\n')}
</div>
<nav class="article-pager" aria-label="上下篇">${prev !== null ? `<p>上一篇：<a href="${articlePath(prev)}">${escapeHtml(titles[prev]!)}</a></p>` : ''}${next !== null ? `<p>下一篇：<a href="${articlePath(next)}">${escapeHtml(titles[next]!)}</a></p>` : ''}</nav>
</article>`;
    bytes += write(dir, articlePath(a.index), frame(a.title, crumbs, main));
  }

  // Column lists, newest first.
  let listPages = 0;
  const item = (i: number) => `<li><a href="${articlePath(i)}">${escapeHtml(titles[i]!)}</a> <time>${dates[i]}</time></li>`;
  const newest: string[] = [];
  for (let c = 0; c < cols; c++) {
    const members: number[] = [];
    for (let i = c + Math.floor((n - 1 - c) / cols) * cols; i >= 0 && c < n; i -= cols) members.push(i);
    newest.push(
      `<section class="home-block"><h2><a href="${listPath(c, 1)}">${COLUMN_NAMES[c]}</a></h2><ul>\n${members.slice(0, 5).map(item).join('\n')}\n</ul></section>`,
    );
    const pages = Math.max(1, Math.ceil(members.length / PER_PAGE));
    for (let page = 1; page <= pages; page++) {
      const crumbs = `<nav class="breadcrumbs" aria-label="当前位置"><ol><li><a href="/">首页</a></li><li aria-current="page">${COLUMN_NAMES[c]}</li></ol></nav>`;
      const main = `<section class="column-list">
<h1>${COLUMN_NAMES[c]}</h1>
<ul class="article-list">
${members
  .slice((page - 1) * PER_PAGE, page * PER_PAGE)
  .map(item)
  .join('\n')}
</ul>
${pager(c, page, pages, members.length)}
</section>`;
      bytes += write(dir, listPath(c, page), frame(COLUMN_NAMES[c]!, crumbs, main));
      listPages++;
    }
  }
  bytes += write(dir, '/', frame(SITE_NAME, '', `<div class="home-blocks">\n${newest.join('\n')}\n</div>`));
  bytes += write(dir, '/assets/site.css', 'body{margin:0;font:16px/1.8 sans-serif}.wrap{max-width:1200px;margin:0 auto}\n');
  bytes += write(dir, '/assets/site.js', 'document.documentElement.classList.add("js");\n');
  bytes += write(dir, '/assets/logo.png', Buffer.from('89504e470d0a1a0a', 'hex'));
  bytes += write(dir, '/favicon.ico', Buffer.from([0, 0, 1, 0]));
  bytes += write(dir, '/robots.txt', 'User-agent: *\nDisallow:\n');

  const pages = 1 + listPages + n;
  return { dir, articles: n, pages, listPages, expectedUrls: pages + ASSETS.length + pictures + broken.length, broken, bytes };
}

// --- nginx -----------------------------------------------------------------------------------

export interface SiteServer {
  port: number;
  origin: string;
  pid: number;
  /** Stops nginx (SIGQUIT, then SIGKILL after 5 s); safe to call twice. */
  stop(): Promise<void>;
  /** Synchronous last resort for process exit handlers: SIGTERM to the master (it stops its worker). */
  killNow(): void;
}

/**
 * Serves `root` with nginx in the foreground (a child of this process): master + 1 worker,
 * its configuration, pid file, error log and temp folders in `workDir`, access log off,
 * listening on 127.0.0.1 at a free port. Resolves once the port accepts connections.
 */
export async function serveWithNginx(root: string, workDir: string): Promise<SiteServer> {
  fs.mkdirSync(workDir, { recursive: true });
  const port = await freePort();
  const temp = (name: string) => `${name}_temp_path ${path.join(workDir, name)};`;
  const conf = [
    // As root, the worker would switch to nobody and could not read the private temp folder.
    process.getuid?.() === 0 ? 'user root;' : '',
    'daemon off;',
    'master_process on;',
    'worker_processes 1;',
    `pid ${path.join(workDir, 'nginx.pid')};`,
    `error_log ${path.join(workDir, 'error.log')} warn;`,
    'events { worker_connections 4096; }',
    'http {',
    '  access_log off;',
    `  ${temp('client_body')} ${temp('proxy')} ${temp('fastcgi')} ${temp('uwsgi')} ${temp('scgi')}`,
    '  types { text/html html; text/css css; application/javascript js; image/png png; image/jpeg jpg; image/x-icon ico; text/plain txt; }',
    '  default_type application/octet-stream;',
    '  sendfile on;',
    '  server_tokens off;',
    // The planted broken links are 30,000 404s at 20,000 pages: not one error-log line each.
    '  log_not_found off;',
    '  keepalive_timeout 65s;',
    '  keepalive_requests 1000000;',
    '  server {',
    `    listen 127.0.0.1:${port};`,
    `    root ${root};`,
    '    index index.html;',
    '  }',
    '}',
    '',
  ].join('\n');
  const confFile = path.join(workDir, 'nginx.conf');
  fs.writeFileSync(confFile, conf);
  const child: ChildProcess = spawn(NGINX_BIN, ['-c', confFile, '-e', path.join(workDir, 'error.log')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  const errorLog = () => {
    try {
      return fs.readFileSync(path.join(workDir, 'error.log'), 'utf8');
    } catch {
      return '';
    }
  };
  const deadline = Date.now() + 10_000;
  while (!(await canConnect(port))) {
    if (exited || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`nginx did not start: ${stderr}${errorLog()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const killNow = () => {
    if (!exited) child.kill('SIGTERM');
  };
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    pid: child.pid as number,
    killNow,
    async stop() {
      if (exited) return;
      child.kill('SIGQUIT');
      await Promise.race([exit, new Promise((r) => setTimeout(r, 5000).unref())]);
      if (!exited) {
        child.kill('SIGTERM');
        await Promise.race([exit, new Promise((r) => setTimeout(r, 2000).unref())]);
      }
      if (!exited) child.kill('SIGKILL');
    },
  };
}
