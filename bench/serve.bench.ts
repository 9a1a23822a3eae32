/**
 * Serving benchmark: requests/s of the embedded server (the production composition with its
 * real security headers, one Node process) answering a published page on the site's own domain,
 * against nginx with the `gongkai nginx-config` configuration (2 workers) on the same files, in
 * the same run; both write their access logs, as in production (docs/traffic.md). Target:
 * ratio ≥ 0.5 (perf-anchors: node:http from memory reaches ≈0.72× nginx; @fastify/static ≈0.024×).
 *
 * Pages: an article page (~6 KB) and a list page (~3.3 KB) with .gz/.br siblings, requested
 * without Accept-Encoding (the plain file, as in the anchor). Load: `wrk -t2 -c64 -d10s` from
 * a second process over loopback, a 2 s warm-up per server, then runs alternating between the
 * servers; the median of each is reported.
 *
 *   npx tsx bench/serve.bench.ts
 *   SERVE_BENCH_SECONDS=5 SERVE_BENCH_RUNS=5 npx tsx bench/serve.bench.ts
 *   SERVE_BENCH_NGINX_WORKERS=1 npx tsx bench/serve.bench.ts     # one nginx worker against one Node process
 *
 * Last line: `serve page=article rps=… nginx_rps=… ratio=…`. Exit code 1 when a ratio is below 0.5.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { createOrg } from '../server/accounts/index.ts';
import { createDeps, createHttpApp } from '../server/composition.ts';
import { systemActor } from '../server/platform/actor.ts';
import { loadConfig } from '../server/platform/config.ts';
import { platformNginxConfig } from '../server/publishing/index.ts';
import { createSite } from '../server/sites/index.ts';
import { freePort, nginxMissingReason, startNginx } from '../test/serve/nginx-runner.ts';

const SECONDS = Number(process.env.SERVE_BENCH_SECONDS ?? 10);
const RUNS = Number(process.env.SERVE_BENCH_RUNS ?? 3);
/** nginx workers: 2 as in perf-anchors (one per core); 1 compares one process with one process. */
const NGINX_WORKERS = Number(process.env.SERVE_BENCH_NGINX_WORKERS ?? 2);
const TARGET = 0.5;
const CODE = '1100009999';
const HOST = 'www.bench.gov.cn';

function wrkMissing(): string | null {
  return spawnSync('wrk', ['--version'], { encoding: 'utf8' }).error ? 'wrk not found (apt-get install wrk)' : null;
}

const missing = nginxMissingReason() ?? wrkMissing();
if (missing) {
  console.error(`serve benchmark needs nginx and wrk: ${missing}`);
  process.exit(2);
}

const nav = Array.from({ length: 20 }, (_, i) => `<li><a href="../../col${String(i + 1).padStart(2, '0')}/">栏目${i + 1}</a></li>`).join(
  '\n',
);
const frame = (title: string, main: string) => `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} - 示例市人民政府</title>
<meta name="SiteName" content="示例市人民政府">
<meta name="SiteDomain" content="${HOST}">
<meta name="SiteIDCode" content="${CODE}">
<link rel="stylesheet" href="../../assets/site.css">
<link rel="stylesheet" href="../../assets/mode.css">
</head>
<body>
<a class="skip-link" href="#main">跳转到主要内容</a>
<header class="site-header"><div class="wrap"><p class="site-title"><a href="../../">示例市人民政府</a></p>
<form class="search-form" role="search" action="../../search" method="get"><label for="q">站内搜索</label><input id="q" type="search" name="q"><button type="submit">搜索</button></form></div></header>
<nav class="main-nav" aria-label="主导航"><ul>
${nav}
</ul></nav>
<main id="main" class="wrap">
${main}
</main>
<footer class="site-footer"><div class="wrap"><p>主办单位：示例市人民政府办公室</p><p>网站标识码：${CODE}</p></div></footer>
</body>
</html>
`;

