/**
 * `gongkai keys`: the personal-data keys at the console (ADR 0009). status counts the stored
 * values under each key; rotate makes a new current key and enqueues re-encryption; reencrypt
 * does that work now; retire removes an old key once no stored value uses it.
 */
import { Command } from 'commander';
import { recordAudit } from '../audit/index.ts';
import type { Actor } from '../platform/actor.ts';
import {
  DATA_KEY_ERRORS,
  checkRetirable,
  dataKeyError,
  dataKeyring,
  dataKeySource,
  removeDataKey,
  rotateDataKey,
} from '../platform/data-keys.ts';
import { inTransaction } from '../platform/db/transaction.ts';
import type { Deps } from '../platform/deps.ts';
import {
  enqueuePersonalDataReencryption,
  personalDataUsage,
  reencryptPersonalData,
  type RekeyResult,
} from '../platform/personal-data-store.ts';
import { CliError, EXIT, printJson, printLine, progress } from './output.ts';

export interface KeyStatus {
  id: string;
  current: boolean;
  /** Stored values encrypted under this key. */
  values: number;
  /** The same, per `table.column`. */
  columns: Record<string, number>;
}

export interface KeysStatus {
  source: 'env' | 'file';
  file: string | null;
  currentKeyId: string;
  indexKey: boolean;
  keys: KeyStatus[];
  /** Values under a key id that is not in the ring (they cannot be read). */
  unknown: number;
  total: number;
  /** Values not under the current key: what `keys reencrypt` would rewrite. */
  pendingReencryption: number;
}

/** The keyring and how many stored values each key encrypts. */
export async function keysStatus(deps: Deps): Promise<KeysStatus> {
  const ring = dataKeyring(deps.config);
  const source = dataKeySource(deps.config);
  const usage = await personalDataUsage(deps, ring);
  const keys = ring.keyIds.map((id) => {
    const columns = Object.fromEntries(usage.map((u) => [`${u.table}.${u.column}`, u.byKey[id] ?? 0]));
    return { id, current: id === ring.currentKeyId, values: Object.values(columns).reduce((a, b) => a + b, 0), columns };
  });
  const total = usage.reduce((a, u) => a + u.total, 0);
  return {
    source: source.kind,
    file: source.file,
    currentKeyId: ring.currentKeyId,
    indexKey: ring.hasIndexKey,
    keys,
    unknown: usage.reduce((a, u) => a + u.unknown, 0),
    total,
    pendingReencryption: total - (keys.find((k) => k.current)?.values ?? 0),
  };
}

export interface RotateResult {
  keyId: string;
  previousKeyId: string;
  keyIds: string[];
  file: string;
  /** The re-encryption job enqueued, or null when asked not to. */
  jobId: string | null;
}

/** Makes a new current key in the key file, records it in the audit log and enqueues re-encryption. */
export async function keysRotate(deps: Deps, actor: Actor, opts: { job?: boolean } = {}): Promise<RotateResult> {
  const rotated = rotateDataKey(deps.config, deps.clock.now());
  const jobId = await inTransaction(deps.db, async (tx) => {
    await recordAudit(tx, deps.clock, actor, {
      action: 'platform.dataKey.rotate',
      targetType: 'dataKey',
      targetId: rotated.keyId,
      details: { previousKeyId: rotated.previousKeyId, keyIds: rotated.keyIds },
    });
    return opts.job === false ? null : enqueuePersonalDataReencryption(tx, deps.clock);
  });
  return { ...rotated, jobId };
}

