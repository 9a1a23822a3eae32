/**
 * `gongkai import-site <url> --target <网站标识码>`: a legacy import from the console — analyse
 * the old site, take the suggested column mapping (refused, listing them, while a column with
 * articles has no target, unless `--map` names one or `--skip-unmapped` leaves them out), import,
 * run the queued publication, print the report's summary. The same commands as the admin's.
 */
import type { Command } from 'commander';
import type { ImportView } from '../../common/schemas/migration.ts';
import { IMPORT_DEFAULTS, IMPORT_STATUS_LABELS, PAGE_OUTCOME_LABELS } from '../../common/schemas/migration.ts';
import { jobRegistry } from '../composition.ts';
import { cancelImport, confirmMapping, createImport, getImport, importPages, startImport } from '../migration/index.ts';
import { findSiteId, listSites, siteColumns } from '../sites/index.ts';
import type { Actor } from '../platform/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { isAppError } from '../platform/errors.ts';
import { drainJobs } from '../platform/jobs/index.ts';
import { CliError, EXIT, printJson, printLine } from './output.ts';

interface ImportSiteOptions {
  target: string;
  sourceSite?: string;
  dryRun?: boolean;
  maxPages: string;
  concurrency: string;
  intervalMs: string;
  map?: string;
  skipUnmapped?: boolean;
  json?: boolean;
}

const int = (v: string, name: string, min: number, max: number) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new CliError(`${name} 应为 ${min} 到 ${max} 的整数`, EXIT.usage);
  return n;
};

/** `--map "通知公告=tzgg,领导讲话=-"`: legacy column name → target column (folder name, name or id; `-` leaves it out). */
function parseMap(raw: string | undefined): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const part of (raw ?? '')
    .split(/[,，]/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new CliError(`--map 的写法应为“原栏目=目标栏目”：${part}`, EXIT.usage);
    const to = part.slice(eq + 1).trim();
    out.set(part.slice(0, eq).replace(/\s+/g, ''), to === '-' || to === '' ? null : to);
  }
  return out;
}

/** Runs queued jobs (analyse, import, publication) in this process. */
const runJobs = (deps: Deps) => drainJobs(deps, jobRegistry(), { maxRounds: 100_000 });

async function appErrorsAsCli<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isAppError(e) && e.status < 500) throw new CliError(e.message, e.status === 400 ? EXIT.usage : EXIT.failure);
    throw e;
  }
}

function printSummary(v: ImportView): void {
  const c = v.counts;
  printLine(`${v.dryRun ? '试运行' : '迁移导入'}：${v.startUrl}  状态：${IMPORT_STATUS_LABELS[v.status]}`);
  printLine(
    `抓取页面 ${c.pagesSeen}，识别文章 ${c.articlesFound}；新导入 ${c.imported}，更新 ${c.updated}，未变化 ${c.unchanged}，重复 ${c.duplicates}，未导入 ${c.skipped}，失败 ${c.failed}`,
  );
  for (const col of v.byColumn) {
    const parts = Object.entries(col.outcomes).map(([k, n]) => `${PAGE_OUTCOME_LABELS[k as keyof typeof PAGE_OUTCOME_LABELS]} ${n}`);
    const target = v.columns.find((x) => x.key === col.key);
    const to = target?.target ? (target.target === target.suggestion.columnId ? target.suggestion.columnName : target.target) : '不导入';
    printLine(`  ${col.name} → ${to ?? '不导入'}：${parts.join('，')}`);
  }
}

