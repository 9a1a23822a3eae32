/**
 * A letter's attachments, owned by the interaction room: scans of ID cards, photos and documents
 * a citizen sends with a letter are personal data, so they are kept apart from the content
 * room's public file store, encrypted like the writer's name and phone (ADR 0009), and written
 * in the letter's own transaction.
 *
 * `name` is the SM4 token of the original file name; `data` the SM4 token of the bytes in base64
 * (tokens hold text). `sha256` is of the plaintext bytes, checked again on download; `seq` keeps
 * the order the writer chose. Both token columns are listed in ENCRYPTED_TABLES, so key status,
 * re-encryption and `keys retire` cover them.
 */
import type { Kysely } from 'kysely';

const id = 'varchar(40)';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('letter_attachments')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('letter_id', id, (c) => c.notNull().references('letters.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mime', 'varchar(100)', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('letter_attachments_seq', ['letter_id', 'seq'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('letter_attachments').execute();
}
