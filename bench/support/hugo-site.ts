/**
 * The Hugo baseline of the publishing benchmark: the same corpus (`corpusArticles`) exported to
 * a minimal Hugo site, built by the `hugo` on PATH (Debian's package), timed with its peak RSS.
 *
 * The site: content/colXX/_index.md per column, content/colXX/aNNNNNNN.md per article (front
 * matter title/date; body as Markdown paragraphs with `详见[title](/colYY/aMMMMMMM/)` links),
 * list pages paginated by 20, and layouts close in weight to ours: a base frame with the
 * 20-column navigation, breadcrumbs and footer; the article page; list pages with prev/next and
 * page numbers; a home page with the newest items of four columns. Taxonomies, terms, RSS,
 * sitemap and robots.txt are off (we write RSS and sitemaps; they are few files).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { COLUMN_NAMES } from './corpus.ts';
import { corpusArticles } from './publish-site.ts';

export const hugoSlug = (c: number) => `col${String(c + 1).padStart(2, '0')}`;
export const hugoName = (i: number) => `a${String(i).padStart(7, '0')}`;

/** `hugo version`, or null when there is no hugo on PATH. */
export function hugoVersion(): string | null {
  const r = spawnSync('hugo', ['version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

const CONFIG = `baseURL = "https://www.bench-city.gov.cn/"
languageCode = "zh-cn"
title = "基准测试市人民政府"
hasCJKLanguage = true
paginate = 20
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
[markup.goldmark.renderer]
unsafe = false
`;

const BASEOF = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ .Site.Title }}{{ else }}{{ .Title }} - {{ .Site.Title }}{{ end }}</title>
<meta name="SiteName" content="{{ .Site.Title }}">
<meta name="SiteDomain" content="www.bench-city.gov.cn">
<meta name="SiteIDCode" content="9901000099">
{{ if .IsPage }}<meta name="ArticleTitle" content="{{ .Title }}">
<meta name="PubDate" content="{{ .Date.Format "2006-01-02 15:04" }}">
<meta name="ColumnName" content="{{ .Parent.Title }}">{{ end }}
<link rel="stylesheet" href="/assets/site.css">
</head>
<body>
<a class="skip-link" href="#main">跳到主要内容</a>
<header class="site-header"><div class="wrap"><a class="site-name" href="/">{{ .Site.Title }}</a>
<form class="search" action="/search" method="get" role="search"><label for="q">站内搜索</label><input id="q" name="q" type="search"><button type="submit">搜索</button></form></div></header>
<nav class="main-nav" aria-label="主导航"><ul>
<li><a href="/"{{ if .IsHome }} aria-current="page"{{ end }}>首页</a></li>
{{ $cur := .Section }}{{ range .Site.Sections.ByWeight }}<li><a href="{{ .RelPermalink }}"{{ if eq .Section $cur }} aria-current="page"{{ end }}>{{ .Title }}</a></li>
{{ end }}</ul></nav>
{{ if not .IsHome }}<nav class="breadcrumbs" aria-label="当前位置"><ol><li><a href="/">首页</a></li>{{ if .IsPage }}<li><a href="{{ .Parent.RelPermalink }}">{{ .Parent.Title }}</a></li>{{ end }}<li aria-current="page">{{ .Title }}</li></ol></nav>{{ end }}
<main id="main" class="wrap">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer"><div class="wrap">
<ul class="footer-links"><li><a href="/sitemap.html">网站地图</a></li><li><a href="https://zfwzzc.www.gov.cn/check_web/errorInfo_querySiteInfo.action?sitecode=9901000099" rel="noopener">我为政府网站找错</a></li></ul>
<p>主办单位：基准测试市人民政府办公室</p>
<p class="contact"><span>联系电话：0812-1234567</span> <span>地址：基准测试市人民路 1 号</span></p>
<p><span>网站标识码：9901000099</span></p>
<p><span class="conac-mark">党政机关网站</span></p>
<p>© {{ now.Format "2006" }} 基准测试市人民政府办公室 版权所有</p>
</div></footer>
</body>
</html>
`;

const SINGLE = `{{ define "main" }}<article class="article">
<h1>{{ .Title }}</h1>
<p class="article-meta"><span>发布时间：<time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "2006-01-02 15:04" }}</time></span> <span>栏目：{{ .Parent.Title }}</span></p>
<div class="article-body">
{{ .Content }}
</div>
<nav class="article-pager" aria-label="上下篇">{{ with .PrevInSection }}<p>上一篇：<a href="{{ .RelPermalink }}">{{ .Title }}</a></p>{{ end }}{{ with .NextInSection }}<p>下一篇：<a href="{{ .RelPermalink }}">{{ .Title }}</a></p>{{ end }}</nav>
</article>{{ end }}
`;

const LIST = `{{ define "main" }}<section class="column-list">
<h1>{{ .Title }}</h1>
<ul class="article-list">
{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006-01-02" }}</time></li>
{{ end }}</ul>
{{ with .Paginator }}<nav class="pager" aria-label="分页"><p>共 {{ .TotalNumberOfElements }} 条，第 {{ .PageNumber }}/{{ .TotalPages }} 页</p><ul>
{{ if .HasPrev }}<li><a href="{{ .First.URL }}">首页</a></li><li><a href="{{ .Prev.URL }}" rel="prev">上一页</a></li>{{ end }}
{{ if .HasNext }}<li><a href="{{ .Next.URL }}" rel="next">下一页</a></li><li><a href="{{ .Last.URL }}">尾页</a></li>{{ end }}
</ul></nav>{{ end }}
</section>{{ end }}
`;

const INDEX = `{{ define "main" }}<div class="home-blocks">
{{ range first 4 .Site.Sections.ByWeight }}<section class="home-block"><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2><ul>
{{ range first 8 .Pages.ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time></li>
{{ end }}</ul></section>
{{ end }}</div>{{ end }}
`;

function quote(s: string): string {
  return JSON.stringify(s);
}

/** Writes the Hugo site for the first `n` corpus articles into `dir`; returns the bytes of Markdown written. */
export function exportHugoSite(dir: string, n: number, seed = 42): number {
  fs.mkdirSync(path.join(dir, 'layouts', '_default'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'config.toml'), CONFIG);
  fs.writeFileSync(path.join(dir, 'layouts', '_default', 'baseof.html'), BASEOF);
  fs.writeFileSync(path.join(dir, 'layouts', '_default', 'single.html'), SINGLE);
  fs.writeFileSync(path.join(dir, 'layouts', '_default', 'list.html'), LIST);
  fs.writeFileSync(path.join(dir, 'layouts', 'index.html'), INDEX);
  for (let c = 0; c < COLUMN_NAMES.length; c++) {
    fs.mkdirSync(path.join(dir, 'content', hugoSlug(c)), { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'content', hugoSlug(c), '_index.md'),
      `---\ntitle: ${quote(COLUMN_NAMES[c]!)}\nweight: ${c + 1}\n---\n`,
    );
  }
  let bytes = 0;
  for (const a of corpusArticles(n, seed)) {
    const extra = new Map<number, string>();
    for (const l of a.links)
      extra.set(
        l.paragraph,
        `${extra.get(l.paragraph) ?? ''}详见[${l.title}](/${hugoSlug(l.target % COLUMN_NAMES.length)}/${hugoName(l.target)}/)。`,
      );
    const body = a.paragraphs.map((p, i) => `${p}${extra.get(i) ?? ''}`).join('\n\n');
    const md = `---\ntitle: ${quote(a.title)}\ndate: ${a.publishedAt}\n---\n\n${body}\n`;
    fs.writeFileSync(path.join(dir, 'content', hugoSlug(a.column), `${hugoName(a.index)}.md`), md);
    bytes += Buffer.byteLength(md);
  }
  return bytes;
}

export interface HugoRun {
  wallMs: number;
  htmlFiles: number;
  maxRssMb: number | null;
  userMs: number | null;
  systemMs: number | null;
}

function countHtml(dir: string): number {
  let n = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) if (e.isFile() && e.name.endsWith('.html')) n++;
  return n;
}

/** Builds the site in `siteDir` into `outDir` (a new folder), under /usr/bin/time when present. */
export function runHugo(siteDir: string, outDir: string): HugoRun {
  const timeBin = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
  const hugoArgs = ['--quiet', '-s', siteDir, '-d', outDir];
  const t0 = process.hrtime.bigint();
  const r = timeBin
    ? spawnSync(timeBin, ['-f', 'GKTIME %M %U %S', 'hugo', ...hugoArgs], { encoding: 'utf8', maxBuffer: 64 << 20 })
    : spawnSync('hugo', hugoArgs, { encoding: 'utf8', maxBuffer: 64 << 20 });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`hugo failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const m = /GKTIME (\d+) ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
  return {
    wallMs,
    htmlFiles: countHtml(outDir),
    maxRssMb: m ? Number(m[1]) / 1024 : null,
    userMs: m ? Number(m[2]) * 1000 : null,
    systemMs: m ? Number(m[3]) * 1000 : null,
  };
}
