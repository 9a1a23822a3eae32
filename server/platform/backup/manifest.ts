/**
 * The manifest of a backup archive (`manifest.json`, the archive's last entry): what was backed
 * up, from which schema, with the row count of every table and the SHA-256 of every file, so a
 * restore can check the whole archive before it changes anything.
 */
import { z } from 'zod';
import { AppError } from '../errors.ts';

export const BACKUP_FORMAT = 'gongkai-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST_ENTRY = 'manifest.json';
/** Archive paths of the data folder's files start with this. */
export const DATA_PREFIX = 'data/';

const KeyUsageSchema = z.object({
  table: z.string(),
  column: z.string(),
  total: z.number().int().min(0),
  byKey: z.record(z.string(), z.number().int().min(0)),
  unknown: z.number().int().min(0),
});

const ManifestFileSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('file'), path: z.string(), size: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  z.object({ type: z.literal('symlink'), path: z.string(), target: z.string() }),
]);

export const ManifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  createdAt: z.string(),
  platformVersion: z.string(),
  dialect: z.enum(['sqlite', 'postgres']),
  database: z.object({
    path: z.string(),
    size: z.number().int().min(0),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    /** PostgreSQL: the server's and pg_dump's versions. */
    serverVersion: z.string().optional(),
    toolVersion: z.string().optional(),
  }),
  migrations: z.array(z.string()),
  tables: z.record(z.string(), z.number().int().min(0)),
  includesPublic: z.boolean(),
  files: z.array(ManifestFileSchema),
  /** Key metadata only: the key material is kept apart from backups (ADR 0009, ADR 0017). */
  keys: z.object({
    source: z.enum(['env', 'file']),
    currentKeyId: z.string(),
    keyIds: z.array(z.string()),
    hasIndexKey: z.boolean(),
    usage: z.array(KeyUsageSchema),
  }),
});

export type BackupManifest = z.infer<typeof ManifestSchema>;
export type ManifestFile = BackupManifest['files'][number];

/** Stable codes of backup and restore refusals. */
export const BACKUP_ERRORS = {
  pgDumpMissing: 'GK_ERR_BACKUP_PG_TOOL_MISSING',
  pgDumpTooOld: 'GK_ERR_BACKUP_PG_TOOL_TOO_OLD',
  pgToolFailed: 'GK_ERR_BACKUP_PG_TOOL_FAILED',
  noDatabase: 'GK_ERR_BACKUP_NO_DATABASE',
  archiveDamaged: 'GK_ERR_BACKUP_ARCHIVE_DAMAGED',
  archiveMismatch: 'GK_ERR_BACKUP_ARCHIVE_MISMATCH',
  dialectMismatch: 'GK_ERR_BACKUP_DIALECT_MISMATCH',
  newerSchema: 'GK_ERR_BACKUP_NEWER_SCHEMA',
  targetNotEmpty: 'GK_ERR_BACKUP_TARGET_NOT_EMPTY',
  keysMissing: 'GK_ERR_BACKUP_KEYS_MISSING',
  countsMismatch: 'GK_ERR_BACKUP_COUNTS_MISMATCH',
  auditChainBroken: 'GK_ERR_BACKUP_AUDIT_CHAIN_BROKEN',
} as const;

export type BackupErrorCode = (typeof BACKUP_ERRORS)[keyof typeof BACKUP_ERRORS];

/** A refusal of backup or restore: an AppError whose message ends with its code, for operators to quote. */
export function backupError(code: BackupErrorCode, status: number, message: string, details?: Record<string, unknown>): AppError {
  return new AppError(code, status, `${message}（${code}）`, [], details);
}

/** Parses and checks the manifest's text; a bad manifest is a damaged archive. */
export function parseManifest(text: string): BackupManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw backupError(BACKUP_ERRORS.archiveDamaged, 422, '备份清单不是有效的 JSON');
  }
  const parsed = ManifestSchema.safeParse(json);
  if (!parsed.success) {
    const format = (json as { format?: unknown; formatVersion?: unknown } | null) ?? {};
    if (format.format === BACKUP_FORMAT && format.formatVersion !== BACKUP_FORMAT_VERSION)
      throw backupError(
        BACKUP_ERRORS.newerSchema,
        409,
        `备份格式版本 ${String(format.formatVersion)} 不是本版本平台能读取的版本 ${BACKUP_FORMAT_VERSION}`,
      );
    throw backupError(BACKUP_ERRORS.archiveDamaged, 422, '备份清单内容不完整或格式不符');
  }
  return parsed.data;
}

/** Refuses an archive path that could leave the folder it is extracted into. */
export function safeArchivePath(p: string): boolean {
  if (p === '' || p.startsWith('/') || p.includes('\\') || p.includes('\0')) return false;
  return p.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}
