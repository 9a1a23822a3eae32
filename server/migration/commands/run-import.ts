/**
 * The import step of a legacy import (the job `migration.import`): takes pending article pages
 * in chunks and writes each through the content room's `importArticle` in a transaction of its
 * own, together with the page's outcome and its old URLs — so a crash loses at most the page in
 * hand and never writes an article twice. Attachments are downloaded first (politely: one at a
 * time, the import's interval between them); a broken one is reported on its page and the article
 * is still imported. A page an earlier import made into an article (found by any of its old URLs)
 * updates that article instead. A dry run decides every page's outcome and writes no article.
 */
import { importArticle, storeFile, submitArticle, type ImportedArticle } from '../../content/index.ts';
import type { ArticleType } from '../../../common/content.ts';
import { requirePermission } from '../../platform/access.ts';
import type { Actor } from '../../platform/actor.ts';
import type { LegacyImportPageRow, LegacyImportRow } from '../../platform/db/schema.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { enqueueRedirectsRebuild, enqueueSitePublish } from '../../platform/jobs/index.ts';
import { Errors, isAppError } from '../../platform/errors.ts';
import { createHttpClient, isPrivateAddress, resolveAddresses, type HttpClient } from '../../platform/http-client.ts';
import { siteColumns } from '../../sites/index.ts';
import { imports, legacyUrls, pages } from '../migration.repository.ts';
import { articleTypeFor } from '../rules/columns.ts';
import type { ExtractedArticle } from '../rules/extract.ts';
import { mappingOf, optionsOf, reasonOf, refreshCounts } from './imports.ts';

const CHUNK = 25;
const MAX_ATTACHMENT_BYTES = 100 * 1024 * 1024;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function serializer() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  };
}

/** Request starts at least `intervalMs` apart (the workers' own number bounds the requests in flight). */
function pacer(intervalMs: number): () => Promise<void> {
  let next = 0;
  return async () => {
    const now = Date.now();
    const at = Math.max(now, next);
    next = at + intervalMs;
    if (at > now) await sleep(at - now);
  };
}

type StoredFields = Omit<ExtractedArticle, 'bodyText'> & { columnName: string | null };

interface Context {
  deps: Deps;
  actor: Actor;
  row: LegacyImportRow;
  http: HttpClient;
  /** Waits for the next download's turn: the import's interval between request starts. */
  turn: () => Promise<void>;
  /** Stores one file at a time: the same bytes from two pages at once would race for the one `files` row. */
  serial: <T>(fn: () => Promise<T>) => Promise<T>;
  review: boolean;
  targets: Map<string, { columnId: string; type: ArticleType } | null>;
  columnNames: Map<string, string>;
}

const pathAndQuery = (u: string) => {
  const x = new URL(u);
  return x.pathname + x.search;
};

/** Downloads one attachment; the file id and name, or why not (Chinese). */
async function download(ctx: Context, a: { url: string; name: string }): Promise<{ fileId: string; name: string } | { problem: string }> {
  await ctx.turn();
  const r = await ctx.http.fetch(a.url, { method: 'GET', body: true, timeoutMs: 60_000, maxBytes: MAX_ATTACHMENT_BYTES, maxRedirects: 5 });
  if (r.error) return { problem: `附件“${a.name}”未能下载（${r.error === 'timeout' ? '超时' : '无法连接'}）` };
  if (r.status === null || r.status < 200 || r.status >= 300) return { problem: `附件“${a.name}”未能下载（HTTP ${r.status}）` };
  if (r.truncated) return { problem: `附件“${a.name}”超过 100 MB，未导入` };
  const ext = /\.[A-Za-z0-9]{1,5}$/.exec(new URL(a.url).pathname)?.[0] ?? '';
  const filename = /\.[A-Za-z0-9]{1,5}$/.test(a.name) ? a.name : `${a.name}${ext}`;
  try {
    const stored = await ctx.serial(() =>
      storeFile(ctx.deps, ctx.actor, { siteId: ctx.row.target_site_id, filename, bytes: r.body ?? Buffer.alloc(0) }, 'migration.manage'),
    );
    return { fileId: stored.fileId, name: filename };
  } catch (e) {
    if (!isAppError(e) || e.status >= 500) throw e;
    return { problem: `附件“${a.name}”未导入：${e.message}` };
  }
}