const sentence = '市住房和城乡建设局关于加强安全生产工作的通知要求各单位进一步落实主体责任，优化营商环境，提升政务服务水平。';
const articlePage = frame(
  '市住房和城乡建设局关于加强安全生产工作的通知',
  `<article><h1>市住房和城乡建设局关于加强安全生产工作的通知</h1><p class="meta">发布时间：2026-11-27 来源：市住房和城乡建设局</p>
${Array.from({ length: 12 }, () => `<p>${sentence.repeat(2)}</p>`).join('\n')}
</article>`,
);
const listPage = frame(
  '通知公告',
  `<h1>通知公告</h1><ul class="list">
${Array.from({ length: 20 }, (_, i) => `<li><a href="202611/a${String(i).padStart(7, '0')}.html">关于开展第${i + 1}批政务公开检查的通知</a><span>2026-11-${String(27 - i).padStart(2, '0')}</span></li>`).join('\n')}
</ul><p class="pager"><a href="index_2.html">下一页</a></p>`,
);

function publish(root: string, sitePath: string, content: string): void {
  const abs = path.join(root, ...sitePath.split('/').filter(Boolean));
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  const data = Buffer.from(content);
  fs.writeFileSync(abs, data);
  fs.writeFileSync(`${abs}.gz`, zlib.gzipSync(data, { level: 9 }));
  fs.writeFileSync(`${abs}.br`, zlib.brotliCompressSync(data));
}

function fetchOnce(port: number, target: string): Promise<{ status: number; length: number }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: target, headers: { host: HOST }, agent: false }, (res) => {
        let length = 0;
        res.on('data', (c: Buffer) => (length += c.length));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, length }));
      })
      .on('error', reject);
  });
}

/** Runs wrk in its own process; asynchronously, since the embedded server shares this process's event loop. */
function wrk(port: number, target: string, seconds: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', ['-t2', '-c64', `-d${seconds}s`, '-H', `Host: ${HOST}`, `http://127.0.0.1:${port}${target}`]);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', () => {
      const rps = /Requests\/sec:\s+([\d.]+)/.exec(out);
      if (!rps) return reject(new Error(`wrk failed: ${out}`));
      if (/Non-2xx or 3xx responses|Socket errors/.test(out)) return reject(new Error(`wrk saw errors:\n${out}`));
      resolve(Number(rps[1]));
    });
  });
}

/**
 * The ceiling for one Node process: node:http answering the same bytes from memory with a
 * prebuilt header list and nothing else (perf-anchors' "node:http, from memory"), in a child
 * process of its own.
 */
