/**
 * `gongkai backup` and `gongkai restore` (ADR 0017): one archive with the database snapshot, the
 * data folder's files and a manifest; the personal-data keys are kept apart by the operator.
 */
import path from 'node:path';
import { Command } from 'commander';
import { loadConfig } from '../platform/config.ts';
import { dataKeySource } from '../platform/data-keys.ts';
import { createBackup, restoreBackup, type BackupSummary, type RestoreSummary } from '../platform/backup/index.ts';
import { printJson, printLine } from './output.ts';

/** The default archive name: the moment in UTC, so names sort by time. */
export function defaultBackupName(now: Date): string {
  return `gongkai-backup-${now.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z.tar.gz`;
}

const megabytes = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

function backupJson(s: BackupSummary) {
  const m = s.manifest;
  return {
    file: s.file,
    bytes: s.bytes,
    createdAt: m.createdAt,
    platformVersion: m.platformVersion,
    dialect: m.dialect,
    tables: Object.keys(m.tables).length,
    rows: Object.values(m.tables).reduce((a, b) => a + b, 0),
    files: m.files.length,
    includesPublic: m.includesPublic,
    keys: { source: m.keys.source, currentKeyId: m.keys.currentKeyId, keyIds: m.keys.keyIds, included: false },
  };
}

function printBackup(s: BackupSummary, keyFile: string | null): void {
  const j = backupJson(s);
  printLine(
    `已备份到 ${j.file}（${megabytes(j.bytes)}）：${j.tables} 个表共 ${j.rows} 行，${j.files} 个文件${j.includesPublic ? '（含已发布的网站）' : ''}。`,
  );
  printLine(
    `个人信息加密密钥不在备份中（当前密钥 ${j.keys.currentKeyId}，共 ${j.keys.keyIds.length} 个）：请另行保管${keyFile ? `密钥文件 ${keyFile}` : '环境变量 GONGKAI_DATA_KEYS 的值'}，恢复时须先放回。`,
  );
}

function printRestore(s: RestoreSummary): void {
  printLine(
    `已从备份恢复（创建于 ${s.createdAt}，平台版本 ${s.platformVersion}）：${s.tables} 个表共 ${s.rows} 行，${s.files} 个文件${s.includesPublic ? '（含已发布的网站）' : ''}。`,
  );
  if (s.migrationsRun.length) printLine(`已升级数据库结构：${s.migrationsRun.join('、')}`);
  printLine(`各表行数与备份清单一致；审计日志完整：共 ${s.audit.checked} 条记录，链头序号 ${s.audit.headSeq}。`);
  if (!s.includesPublic) printLine('备份不含已发布的网站：请运行 gongkai publish --all 重新生成。');
}

/** The `backup` and `restore` commands. */
export function backupCommands(): Command[] {
  const backup = new Command('backup')
    .description('备份平台：数据库（运行中也能得到一致的快照）、上传的文件和清单，写入一个 .tar.gz 文件；不含个人信息密钥')
    .option('--out <file>', '备份文件（默认当前目录下的 gongkai-backup-<时间>.tar.gz）')
    .option('--include-public', '同时备份已发布的网站（可由 gongkai publish --all 重新生成，默认不含）')
    .option('--json', '以 JSON 输出')
    .action(async (opts: { out?: string; includePublic?: boolean; json?: boolean }) => {
      const config = loadConfig();
      const out = path.resolve(opts.out ?? defaultBackupName(new Date()));
      const s = await createBackup({ config, out, includePublic: opts.includePublic === true });
      if (opts.json) printJson(backupJson(s));
      else printBackup(s, dataKeySource(config).file);
    });

  const restore = new Command('restore')
    .argument('<file>', '备份文件')
    .description(
      '从备份文件恢复（先停止平台的所有进程）：校验清单和每个文件的哈希后才写入，恢复数据库和文件，升级数据库结构，核对行数和审计日志',
    )
    .option('--force', '数据库中已有数据时仍用备份替换')
    .option('--json', '以 JSON 输出')
    .action(async (file: string, opts: { force?: boolean; json?: boolean }) => {
      const s = await restoreBackup({ config: loadConfig(), archive: file, force: opts.force === true });
      if (opts.json) printJson(s);
      else printRestore(s);
    });

  return [backup, restore];
}
