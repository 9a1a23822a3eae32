/**
 * Accessibility samples (WCAG 2.1 AA, GB/T 37668): axe-core in Chromium over one page of each
 * type of every published hosted site, weekly. The site's current build is served read-only from
 * a loopback port for the browser (so styles and scripts load as on the public site); each
 * violated rule on each page becomes an `accessibility` finding (source `axe`) with the first
 * offending element as evidence. Without a Chromium the run is refused with a clear message.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium } from 'playwright-core';
import type { Finding } from '../../../common/schemas/monitoring.ts';
import { requirePermission } from '../../platform/access.ts';
import type { Actor } from '../../platform/actor.ts';
import { beijingToday } from '../../platform/clock.ts';
import type { Deps } from '../../platform/deps.ts';
import { Errors } from '../../platform/errors.ts';
import { publishableSites, siteFolder } from '../../publishing/index.ts';
import { monitoringRefs } from '../monitoring.repository.ts';
import { samplePages } from '../rules/accessibility-sample.ts';
import { recordRun } from './record-run.ts';

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const MAX_FILES = 20_000;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
};

/** Site-root paths of the files of a build (at most MAX_FILES; the sample needs only a few). */
function filesOf(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (out.length >= MAX_FILES) return;
      if (e.isDirectory()) walk(path.join(dir, e.name), `${prefix}/${e.name}`);
      else if (e.isFile()) out.push(`${prefix}/${e.name}`);
    }
  };
  walk(root, '');
  return out;
}

/** A read-only file server over one folder on 127.0.0.1, for the browser. */
async function serveFolder(root: string): Promise<{ origin: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = path.join(root, path.normalize(pathname));
    if (!file.startsWith(root + path.sep) && file !== root) return void res.writeHead(403).end();
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (err, body) => {
      if (err) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export interface AccessibilitySummary {
  sites: number;
  pages: number;
  findings: number;
}

/** Runs axe over the sample pages of every published hosted site (or `siteIds`) and records the findings. */
export async function sampleAccessibility(
  deps: Deps,
  actor: Actor,
  opts: { siteIds?: string[]; chromiumPath?: string; signal?: AbortSignal } = {},
): Promise<AccessibilitySummary> {
  requirePermission(actor, 'system.jobs');
  const executablePath = opts.chromiumPath ?? deps.config.chromiumPath;
  if (!fs.existsSync(executablePath)) throw Errors.internal(`无法进行无障碍抽查：未找到 Chromium（${executablePath}）`);
  const published = (await publishableSites(deps)).filter((s) => !opts.siteIds || opts.siteIds.includes(s.id));
  const bases = new Map(
    (
      await monitoringRefs.openSites(
        deps.db.kysely,
        published.map((s) => s.id),
      )
    ).map((s) => [s.id, s]),
  );
  const summary: AccessibilitySummary = { sites: 0, pages: 0, findings: 0 };
  const browser = await chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    for (const site of published) {
      if (opts.signal?.aborted) break;
      let root: string;
      try {
        root = fs.realpathSync(siteFolder(deps.config.dataDir, site.code));
      } catch {
        continue; // never published
      }
      const startedAt = deps.clock.now().toISOString();
      const publicBase = (bases.get(site.id)?.base_url ?? '').replace(/\/$/, '');
      const sample = samplePages(filesOf(root));
      const server = await serveFolder(root);
      const findings: Finding[] = [];
      const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1366, height: 900 } });
      try {
        for (const p of sample) {
          const page = await context.newPage();
          try {
            // Nothing but the site's own files may load: the sample must not reach the network.
            await page.route(/^(?!http:\/\/127\.0\.0\.1:)/, (route) => route.abort());
            await page.goto(server.origin + p.path.replace(/index\.html$/, ''), { waitUntil: 'load', timeout: 30_000 });
            const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
            summary.pages++;
            const url = (publicBase || server.origin) + p.path.replace(/index\.html$/, '');
            for (const v of result.violations) {
              findings.push({
                kind: 'accessibility',
                severity: 'info',
                url,
                element: v.id,
                detail: `${p.type}：${v.help}（${v.nodes.length}处${v.impact ? `，影响程度 ${v.impact}` : ''}）`,
                rule: 'info.accessibility',
                params: { tags: v.tags.filter((t) => t.startsWith('wcag')), pageType: p.type, helpUrl: v.helpUrl },
                ...(v.nodes[0] ? { snippet: v.nodes[0].html.slice(0, 300) } : {}),
              });
            }
          } finally {
            await page.close();
          }
        }
      } finally {
        await context.close();
        await server.close();
      }
      await recordRun(deps, actor, {
        siteId: site.id,
        source: 'axe',
        asOf: beijingToday(deps.clock),
        startedAt,
        pages: summary.pages,
        findings,
      });
      summary.sites++;
      summary.findings += findings.length;
    }
  } finally {
    await browser.close();
  }
  return summary;
}
