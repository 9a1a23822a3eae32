/**
 * The analyse step of a legacy import (the job `migration.analyse`): crawls the old site with
 * the monitoring crawler (its journal in the data folder, so a killed job resumes where it
 * stopped), reads every page into the import's pages (kind, column, the extracted article),
 * records pages that could not be fetched, then recognises the columns, collapses duplicates
 * (the same article under several URLs: one article, several old URLs) and suggests a target
 * column for each legacy column.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { LegacyColumnView } from '../../../common/schemas/migration.ts';
import { crawlSite, type LinkCheck } from '../../monitoring/index.ts';
import { siteColumns } from '../../sites/index.ts';
import { requirePermission } from '../../platform/access.ts';
import type { Actor } from '../../platform/actor.ts';
import type { LegacyImportPageRow } from '../../platform/db/schema.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { Errors } from '../../platform/errors.ts';
import { imports, pages } from '../migration.repository.ts';
import { articleTypeFor, recogniseColumns, suggestTarget } from '../rules/columns.ts';
import { columnKey, contentHash, normalizeOldUrl, readLegacyPage, stripSiteName } from '../rules/extract.ts';
import { optionsOf, refreshCounts } from './imports.ts';

const ASSET = /\.(pdf|docx?|xlsx?|pptx?|wps|et|dps|ofd|zip|rar|7z|txt|jpe?g|png|gif|bmp|svg|webp|ico|css|js|mp[34]|flv|swf)$/i;

const SKIP_REASONS: Record<string, string> = {
  home: '首页，不作为文章导入',
  list: '栏目列表页，用于识别栏目',
  frame: '框架页，已跟随框架内的页面',
  other: '不是文章页',
};

const ERROR_LABELS: Record<string, string> = {
  timeout: '访问超时',
  unreachable: '无法连接',
  tls: '证书错误',
  redirectLoop: '重定向循环',
  tooManyRedirects: '重定向次数过多',
  badUrl: '网址无效',
  privateAddress: '指向内部地址',
};

export function journalPathOf(dataDir: string, importId: string): string {
  return path.join(dataDir, 'migration', `${importId}.crawl.sqlite`);
}

/** Crawls and reads the old site; resolves when the import awaits confirmation (or was cancelled meanwhile). */
export async function analyseImport(
  deps: Deps,
  actor: Actor,
  importId: string,
  opts: { signal?: AbortSignal } = {},
): Promise<{ pages: number }> {
  requirePermission(actor, 'system.jobs');
  const row = await imports.byId(deps.db.kysely, importId);
  if (!row) throw Errors.notFound('找不到该导入任务');
  if (row.status !== 'analysing') return { pages: 0 };
  const options = optionsOf(row);
  const journalPath = journalPathOf(deps.config.dataDir, importId);
  fs.mkdirSync(path.dirname(journalPath), { recursive: true });
  const startUrl = normalizeOldUrl(row.start_url);
  // The site's name (stripped from page titles): from the home page, read first (or on an earlier run).
  const home = await pages.get(deps.db.kysely, importId, startUrl);
  let siteName: string | null = home?.fields ? ((JSON.parse(home.fields) as { siteName?: string }).siteName ?? null) : null;

  const stop = new AbortController();
  const onOuterAbort = () => stop.abort(opts.signal?.reason);
  opts.signal?.addEventListener('abort', onOuterAbort);
  let seen = 0;
  const broken: LinkCheck[] = [];
  const now = () => deps.clock.now().toISOString();
  try {
    const summary = await crawlSite(
      {
        startUrl: row.start_url,
        maxPages: options.maxPages,
        concurrency: options.concurrency,
        intervalMs: options.intervalMs,
        checkExternal: false,
        journalPath,
        keepHtml: true,
        signal: stop.signal,
      },
      {
        onPage: async (p) => {
          const url = normalizeOldUrl(p.finalUrl);
          if (siteName === null && p.depth === 0) siteName = p.facts.meta.sitename || stripSiteName(p.facts.title, null) || null;
          const r = readLegacyPage(p.html ?? '', p.finalUrl, p.facts, siteName);
          let fields: Record<string, unknown>;
          if (r.kind === 'article' && r.article) fields = { ...r.article, columnName: r.columnName, bodyText: undefined };
          else if (r.kind === 'list') fields = { columnName: r.columnName, itemUrls: r.itemUrls.map(normalizeOldUrl) };
          else if (r.kind === 'frame') fields = { columnName: r.columnName, frames: r.frames };
          else fields = {};
          if (p.depth === 0) fields.siteName = siteName;
          fields.charset = p.charset;
          const failed = r.kind === 'article' && r.problem;
          await pages.upsert(deps.db.kysely, {
            import_id: importId,
            url,
            kind: r.kind,
            column_key: r.columnName ? columnKey(r.columnName) : null,
            fields: JSON.stringify(fields),
            content_hash: r.kind === 'article' && r.article && !failed ? contentHash(r.article) : null,
            duplicate_of: null,
            outcome: r.kind === 'article' ? (failed ? 'failed' : 'pending') : 'skipped',
            reason: r.kind === 'article' ? (r.problem ?? null) : (SKIP_REASONS[r.kind] ?? null),
            article_id: null,
            updated_at: now(),
          });
          if (++seen % 25 === 0) {
            const current = await imports.byId(deps.db.kysely, importId);
            if (current?.status !== 'analysing') stop.abort('cancelled');
            else await imports.update(deps.db.kysely, importId, { pages_seen: current.pages_seen + 25, updated_at: now() });
          }
        },
        onLink: (check) => {
          if (check.internal && !check.ok && !ASSET.test(new URL(check.url).pathname)) broken.push(check);
        },
      },
    );
    for (const b of broken) {
      const url = normalizeOldUrl(b.url);
      if (await pages.get(deps.db.kysely, importId, url)) continue;
      const why =
        b.error === 'http' ? `页面无法访问（HTTP ${b.status ?? '?'}）` : `页面无法访问（${ERROR_LABELS[b.error ?? ''] ?? b.error}）`;
      await pages.upsert(deps.db.kysely, {
        import_id: importId,
        url,
        kind: 'broken',
        column_key: null,
        fields: JSON.stringify({ linkedFrom: b.parent }),
        content_hash: null,
        duplicate_of: null,
        outcome: 'failed',
        reason: why,
        article_id: null,
        updated_at: now(),
      });
    }
    if (summary.aborted) {
      // Cancelled: the import is over. Stopped from outside (shutdown, timeout): the job runs again and the crawl resumes.
      if (stop.signal.reason === 'cancelled') {
        fs.rmSync(journalPath, { force: true });
        return { pages: seen };
      }
      throw new Error(`crawl stopped: ${summary.aborted}`);
    }
    if (summary.home.status === null || summary.home.status >= 400) {
      throw Errors.validation(
        `原网站首页无法访问（${summary.home.status ? `HTTP ${summary.home.status}` : (ERROR_LABELS[summary.home.error ?? ''] ?? '无法连接')}）`,
      );
    }
  } finally {
    opts.signal?.removeEventListener('abort', onOuterAbort);
  }
  await settle(deps, importId);
  fs.rmSync(journalPath, { force: true });
  return { pages: seen };
}