/** Re-encrypts every stored value not under the current key, now, in this process. */
export function keysReencrypt(
  deps: Deps,
  actor: Actor,
  opts: { batchSize?: number; signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<RekeyResult> {
  return reencryptPersonalData(deps, actor, {
    ...(opts.batchSize === undefined ? {} : { batchSize: opts.batchSize }),
    ...(opts.signal ? { signal: opts.signal } : {}),
    onProgress: (p) => opts.onProgress?.(p.done, p.total),
  });
}

/** Removes an old key from the key file, refusing while any stored value is still encrypted under it. */
export async function keysRetire(deps: Deps, actor: Actor, keyId: string): Promise<{ keyId: string; keyIds: string[]; file: string }> {
  const ring = dataKeyring(deps.config);
  checkRetirable(ring, keyId);
  const inUse = (await personalDataUsage(deps, ring)).reduce((a, u) => a + (u.byKey[keyId] ?? 0), 0);
  if (inUse > 0)
    throw dataKeyError(DATA_KEY_ERRORS.inUse, 409, `仍有 ${inUse} 个数据由密钥 ${keyId} 加密，请先运行 gongkai keys reencrypt`);
  const removed = removeDataKey(deps.config, keyId);
  await inTransaction(deps.db, (tx) =>
    recordAudit(tx, deps.clock, actor, {
      action: 'platform.dataKey.retire',
      targetType: 'dataKey',
      targetId: keyId,
      details: { keyIds: removed.keyIds },
    }),
  );
  return { keyId, ...removed };
}

function printStatus(s: KeysStatus): void {
  printLine(`密钥来源：${s.source === 'env' ? '环境变量 GONGKAI_DATA_KEYS' : `密钥文件 ${s.file}`}`);
  printLine(`当前加密密钥：${s.currentKeyId}；盲索引密钥：${s.indexKey ? '已配置（不随数据密钥轮换）' : '未配置'}`);
  for (const k of s.keys) {
    printLine(`  ${k.id.padEnd(16)} ${k.current ? '当前' : '旧  '} ${String(k.values).padStart(8)} 个数据`);
    for (const [column, n] of Object.entries(k.columns)) if (n > 0) printLine(`      ${column.padEnd(36)} ${String(n).padStart(8)}`);
  }
  if (s.unknown > 0) printLine(`  警告：${s.unknown} 个数据的密钥不在密钥环中，无法解密`);
  printLine(`共 ${s.total} 个加密数据，待重新加密 ${s.pendingReencryption} 个`);
}

function printRekey(r: RekeyResult): void {
  printLine(`已用密钥 ${r.keyId} 重新加密 ${r.rows} 条记录的 ${r.values} 个数据（${r.batches} 批）`);
  for (const f of r.failures) printLine(`  无法解密：${f.table} 表记录 ${f.rowId} 的 ${f.column}（${f.code}）`);
  if (r.stopped) printLine('已中断；再次运行将从中断处继续');
  if (r.remaining > 0) printLine(`仍有 ${r.remaining} 条记录含旧密钥加密的数据`);
}

/** The `keys` command group; `withDeps` opens and closes the database around each action. */
export function keysCommand(withDeps: (fn: (deps: Deps) => Promise<void>) => Promise<void>, operator: () => Actor): Command {
  const keys = new Command('keys').description('个人信息加密密钥：查看、轮换、重新加密、停用旧密钥');
  keys
    .command('status')
    .description('列出密钥环中的密钥、当前加密密钥，以及各密钥加密的数据数量（按表和字段）')
    .option('--json', '以 JSON 输出')
    .action(async (opts: { json?: boolean }) =>
      withDeps(async (deps) => {
        const s = await keysStatus(deps);
        if (opts.json) printJson(s);
        else printStatus(s);
      }),
    );
  keys
    .command('rotate')
    .description('生成新密钥并设为当前加密密钥（旧密钥保留用于解密），并加入重新加密任务')
    .option('--no-job', '不加入后台任务（之后手动运行 gongkai keys reencrypt）')
    .option('--json', '以 JSON 输出')
    .action(async (opts: { job: boolean; json?: boolean }) =>
      withDeps(async (deps) => {
        const r = await keysRotate(deps, operator(), { job: opts.job });
        if (opts.json) return printJson(r);
        printLine(`已生成新密钥 ${r.keyId} 并设为当前加密密钥；原密钥 ${r.previousKeyId} 保留用于解密。请备份 ${r.file}。`);
        printLine(
          r.jobId
            ? `已加入重新加密任务 ${r.jobId}，由后台任务进程执行；也可立即运行 gongkai keys reencrypt。`
            : '请运行 gongkai keys reencrypt 重新加密已有数据。',
        );
      }),
    );
  keys
    .command('reencrypt')
    .description('用当前密钥重新加密所有旧密钥加密的数据（分批提交，可中断后继续）')
    .option('--batch-size <n>', '每批（每个事务）的记录条数', '500')
    .option('--json', '以 JSON 输出')
    .action(async (opts: { batchSize: string; json?: boolean }) =>
      withDeps(async (deps) => {
        const batchSize = Number(opts.batchSize);
        if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000)
          throw new CliError('--batch-size 应为 1 到 10000 的整数', EXIT.usage);
        const stop = new AbortController();
        const onSigint = () => stop.abort();
        process.once('SIGINT', onSigint);
        const bar = progress('重新加密');
        try {
          const r = await keysReencrypt(deps, operator(), {
            batchSize,
            signal: stop.signal,
            onProgress: (d, t) => bar.update(d, t),
          });
          bar.done();
          if (opts.json) printJson(r);
          else printRekey(r);
          if (r.failures.length > 0 || r.stopped) process.exitCode = EXIT.failure;
        } finally {
          process.off('SIGINT', onSigint);
        }
      }),
    );
  keys
    .command('retire <keyId>')
    .description('从密钥文件中删除旧密钥（仍有数据使用该密钥时拒绝）')
    .option('--json', '以 JSON 输出')
    .action(async (keyId: string, opts: { json?: boolean }) =>
      withDeps(async (deps) => {
        const r = await keysRetire(deps, operator(), keyId);
        if (opts.json) return printJson(r);
        printLine(`已删除密钥 ${keyId}；密钥环：${r.keyIds.join('、')}。`);
        printLine('注意：重新加密之前的数据库备份仍由该密钥加密；保留这些备份期间，请同时保留删除前的密钥文件备份。');
      }),
    );
  return keys;
}
