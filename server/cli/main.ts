/**
 * The `gongkai` command. Argument parsing and presentation only: every use case is a
 * command of its room, called here as a named system actor (the operator at the console).
 */
import fs from 'node:fs';
import os from 'node:os';
import { Command, CommanderError, Option } from 'commander';
import { ROLE_CODES, ROLES, isRoleCode } from '../../common/roles.ts';
import { createUser, findUserIdByUsername, grantRole, platformIsEmpty, resetPassword } from '../accounts/index.ts';
import { findSiteId } from '../sites/index.ts';
import { NginxConfigError, platformNginxConfig, publishSite, publishableSites } from '../publishing/index.ts';
import { verifyAuditChain } from '../audit/index.ts';
import { CRAWL_DEFAULTS, crawlCheck, type CrawlCheckInput } from '../monitoring/index.ts';
import { BUILT_IN_SYSTEMS, DEFAULT_SYSTEM_KEY, evaluateUrl, usableSystem } from '../evaluation/index.ts';
import { evaluateJson, printEvaluation } from './evaluate-output.ts';
import { isExistingDate } from '../../common/dates.ts';
import { monitorJson, printMonitorReport } from './monitor-output.ts';
import { addWorkdays, isWorkday, loadCalendar } from '../calendar/index.ts';
import { documentSummary, parseDocumentFile } from '../documents/index.ts';
import { createDeps, createHttpApp, jobRegistry } from '../composition.ts';
import { demoExists, seedDemo, type DemoSummary } from '../demo/index.ts';
import { systemActor } from '../platform/actor.ts';
import { ConfigError, loadConfig, type Config } from '../platform/config.ts';
import type { Deps } from '../platform/deps.ts';
import { isAppError } from '../platform/errors.ts';
import { migrationStatus } from '../platform/db/migrations/index.ts';
import { drainJobs, startWorker, type WorkerHandle } from '../platform/jobs/index.ts';
import { ensureAdminBuilt } from './admin-build.ts';
import { keysCommand } from './keys.ts';
import { backupCommands } from './backup.ts';
import { importSiteCommand } from './import-site.ts';
import { CliError, EXIT, printJson, printLine, progress } from './output.ts';

const operator = () => systemActor(`cli:${os.userInfo().username}`);

async function withDeps<T>(fn: (deps: Deps) => Promise<T>, config: Config = loadConfig()): Promise<T> {
  const deps = await createDeps(config);
  try {
    return await fn(deps);
  } finally {
    await deps.db.close();
  }
}

async function findUserId(deps: Deps, username: string): Promise<string> {
  const id = await findUserIdByUsername(deps, username);
  if (!id) throw new CliError(`用户不存在：${username}`);
  return id;
}

async function siteIdOf(deps: Deps, idOrCode: string): Promise<string> {
  const id = await findSiteId(deps, idOrCode);
  if (!id) throw new CliError(`网站不存在：${idOrCode}`);
  return id;
}

function printDemo(summary: DemoSummary): void {
  printLine(`已创建示例市：${summary.orgs} 个单位，${summary.sites} 个网站，${summary.columns} 个栏目，${summary.articles} 篇示例稿件。`);
  printLine('示例账号（首次登录须修改密码）：');
  for (const a of summary.accounts) {
    printLine(`  ${a.username.padEnd(12)} ${a.oneTimePassword}   ${a.roleLabel}${a.site ? ` · ${a.site}` : ''}`);
  }
}

async function serve(opts: { port?: number; demoIfEmpty?: boolean; buildAdmin?: boolean }): Promise<void> {
  const base = loadConfig();
  const config: Config = opts.port ? { ...base, port: opts.port } : base;
  if (opts.buildAdmin) ensureAdminBuilt((l) => printLine(l));
  const deps = await createDeps(config);
  if (opts.demoIfEmpty && !(await demoExists(deps))) {
    if (await platformIsEmpty(deps)) printDemo(await seedDemo(deps));
  }
  const app = await createHttpApp(deps);
  let worker: WorkerHandle | null = null;
  if (config.runJobs) worker = await startWorker(deps, jobRegistry(), { concurrency: config.workerConcurrency });
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    deps.logger.info({ signal }, 'shutting down');
    await app.close();
    await worker?.stop();
    await deps.db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  printLine(
    `公开平台已启动：http://localhost:${config.port}/admin/  （数据目录 ${config.dataDir}，数据库 ${config.databaseUrl ? 'PostgreSQL' : 'SQLite'}）`,
  );
}

