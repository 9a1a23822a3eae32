/**
 * Files a citizen sends with a letter: scans of ID cards, photos, documents, so personal data.
 * The interaction room keeps them itself, never in the content room's file store (which is
 * public-ish and audits file names): the name and the bytes are SM4 tokens (ADR 0009; the bytes
 * in base64, since a token holds text), written in the letter's own transaction. Only those who
 * may read the letter see the names or download a file, and each download is audited, without
 * the name.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { LetterDetail } from '../../../common/schemas/interaction.ts';
import { recordAudit } from '../../audit/index.ts';
import type { Actor } from '../../platform/actor.ts';
import { dataKeyring } from '../../platform/data-keys.ts';
import type { LetterAttachmentTable } from '../../platform/db/schema.ts';
import { inTransaction, type Tx } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { Errors } from '../../platform/errors.ts';
import { decryptPersonal, encryptPersonal, type DataKeyring } from '../../platform/personal-data.ts';
import { letterAttachments } from '../interaction.repository.ts';
import { LETTER_FILE_MAX_BYTES, LETTER_FILES_MAX } from '../render/letter-pages.ts';
import { readableLetter, worksOnLetter } from './letter-handling.ts';

/** A file sent with a letter, as the form checked it (type sniffed from the bytes). */
export interface LetterAttachment {
  /** The original name, without folders. */
  name: string;
  mime: string;
  bytes: Buffer;
}

/** The types a letter's attachment may have, by extension (the public form checks the bytes against them). */
export const LETTER_FILE_MIMES: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};
const MIMES = new Set(Object.values(LETTER_FILE_MIMES));

/** Attachments encrypted and ready to insert with their letter. */
export interface SealedAttachments {
  rows: Omit<LetterAttachmentTable, 'letter_id' | 'created_at'>[];
  count: number;
  totalBytes: number;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * Checks and encrypts a letter's attachments; done before the letter's transaction opens, so the
 * database's write lock is not held while megabytes are encrypted.
 */
export function sealAttachments(ring: DataKeyring, files: readonly LetterAttachment[]): SealedAttachments {
  if (files.length > LETTER_FILES_MAX) throw refused(`最多上传 ${LETTER_FILES_MAX} 个附件`);
  for (const f of files) {
    if (f.name.trim() === '' || f.name.length > 100) throw refused('附件文件名不能为空，也不能超过 100 个字符');
    if (!MIMES.has(f.mime)) throw refused('只能上传 PDF、JPG、PNG、DOCX 文件');
    if (f.bytes.length === 0 || f.bytes.length > LETTER_FILE_MAX_BYTES) throw refused('附件不能是空文件，也不能超过 5 MB');
  }
  return {
    rows: files.map((f, i) => ({
      id: randomUUID(),
      seq: i + 1,
      name: encryptPersonal(ring, f.name),
      mime: f.mime,
      size: f.bytes.length,
      sha256: sha256(f.bytes),
      data: encryptPersonal(ring, f.bytes.toString('base64')),
    })),
    count: files.length,
    totalBytes: files.reduce((n, f) => n + f.bytes.length, 0),
  };
}

const refused = (message: string) => Errors.validation(message, [{ field: 'attachments', message }]);

/** Inserts the sealed attachments of a letter (in the letter's transaction). */
export async function storeAttachments(tx: Tx, letterId: string, sealed: SealedAttachments, now: string): Promise<void> {
  await letterAttachments.insert(
    tx.trx,
    sealed.rows.map((r) => ({ ...r, letter_id: letterId, created_at: now })),
  );
}

/** What the letter row's `attachments` column keeps: ids, sizes and types, no names. */
export function attachmentSummary(sealed: SealedAttachments): string {
  return JSON.stringify(sealed.rows.map((r) => ({ id: r.id, size: r.size, mime: r.mime })));
}

/** A letter's attachments with their names opened, for those who may read the letter. */
export async function attachmentViews(deps: Deps, letterId: string): Promise<LetterDetail['attachments']> {
  const ring = dataKeyring(deps.config);
  const rows = await letterAttachments.ofLetter(deps.db.kysely, letterId);
  return rows.map((r) => ({ id: r.id, name: decryptPersonal(ring, r.name), size: r.size, mime: r.mime }));
}

/**
 * One attachment of a letter, decrypted and checked against its hash, for someone who may read
 * the letter as one of its offices (not supervisors); the download is audited, without the file's name.
 */
export async function downloadLetterAttachment(
  deps: Deps,
  actor: Actor,
  letterId: string,
  attachmentId: string,
): Promise<{ name: string; mime: string; bytes: Buffer }> {
  const { row, sites } = await readableLetter(deps, actor, letterId);
  // Scans of ID cards and the like: for the offices working on the letter, not for supervisors reading it.
  if (!worksOnLetter(actor, row, sites)) throw Errors.forbidden();
  const a = await letterAttachments.ofLetterById(deps.db.kysely, row.id, attachmentId);
  if (!a) throw Errors.notFound('附件不存在');
  const ring = dataKeyring(deps.config);
  const bytes = Buffer.from(decryptPersonal(ring, a.data), 'base64');
  // The token is authenticated; this also catches a token moved over from another row.
  if (bytes.length !== a.size || sha256(bytes) !== a.sha256) throw new Error(`letter attachment ${a.id}: bytes do not match their hash`);
  const name = decryptPersonal(ring, a.name);
  await inTransaction(deps.db, (tx) =>
    recordAudit(tx, deps.clock, actor, {
      action: 'interaction.letter.attachment.download',
      targetType: 'letter',
      targetId: row.id,
      siteId: row.site_id,
      details: { attachmentId: a.id, seq: a.seq, size: a.size, mime: a.mime },
    }),
  );
  return { name, mime: a.mime, bytes };
}
