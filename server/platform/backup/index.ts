/** Backup and restore of the whole platform: database snapshot, stored files, key metadata (ADR 0017). */
export { createBackup, platformVersion, type BackupOptions, type BackupSummary } from './create-backup.ts';
export { restoreBackup, type RestoreOptions, type RestoreSummary } from './restore-backup.ts';
export { BACKUP_ERRORS, parseManifest, type BackupManifest } from './manifest.ts';