async function worker(opts: { once?: boolean; concurrency?: number; scheduler: boolean }): Promise<void> {
  const config = loadConfig();
  const deps = await createDeps(config);
  const registry = jobRegistry();
  if (opts.once) {
    const n = await drainJobs(deps, registry, { concurrency: opts.concurrency ?? config.workerConcurrency });
    printLine(`已处理 ${n} 个任务`);
    await deps.db.close();
    return;
  }
  const handle = await startWorker(deps, registry, {
    concurrency: opts.concurrency ?? config.workerConcurrency,
    runScheduler: opts.scheduler,
  });
  printLine(`任务进程已启动（${handle.workerId}）`);
  const stop = async () => {
    await handle.stop();
    await deps.db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

export function buildProgram(): Command {
  const program = new Command('gongkai')
    .description('公开 · 政府网站集约化平台 (Gongkai government-website platform)')
    .showHelpAfterError()
    .exitOverride();

  program
    .command('serve')
    .description('启动网站平台（HTTP 服务，默认同时运行后台任务）')
    .addOption(new Option('-p, --port <port>', '端口（默认 PORT 或 3000）').argParser((v) => Number.parseInt(v, 10)))
    .option('--demo-if-empty', '数据库为空时创建示例市数据')
    .option('--build-admin', '管理后台未构建或已过期时先构建')
    .action(serve);

  program
    .command('worker')
    .description('启动独立的后台任务进程')
    .option('--once', '处理完当前到期的任务后退出')
    .addOption(new Option('-c, --concurrency <n>', '并发任务数').argParser((v) => Number.parseInt(v, 10)))
    .option('--no-scheduler', '不触发定时任务（只处理队列）')
    .action(worker);

  program
    .command('migrate')
    .description('把数据库结构升级到最新版本（启动时也会自动执行）')
    .option('--status', '只显示迁移状态')
    .option('--json', '以 JSON 输出')
    .action(async (opts: { status?: boolean; json?: boolean }) =>
      withDeps(async (deps) => {
        const status = await migrationStatus(deps.db.kysely, deps.db.dialect);
        if (opts.json) printJson({ dialect: deps.db.dialect.name, migrations: status });
        else for (const m of status) printLine(`${m.executedAt ? '✓' : '·'} ${m.name}${m.executedAt ? `  ${m.executedAt}` : ''}`);
      }),
    );

  program
    .command('demo')
    .description('创建示例市数据（虚构，明确标注为示例）')
    .option('--json', '以 JSON 输出')
    .action(async (opts: { json?: boolean }) =>
      withDeps(async (deps) => {
        const summary = await seedDemo(deps);
        if (opts.json) printJson(summary);
        else printDemo(summary);
      }),
    );

  const users = program.command('users').description('管理用户账号');
  users
    .command('create <username>')
    .description('新建用户，输出一次性初始密码')
    .requiredOption('-n, --name <displayName>', '姓名')
    .option('--org <orgId>', '所属单位 ID')
    .option('--json', '以 JSON 输出')
    .action(async (username: string, opts: { name: string; org?: string; json?: boolean }) =>
      withDeps(async (deps) => {
        const r = await createUser(deps, operator(), { username, displayName: opts.name, orgId: opts.org ?? null });
        if (opts.json) printJson(r);
        else printLine(`已创建用户 ${r.user.username}，一次性密码：${r.oneTimePassword}（首次登录须修改）`);
      }),
    );
  users
    .command('reset-password <username>')
    .description('重置密码，输出一次性密码')
    .option('--json', '以 JSON 输出')
    .action(async (username: string, opts: { json?: boolean }) =>
      withDeps(async (deps) => {
        const r = await resetPassword(deps, operator(), await findUserId(deps, username));
        if (opts.json) printJson({ username, ...r });
        else printLine(`已重置 ${username} 的密码，一次性密码：${r.oneTimePassword}`);
      }),
    );
  users
    .command('grant <username> <role>')
    .description(`授予角色：${ROLE_CODES.map((r) => `${r}（${ROLES[r].label}）`).join('、')}`)
    .option('--site <siteIdOrCode>', '网站 ID 或网站标识码（网站级角色必填）')
    .option('--json', '以 JSON 输出')
    .action(async (username: string, role: string, opts: { site?: string; json?: boolean }) =>
      withDeps(async (deps) => {
        if (!isRoleCode(role)) throw new CliError(`未知角色：${role}`, EXIT.usage);
        const siteId = opts.site ? await siteIdOf(deps, opts.site) : null;
        const g = await grantRole(deps, operator(), await findUserId(deps, username), { role, siteId });
        if (opts.json) printJson(g);
        else printLine(`已授予 ${username} 角色 ${ROLES[role].label}${siteId ? `（网站 ${opts.site}）` : '（全平台）'}`);
      }),
    );

  const calendar = program.command('calendar').description('工作日历（法定节假日与调休）');
  calendar
    .command('is-workday <date>')
    .description('某日是否为工作日，输出 true 或 false')
    .option('--json', '以 JSON 输出（含原因）')
    .action(async (date: string, opts: { json?: boolean }) =>
      withDeps(async (deps) => {
        const answer = isWorkday(await loadCalendar(deps), date);
        if (opts.json) printJson({ date, ...answer });
        else printLine(String(answer.workday));
      }),
    );
  calendar
    .command('add-workdays <date> <n>')
    .description('某日之后第 n 个工作日（不含当日）')
    .option('--json', '以 JSON 输出（含逐日说明）')
    .action(async (date: string, n: string, opts: { json?: boolean }) =>
      withDeps(async (deps) => {
        if (!/^\d+$/.test(n)) throw new CliError(`工作日数应为非负整数：${n}`, EXIT.usage);
        const r = addWorkdays(await loadCalendar(deps), date, Number(n));
        if (opts.json) printJson(r);
        else printLine(r.date);
      }),
    );

  program
    .command('document')
    .description('公文')
    .command('parse <file>')
    .description('解析公文（DOCX 或文本），输出文号、标题、发文机关、主送机关、成文日期、附件和公开属性')
    .option('--json', '以 JSON 输出')
    .action(async (file: string, opts: { json?: boolean }) => {
      const summary = documentSummary(await parseDocumentFile(file));
      if (opts.json) printJson(summary);
      else for (const [k, v] of Object.entries(summary)) printLine(`${k}: ${Array.isArray(v) ? v.join('、') : (v ?? '（无）')}`);
    });

  program
    .command('publish')
    .description('发布网站：重新生成静态页面并整体替换上线（--all 全部托管网站，或 --site 指定网站）')
    .option('--all', '发布全部托管网站')
    .option('--site <code>', '网站标识码或网站 ID')
    .option('--threads <n>', '生成页面的线程数（默认每个 CPU 核一个）')
    .option('--json', '以 JSON 输出')
    .action(async (opts: { all?: boolean; site?: string; threads?: string; json?: boolean }) =>
      withDeps(async (deps) => {
        if (!opts.all === !opts.site) throw new CliError('请指定 --all 或 --site <网站标识码>', EXIT.usage);
        const threads = opts.threads === undefined ? undefined : Number(opts.threads);
        if (threads !== undefined && !(Number.isInteger(threads) && threads >= 0 && threads <= 64))
          throw new CliError('--threads 应为 0 到 64 的整数', EXIT.usage);
        const ids = opts.site ? [await siteIdOf(deps, opts.site)] : (await publishableSites(deps)).map((s) => s.id);
        const results = [];
        for (const id of ids) {
          const r = await publishSite(deps, id, threads === undefined ? {} : { workers: threads });
          results.push(r);
          if (!opts.json)
            printLine(
              `${r.code}：${r.pages} 个页面，${r.articles} 篇文章，用时 ${(r.ms / 1000).toFixed(1)} 秒（${Math.round(r.pages / (r.ms / 1000))} 页/秒）`,
            );
        }
        if (opts.json) printJson(results);
        else if (!ids.length) printLine('没有可发布的网站（托管、已取得网站标识码且在运行中的网站）。');
      }),
    );

  program
    .command('nginx-config')
    .description('生成 nginx 生产配置：各网站域名由 nginx 直接提供已发布的静态文件，其余请求转发到平台')
    .option('--out <file>', '写入文件（默认输出到标准输出）')
    .option('--listen <address>', '监听端口或地址', '80')
    .option('--app <url>', '平台应用的地址', 'http://127.0.0.1:3000')
    .option('--brotli', 'nginx 已加载 brotli 模块，同时使用 .br 预压缩文件')
    .action(async (opts: { out?: string; listen: string; app: string; brotli?: boolean }) =>
      withDeps(async (deps) => {
        let text: string;
        try {
          text = await platformNginxConfig(deps, {
            listen: opts.listen,
            app: opts.app,
            brotli: opts.brotli === true,
            hsts: deps.config.secureCookies,
          });
        } catch (e) {
          if (e instanceof NginxConfigError) throw new CliError(e.message, EXIT.usage);
          throw e;
        }
        if (opts.out) {
          const tmp = `${opts.out}.${process.pid}.tmp`;
          fs.writeFileSync(tmp, text);
          fs.renameSync(tmp, opts.out);
          process.stderr.write(`已写入 ${opts.out}；检查并重新加载：nginx -t && nginx -s reload\n`);
        } else process.stdout.write(text);
      }),
    );

  /** The options `monitor` and `evaluate` share: the crawl's limits and the day the windows are counted to. */
  const crawlCommand = (name: string, description: string) =>
    program
      .command(`${name} <url>`)
      .description(description)
      .option('--as-of <date>', '按指定日期（YYYY-MM-DD）计算各时限，用于复现检查或检查过去时段')
      .option('--max-pages <n>', '最多读取的页面数', String(CRAWL_DEFAULTS.maxPages))
      .option('--concurrency <n>', '同时向该网站发出的请求数', String(CRAWL_DEFAULTS.concurrency))
      .option('--interval <ms>', '向同一主机发出两次请求的最小间隔（毫秒）', String(CRAWL_DEFAULTS.intervalMs))
      .option('--no-external', '不检查外部链接')
      .option('--journal <file>', '抓取进度文件：中断后用同一文件再次运行可继续')
      .option('--json', '以 JSON 输出');
  interface CrawlCommandOptions {
    asOf?: string;
    maxPages: string;
    concurrency: string;
    interval: string;
    external: boolean;
    journal?: string;
    json?: boolean;
  }
  /** The crawl check's input from the command line; usage errors exit with 2. */
  const crawlCheckInput = (url: string, opts: CrawlCommandOptions): CrawlCheckInput => {
    let start: URL;
    try {
      start = new URL(url);
      if (start.protocol !== 'http:' && start.protocol !== 'https:') throw new Error('scheme');
    } catch {
      throw new CliError(`网址无效：${url}（应以 http:// 或 https:// 开头）`, EXIT.usage);
    }
    if (opts.asOf !== undefined && !isExistingDate(opts.asOf)) throw new CliError('--as-of 应为 YYYY-MM-DD 格式的日期', EXIT.usage);
    const int = (v: string, name: string, min: number, max: number) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) throw new CliError(`${name} 应为 ${min} 到 ${max} 的整数`, EXIT.usage);
      return n;
    };
    const tty = !opts.json && process.stderr.isTTY;
    return {
      url: start.href,
      ...(opts.asOf ? { asOf: opts.asOf } : {}),
      crawl: {
        maxPages: int(opts.maxPages, '--max-pages', 1, 1_000_000),
        concurrency: int(opts.concurrency, '--concurrency', 1, 256),
        intervalMs: int(opts.interval, '--interval', 0, 60_000),
        checkExternal: opts.external,
        ...(opts.journal ? { journalPath: opts.journal } : {}),
      },
      onProgress: (p) => {
        if (tty) process.stderr.write(`\r已读 ${p.pages} 个页面，已检查 ${p.checked} 个链接，待检查 ${p.queued}   `);
      },
    };
  };
  const progressDone = (opts: CrawlCommandOptions) => {
    if (!opts.json && process.stderr.isTTY) process.stderr.write('\n');
  };

  crawlCommand('monitor', '检测任一网站（无需登记）：抓取页面，检查链接、更新情况、空白栏目、网站标识、表述错误、留言回复和证书').action(
    async (url: string, opts: CrawlCommandOptions) => {
      const input = crawlCheckInput(url, opts);
      await withDeps(async (deps) => {
        const { report } = await crawlCheck(deps, input);
        progressDone(opts);
        if (opts.json) printJson(monitorJson(report));
        else printMonitorReport(report);
        if (report.findings.some((f) => f.severity === 'veto')) process.exitCode = EXIT.failure;
      });
    },
  );

  crawlCommand('evaluate', '按指标体系评价任一网站（无需登记）：单项否决、扣分和得分；不合格时以状态 1 退出')
    .option(
      '--system <key>',
      `指标体系：${BUILT_IN_SYSTEMS.map((s) => `${s.key}（${s.name}）`).join('，')}，或管理后台中维护的本地指标体系的编码`,
      DEFAULT_SYSTEM_KEY,
    )
    .action(async (url: string, opts: CrawlCommandOptions & { system: string }) => {
      const input = crawlCheckInput(url, opts);
      await withDeps(async (deps) => {
        try {
          await usableSystem(deps.db, opts.system);
        } catch (e) {
          if (isAppError(e)) throw new CliError(e.message, EXIT.usage);
          throw e;
        }
        const result = await evaluateUrl(deps, { ...input, system: opts.system });
        progressDone(opts);
        if (opts.json) printJson(evaluateJson(result.report));
        else printEvaluation(result);
        if (result.report.verdict === 'fail') process.exitCode = EXIT.failure;
      });
    });

  const audit = program.command('audit').description('审计日志');
  audit
    .command('verify')
    .description('校验审计日志哈希链；发现被修改、删除或乱序的记录时以非零状态退出')
    .option('--json', '以 JSON 输出')
    .action(async (opts: { json?: boolean }) =>
      withDeps(async (deps) => {
        const bar = progress('校验审计日志');
        const r = await verifyAuditChain(deps.db, { onProgress: (d, t) => bar.update(d, t) });
        bar.done();
        if (opts.json) printJson(r);
        else if (r.ok) printLine(`审计日志完整：共 ${r.checked} 条记录，链头序号 ${r.headSeq}`);
        else printLine(`审计日志被篡改：第一条异常记录序号 ${r.firstBad?.seq}（${r.firstBad?.kind}），此前 ${r.checked} 条完好`);
        if (!r.ok) process.exitCode = EXIT.failure;
      }),
    );

  program.addCommand(keysCommand(withDeps, operator));
  for (const c of backupCommands()) program.addCommand(c);
  importSiteCommand(program, withDeps, operator);

  return program;
}

/** Runs the CLI; resolves to the exit code. */
export async function runCli(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 || e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? EXIT.ok : EXIT.usage;
    }
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      return EXIT.config;
    }
    if (e instanceof CliError) {
      process.stderr.write(`错误：${e.message}\n`);
      return e.exitCode;
    }
    if (isAppError(e)) {
      process.stderr.write(
        `错误：${e.message}${e.fields.length ? `\n${e.fields.map((f) => `  ${f.field}: ${f.message}`).join('\n')}` : ''}\n`,
      );
      return e.status === 400 ? EXIT.usage : EXIT.failure;
    }
    process.stderr.write(`错误：${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT.failure;
  }
}

// `gongkai … | head` closes the pipe early; that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(EXIT.ok);
});

// Settings may come from a .env file in the working folder (see .env.example); the environment wins.
if (fs.existsSync('.env')) process.loadEnvFile('.env');

const code = await runCli(process.argv.slice(2));
// serve and worker keep running; everything else ends here.
if (
  code !== EXIT.ok ||
  !['serve', 'worker'].includes(process.argv[2] ?? '') ||
  process.argv.includes('--once') ||
  process.argv.includes('--help')
) {
  process.exitCode = code;
}