/** After the crawl: columns of the articles, duplicates collapsed, suggested targets; the import then awaits confirmation. */
async function settle(deps: Deps, importId: string): Promise<void> {
  const row = (await imports.byId(deps.db.kysely, importId))!;
  const all = await pages.all(deps.db.kysely, importId);
  const fieldsOf = (p: LegacyImportPageRow) => (p.fields ? (JSON.parse(p.fields) as Record<string, unknown>) : {});
  const { columns, articleColumn } = recogniseColumns(
    all.map((p) => {
      const f = fieldsOf(p);
      return {
        url: p.url,
        kind: p.kind,
        columnName: typeof f.columnName === 'string' ? f.columnName : null,
        itemUrls: Array.isArray(f.itemUrls) ? (f.itemUrls as string[]) : [],
      };
    }),
  );
  // Duplicates: one primary per content hash (a plain path before a query string, then the shorter, then the first).
  const groups = new Map<string, LegacyImportPageRow[]>();
  for (const p of all) if (p.kind === 'article' && p.content_hash) groups.set(p.content_hash, [...(groups.get(p.content_hash) ?? []), p]);
  const rank = (u: string) => [new URL(u).search ? 1 : 0, u.length, u] as const;
  const patches: { url: string; patch: Partial<LegacyImportPageRow> }[] = [];
  const articlesPerColumn = new Map<string, number>();
  for (const p of all) {
    if (p.kind !== 'article') continue;
    const group = p.content_hash ? groups.get(p.content_hash)! : [p];
    const sorted = [...group].sort((a, b) => {
      const [x, y] = [rank(a.url), rank(b.url)];
      return x[0] - y[0] || x[1] - y[1] || (x[2] < y[2] ? -1 : 1);
    });
    const primary = sorted[0]!;
    const key = group.map((g) => articleColumn.get(g.url)).find((k) => k) ?? null;
    if (primary.url === p.url) {
      if (key && p.outcome === 'pending') articlesPerColumn.set(key, (articlesPerColumn.get(key) ?? 0) + 1);
      patches.push({ url: p.url, patch: { column_key: key } });
    } else {
      patches.push({
        url: p.url,
        patch: {
          column_key: key,
          duplicate_of: primary.url,
          outcome: 'duplicate',
          reason: `与 ${primary.url} 内容相同，作为同一篇文章的另一个原网址保留`,
        },
      });
    }
  }
  const targets = await siteColumns(deps, row.target_site_id);
  const views: LegacyColumnView[] = columns.map((c) => {
    const s = suggestTarget(c.name, targets);
    const t = targets.find((x) => x.id === s.columnId);
    return {
      key: c.key,
      name: c.name,
      listUrl: c.listUrl,
      listPages: c.listPages,
      articles: articlesPerColumn.get(c.key) ?? 0,
      suggestion: { columnId: s.columnId, columnName: t?.name ?? null, confidence: s.confidence, basis: s.basis },
      articleType: t ? articleTypeFor(t) : null,
    };
  });
  await inTransaction(deps.db, async (tx) => {
    for (const { url, patch } of patches)
      await pages.update(tx.trx, importId, url, { ...patch, updated_at: deps.clock.now().toISOString() });
    // The admin's view (and version) changes: the suggestions are new.
    await imports.updateVersioned(tx.trx, importId, row.version, {
      status: 'awaiting_confirmation',
      columns: JSON.stringify(views),
      updated_at: deps.clock.now().toISOString(),
    });
  });
  await refreshCounts(deps, importId);
}