async function importPage(ctx: Context, page: LegacyImportPageRow): Promise<boolean> {
  const { deps, row } = ctx;
  const now = deps.clock.now().toISOString();
  const dups = await pages.duplicatesOf(deps.db.kysely, row.id, page.url);
  const setOutcome = async (outcome: string, reason: string | null) => {
    await pages.update(deps.db.kysely, row.id, page.url, { outcome, reason, updated_at: now });
    return false;
  };
  const target = page.column_key ? ctx.targets.get(page.column_key) : undefined;
  if (!page.column_key) return setOutcome('skipped', '未能识别所属栏目');
  if (!target)
    return setOutcome('skipped', `原栏目“${ctx.columnNames.get(page.column_key) ?? page.column_key}”未对应目标栏目（选择了不导入）`);
  const f = JSON.parse(page.fields ?? '{}') as StoredFields;
  const urls = [page.url, ...dups.map((d) => d.url)];
  const known = await legacyUrls.ofMany(deps.db.kysely, row.source_site_id, urls);
  const existing = known.find((k) => k.old_url === page.url) ?? known[0];
  if (row.dry_run === 1) {
    const outcome = !existing ? 'imported' : existing.content_hash === page.content_hash ? 'unchanged' : 'updated';
    const what = { imported: '将新建文章', updated: '将更新已导入的文章', unchanged: '内容未变化' }[outcome];
    return setOutcome(outcome, `试运行：${what}（${ctx.columnNames.get(page.column_key) ?? ''} → 目标栏目），未写入`);
  }
  const notes: string[] = [];
  const attachments: { fileId: string; name: string }[] = [];
  for (const a of f.attachments ?? []) {
    const got = await download(ctx, a);
    if ('problem' in got) notes.push(got.problem);
    else attachments.push(got);
  }
  const d = f.disclosure ?? {};
  const input = {
    siteId: row.target_site_id,
    columnId: target.columnId,
    type: target.type,
    articleId: existing?.article_id ?? null,
    title: f.title,
    bodyHtml: f.bodyHtml,
    source: f.source ?? null,
    metadata: {
      ...(attachments.length ? { attachments } : {}),
      issuingOrg: d.issuingOrg,
      topic: d.topic,
      writtenOn: d.writtenOn,
      docNumber: d.docNumber,
      validity: d.validity,
    },
    publishedOn: f.date ?? null,
    legacyUrl: page.url,
    legacyIndexNo: d.indexNo ?? null,
    review: ctx.review,
    // Hundreds of articles: one build of the whole site afterwards, not a publish job (lists, home page…) for each.
    publishLater: true,
  };
  const outcomeOf = (r: ImportedArticle) => (r.change === 'created' ? 'imported' : r.change);
  const result = await importArticle(deps, ctx.actor, input, async (tx, r) => {
    const reason = [...notes, ...r.notes].join('；') || null;
    await pages.update(tx.trx, row.id, page.url, { outcome: outcomeOf(r), reason, article_id: r.articleId, updated_at: now });
    for (const u of urls) {
      await legacyUrls.put(tx.trx, {
        source_site_id: row.source_site_id,
        old_url: u,
        old_path: pathAndQuery(u),
        article_id: r.articleId,
        target_site_id: row.target_site_id,
        content_hash: page.content_hash,
        import_id: row.id,
        created_at: now,
        updated_at: now,
      });
    }
    for (const dup of dups) await pages.update(tx.trx, row.id, dup.url, { article_id: r.articleId, updated_at: now });
  });
  if (ctx.review && result.change === 'created') {
    try {
      await submitArticle(deps, ctx.actor, result.articleId);
    } catch (e) {
      const reason = [...notes, ...result.notes, `已作为草稿导入，未能提交审核：${reasonOf(e)}`].join('；');
      await pages.update(deps.db.kysely, row.id, page.url, { reason, updated_at: now });
    }
  }
  return result.change !== 'unchanged';
}