/** Registers `import-site` on the program. */
export function importSiteCommand(
  program: Command,
  withDeps: <T>(fn: (deps: Deps) => Promise<T>) => Promise<T>,
  operator: () => Actor,
): void {
  program
    .command('import-site <url>')
    .description('把原网站迁移导入到平台托管的网站：抓取并识别栏目和文章，按建议的栏目对应导入，保留原网址，输出报告')
    .requiredOption('--target <site>', '目标网站（网站标识码或 ID），须为平台托管的网站')
    .option('--source-site <site>', '原网站在平台登记的网站（标识码或 ID）；不填时按网址的域名查找')
    .option('--dry-run', '试运行：只报告将导入什么，不写入文章')
    .option('--max-pages <n>', '最多读取的页面数', String(IMPORT_DEFAULTS.maxPages))
    .option('--concurrency <n>', '同时向原网站发出的请求数', String(IMPORT_DEFAULTS.concurrency))
    .option('--interval-ms <ms>', '向原网站发出两次请求的最小间隔（毫秒）', String(IMPORT_DEFAULTS.intervalMs))
    .option('--map <pairs>', '指定栏目对应，如 "通知公告=tzgg,领导讲话=-"（目标栏目写目录名、名称或 ID，- 表示不导入）')
    .option('--skip-unmapped', '没有对应目标栏目的原栏目不导入（否则拒绝并列出这些栏目）')
    .option('--json', '以 JSON 输出')
    .action(async (url: string, opts: ImportSiteOptions) => {
      let start: URL;
      try {
        start = new URL(url);
        if (start.protocol !== 'http:' && start.protocol !== 'https:') throw new Error('scheme');
      } catch {
        throw new CliError(`网址无效：${url}（应以 http:// 或 https:// 开头）`, EXIT.usage);
      }
      const options = {
        maxPages: int(opts.maxPages, '--max-pages', 1, 100_000),
        concurrency: int(opts.concurrency, '--concurrency', 1, 16),
        intervalMs: int(opts.intervalMs, '--interval-ms', 0, 60_000),
      };
      const overrides = parseMap(opts.map);
      await withDeps(async (deps) => {
        const actor = operator();
        const targetId = await findSiteId(deps, opts.target);
        if (!targetId) throw new CliError(`目标网站不存在：${opts.target}`, EXIT.usage);
        let sourceId: string | null = null;
        if (opts.sourceSite) {
          sourceId = await findSiteId(deps, opts.sourceSite);
          if (!sourceId) throw new CliError(`原网站未登记：${opts.sourceSite}`, EXIT.usage);
        } else {
          const host = start.host.toLowerCase().replace(/^www\./, '');
          const hosts = (s: { baseUrl: string | null; domains: string[] }) =>
            [...s.domains, ...(s.baseUrl ? [new URL(s.baseUrl).host] : [])].map((h) => h.toLowerCase().replace(/^www\./, ''));
          const found = (await listSites(deps, actor, {})).find((s) => s.id !== targetId && hosts(s).includes(host));
          if (!found)
            throw new CliError(`原网站尚未登记：请先在平台登记 ${start.host}（可登记为外部网站），或用 --source-site 指定`, EXIT.usage);
          sourceId = found.id;
        }
        const made = await appErrorsAsCli(() =>
          createImport(deps, actor, {
            sourceSiteId: sourceId,
            targetSiteId: targetId,
            startUrl: start.href,
            dryRun: opts.dryRun ?? false,
            options,
          }),
        );
        if (!opts.json && process.stderr.isTTY) process.stderr.write('正在抓取和分析原网站…\n');
        await runJobs(deps);
        const analysed = await getImport(deps, actor, made.id);
        if (analysed.status !== 'awaiting_confirmation')
          throw new CliError(`分析未完成（${IMPORT_STATUS_LABELS[analysed.status]}）：${analysed.error ?? ''}`);
        const targets = await siteColumns(deps, targetId);
        const columnOf = (ref: string) => targets.find((c) => c.id === ref || c.slug === ref || c.name === ref);
        const mapping: Record<string, string | null> = {};
        const unmapped: string[] = [];
        for (const col of analysed.columns) {
          const override = overrides.has(col.key) ? overrides.get(col.key) : overrides.get(col.name.replace(/\s+/g, ''));
          if (override !== undefined) {
            if (override === null) mapping[col.key] = null;
            else {
              const c = columnOf(override);
              if (!c) throw new CliError(`--map 中的目标栏目不存在：${override}`, EXIT.usage);
              mapping[col.key] = c.id;
            }
          } else if (col.suggestion.columnId) mapping[col.key] = col.suggestion.columnId;
          else {
            mapping[col.key] = null;
            if (col.articles > 0) unmapped.push(`${col.name}（${col.articles} 篇）`);
          }
        }
        if (unmapped.length && !opts.skipUnmapped) {
          // Nothing is imported: the analysed import is not left waiting for a confirmation that will not come.
          await cancelImport(deps, actor, made.id);
          throw new CliError(
            `这些原栏目没有对应的目标栏目：${unmapped.join('、')}。请用 --map 指定，或用 --skip-unmapped 不导入它们`,
            EXIT.usage,
          );
        }
        const confirmed = await appErrorsAsCli(() => confirmMapping(deps, actor, made.id, { version: analysed.version, mapping }));
        await appErrorsAsCli(() => startImport(deps, actor, made.id, { version: confirmed.version }));
        if (!opts.json && process.stderr.isTTY) process.stderr.write('正在导入…\n');
        await runJobs(deps);
        const done = await getImport(deps, actor, made.id);
        if (opts.json) {
          const failed = await importPages(deps, actor, made.id, { outcome: 'failed', limit: 500 });
          printJson({ ...done, failedPages: failed.items });
        } else {
          printSummary(done);
          const failed = await importPages(deps, actor, made.id, { outcome: 'failed', limit: 20 });
          if (failed.total) {
            printLine(`失败的页面（共 ${failed.total} 个${failed.total > 20 ? '，以下为前 20 个' : ''}）：`);
            for (const p of failed.items) printLine(`  ${p.url}  ${p.reason ?? ''}`);
          }
        }
        if (done.status !== 'done') process.exitCode = EXIT.failure;
      });
    });
}
