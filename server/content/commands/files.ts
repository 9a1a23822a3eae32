/**
 * Attachments and images: type sniffed from the bytes, stored once by SHA-256 under the data
 * folder (written to a temporary file, then renamed, so a crash never leaves half a file).
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { recordAudit } from '../../audit/index.ts';
import type { Permission } from '../../../common/permissions.ts';
import { requirePermission } from '../../platform/access.ts';
import type { Actor } from '../../platform/actor.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { Errors } from '../../platform/errors.ts';
import type { UploadedFile } from '../../../common/schemas/content.ts';
import { storedFilePath } from '../../platform/stored-files.ts';
import { files } from '../content.repository.ts';
import { judgeFile } from '../rules/file-types.ts';

// What an upload answers; the shape is shared with the admin (common/).
export type StoredFile = UploadedFile;

/** OFD is a ZIP whose root holds OFD.xml; file-type only says "zip". */
function looksLikeOfd(bytes: Buffer): boolean {
  return bytes.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1')) && bytes.includes(Buffer.from('OFD.xml'));
}

async function sniff(bytes: Buffer): Promise<string | null> {
  const t = await fileTypeFromBuffer(bytes);
  if (t?.mime === 'application/zip' && looksLikeOfd(bytes)) return 'application/ofd';
  return t?.mime ?? null;
}

/**
 * Stores an uploaded file for use on a site's pages; the same bytes are stored once. Articles'
 * authors upload attachments; other rooms pass the permission their own uploads need (the
 * guides room: blank forms and samples of service materials).
 */
export async function storeFile(
  deps: Deps,
  actor: Actor,
  input: { siteId: string; filename: string; bytes: Buffer },
  permission: Permission = 'content.author',
): Promise<StoredFile> {
  requirePermission(actor, permission, input.siteId);
  const verdict = judgeFile(input.filename, await sniff(input.bytes), input.bytes.length);
  if (!verdict.ok) throw Errors.validation(verdict.message, [{ field: 'file', message: verdict.message }]);
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const target = storedFilePath(deps.config.dataDir, sha256);
  await fs.mkdir(path.dirname(target), { recursive: true });
  const tmp = `${target}.${randomUUID()}.tmp`;
  await fs.writeFile(tmp, input.bytes, { flag: 'wx' });
  await fs.rename(tmp, target);
  return inTransaction(deps.db, async (tx) => {
    const existing = await files.bySha(tx.trx, sha256);
    const id = existing?.id ?? randomUUID();
    if (!existing) {
      await files.insert(tx.trx, {
        id,
        sha256,
        size: input.bytes.length,
        mime: verdict.mime,
        ext: verdict.ext,
        created_by: actor.id,
        created_at: deps.clock.now().toISOString(),
      });
    }
    await recordAudit(tx, deps.clock, actor, {
      action: 'content.file.upload',
      targetType: 'file',
      targetId: id,
      siteId: input.siteId,
      details: { name: input.filename, size: input.bytes.length, sha256 },
    });
    return { fileId: id, name: input.filename, size: input.bytes.length, mime: verdict.mime, image: verdict.image };
  });
}

/** The stored bytes' location and type, for download. */
export async function fileForDownload(deps: Deps, fileId: string): Promise<{ path: string; mime: string; ext: string } | null> {
  const row = await files.byId(deps.db.kysely, fileId);
  return row ? { path: storedFilePath(deps.config.dataDir, row.sha256), mime: row.mime, ext: row.ext } : null;
}