/**
 * Imports pending pages until none is left, the import is cancelled, the signal stops it, or
 * `limit` pages were handled (tests use the limit to interrupt a run). Returns what is left.
 */
export async function runImport(
  deps: Deps,
  actor: Actor,
  importId: string,
  opts: { signal?: AbortSignal; limit?: number } = {},
): Promise<{ handled: number; remaining: number }> {
  requirePermission(actor, 'system.jobs');
  const row = await imports.byId(deps.db.kysely, importId);
  if (!row) throw Errors.notFound('找不到该导入任务');
  if (row.status !== 'importing') return { handled: 0, remaining: 0 };
  const options = optionsOf(row);
  const mapping = mappingOf(row) ?? {};
  const columns = new Map((await siteColumns(deps, row.target_site_id)).map((c) => [c.id, c]));
  const targets = new Map<string, { columnId: string; type: ArticleType } | null>();
  for (const [key, columnId] of Object.entries(mapping)) {
    const c = columnId ? columns.get(columnId) : undefined;
    const type = c && c.status === 'active' ? articleTypeFor(c) : null;
    targets.set(key, c && type ? { columnId: c.id, type } : null);
  }
  const columnNames = new Map((JSON.parse(row.columns) as { key: string; name: string }[]).map((c) => [c.key, c.name]));
  // Attachments may live on the old site's own (intranet) address: that one address is allowed, other inward ones are not.
  const siteAddresses = new Set(await resolveAddresses(new URL(row.start_url).hostname.replace(/^\[|\]$/g, '')));
  const http = createHttpClient({
    connections: 2,
    timeoutMs: 60_000,
    allowAddress: (ip) => !isPrivateAddress(ip) || siteAddresses.has(ip),
  });
  const ctx: Context = {
    deps,
    actor,
    row,
    http,
    turn: pacer(options.intervalMs),
    serial: serializer(),
    review: options.reviewEach,
    targets,
    columnNames,
  };
  let handled = 0;
  let written = 0;
  try {
    for (;;) {
      if (opts.signal?.aborted) break;
      if ((await imports.byId(deps.db.kysely, importId))?.status !== 'importing') break;
      const room = opts.limit === undefined ? CHUNK : Math.min(CHUNK, opts.limit - handled);
      if (room <= 0) break;
      const batch = await pages.pendingArticles(deps.db.kysely, importId, room);
      if (batch.length === 0) break;
      // Pages in parallel (downloads overlap); each page is still its own transaction.
      let next = 0;
      const worker = async () => {
        for (let page = batch[next++]; page; page = batch[next++]) {
          try {
            if (await importPage(ctx, page)) written++;
          } catch (e) {
            if (!isAppError(e))
              deps.logger.warn({ importId, url: page.url, err: e instanceof Error ? e.message : String(e) }, 'legacy page import failed');
            await pages.update(deps.db.kysely, importId, page.url, {
              outcome: 'failed',
              reason: reasonOf(e),
              updated_at: deps.clock.now().toISOString(),
            });
          }
          handled++;
        }
      };
      await Promise.all(Array.from({ length: Math.min(options.concurrency, batch.length) }, worker));
      await refreshCounts(deps, importId);
    }
  } finally {
    await http.close();
  }
  await refreshCounts(deps, importId);
  // What this run wrote goes public in one build of the site (also when it stopped halfway).
  if (written > 0 && row.dry_run === 0) await inTransaction(deps.db, (tx) => enqueueSitePublish(tx, deps.clock, row.target_site_id));
  const left = await pages.pendingArticles(deps.db.kysely, importId, 1);
  const current = await imports.byId(deps.db.kysely, importId);
  if (left.length === 0 && current?.status === 'importing') {
    const now = deps.clock.now().toISOString();
    await inTransaction(deps.db, async (tx) => {
      await imports.update(tx.trx, importId, { status: 'done', finished_at: now, updated_at: now, version: current.version + 1 });
      // The old site's URLs now have articles to lead to (docs/adr/0018).
      await enqueueRedirectsRebuild(tx, deps.clock, current.source_site_id);
    });
  }
  return { handled, remaining: (await pages.countsByOutcome(deps.db.kysely, importId)).pending ?? 0 };
}