async function startBareNode(files: Record<string, string>, port: number): Promise<{ pid: number; stop: () => void }> {
  const script = `
const http = require('node:http');
const fs = require('node:fs');
const pages = new Map(Object.entries(JSON.parse(fs.readFileSync(process.argv[1], 'utf8'))).map(([k, v]) => [k, Buffer.from(v)]));
const headers = new Map([...pages].map(([k, b]) => [k, ['Content-Type', 'text/html; charset=utf-8', 'Content-Length', String(b.length), 'Cache-Control', 'no-cache']]));
http.createServer((req, res) => {
  const b = pages.get(req.url);
  if (!b) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, headers.get(req.url));
  res.end(b);
}).listen(Number(process.argv[2]), '127.0.0.1', () => process.stdout.write('ready'));`;
  const pagesFile = path.join(dataDir, 'bare-pages.json');
  fs.writeFileSync(pagesFile, JSON.stringify(files));
  const child = spawn(process.execPath, ['-e', script, pagesFile, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`baseline server exited (${code})`)));
  });
  return { pid: child.pid as number, stop: () => child.kill() };
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
function cpuSecondsOf(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Runs wrk against a server and reports its req/s and the server's CPU microseconds per request. */
async function measure(port: number, target: string, pid: number): Promise<{ rps: number; cpuUs: number }> {
  const before = cpuSecondsOf(pid);
  const rps = await wrk(port, target, SECONDS);
  const cpu = cpuSecondsOf(pid) - before;
  return { rps, cpuUs: (cpu * 1e6) / (rps * SECONDS) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-serve-bench-'));
const config = loadConfig({
  ...process.env,
  NODE_ENV: 'production',
  GONGKAI_DATA_DIR: dataDir,
  DATABASE_URL: '',
  GONGKAI_RUN_JOBS: 'false',
  GONGKAI_LOG_LEVEL: 'warn',
});
const deps = await createDeps(config);
const actor = systemActor('bench');
const org = await createOrg(deps, actor, { name: '示例市人民政府办公室', level: 'city' });
await createSite(deps, actor, {
  name: '示例市人民政府',
  kind: 'portal',
  hosting: 'hosted',
  status: 'active',
  code: CODE,
  domains: [HOST],
  sponsorOrgId: org.id,
});

const root = path.join(dataDir, 'public', CODE);
publish(root, '/tzgg/202611/a0000001.html', articlePage);
publish(root, '/tzgg/index.html', listPage);
publish(root, '/404.html', frame('页面不存在', '<h1>页面不存在</h1>'));
publish(root, '/assets/site.css', 'body{margin:0;font:16px/1.8 sans-serif}');

const app = await createHttpApp(deps, { admin: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const appPort = (app.server.address() as { port: number }).port;
const nginxPort = await freePort();
const nginx = await startNginx(await platformNginxConfig(deps, { listen: `127.0.0.1:${nginxPort}`, app: `http://127.0.0.1:${appPort}` }), {
  port: nginxPort,
  workers: NGINX_WORKERS,
});

const barePort = await freePort();
const bareServer = await startBareNode({ '/tzgg/': listPage, '/tzgg/202611/a0000001.html': articlePage }, barePort);

const pages = [
  { name: 'list', target: '/tzgg/', bytes: Buffer.byteLength(listPage) },
  { name: 'article', target: '/tzgg/202611/a0000001.html', bytes: Buffer.byteLength(articlePage) },
];
console.log(
  `serve benchmark: Node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg()[0]?.toFixed(1)}, nginx ${NGINX_WORKERS} worker(s), wrk -t2 -c64 -d${SECONDS}s, ${RUNS} runs each (median)`,
);
const lines: string[] = [];
let failed = false;
try {
  for (const page of pages) {
    for (const port of [appPort, nginxPort, barePort]) {
      const r = await fetchOnce(port, page.target);
      if (r.status !== 200 || r.length !== page.bytes)
        throw new Error(`port ${port} answered ${r.status} with ${r.length} bytes for ${page.target}`);
      await wrk(port, page.target, 2);
    }
    const ours: { rps: number; cpuUs: number }[] = [];
    const theirs: number[] = [];
    const bare: { rps: number; cpuUs: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      ours.push(await measure(appPort, page.target, process.pid));
      theirs.push(await wrk(nginxPort, page.target, SECONDS));
      bare.push(await measure(barePort, page.target, bareServer.pid));
    }
    const rps = median(ours.map((r) => r.rps));
    const nginxRps = median(theirs);
    const bareRps = median(bare.map((r) => r.rps));
    const ratio = rps / nginxRps;
    const list = (xs: number[]) => xs.map(Math.round).join(' / ');
    console.log(`  ${page.name} (${page.bytes} B), req/s per run:`);
    console.log(`    embedded server  ${list(ours.map((r) => r.rps))}  (CPU ${list(ours.map((r) => r.cpuUs))} µs per request)`);
    console.log(`    nginx            ${list(theirs)}`);
    console.log(`    bare node:http   ${list(bare.map((r) => r.rps))}  (CPU ${list(bare.map((r) => r.cpuUs))} µs per request)`);
    console.log(
      `    medians: embedded/nginx ${ratio.toFixed(2)}, bare/nginx ${(bareRps / nginxRps).toFixed(2)}, embedded/bare ${(rps / bareRps).toFixed(2)}`,
    );
    lines.push(`serve page=${page.name} rps=${Math.round(rps)} nginx_rps=${Math.round(nginxRps)} ratio=${ratio.toFixed(2)}`);
    if (ratio < TARGET) failed = true;
  }
} finally {
  bareServer.stop();
  await nginx.stop();
  await app.close();
  await deps.db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
for (const l of lines) console.log(l);
if (failed) {
  console.error(`below the target ratio ${TARGET}`);
  process.exitCode = 1;
}
