/**
 * Every column that holds personal-data tokens (ADR 0009), declared once for all rooms, and the
 * SQL the key tooling runs over any of them: tokens counted by key, rows still holding a token
 * under another key selected in batches, and those tokens replaced. The key status, re-encryption
 * and `keys retire` read only this list, so a room adding an encrypted column adds it here, or
 * its tokens would be neither counted nor moved and their key could be retired under them.
 *
 * A token's key is its `v1.<keyId>.` header, compared with substr, alike on SQLite and
 * PostgreSQL (LIKE would read the `_` allowed in key ids as a wildcard); nothing is decrypted.
 * A NULL is no token: it is neither counted nor selected.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from './schema.ts';

type TableName = keyof Database & string;
/** The columns of a table that can hold text, so can hold a token. */
type TextColumn<T extends TableName> = {
  [C in keyof Database[T]]: Database[T][C] extends string | null ? C : never;
}[keyof Database[T]] &
  string;

/** One table's encrypted columns, and the column its rows are told apart and ordered by. */
export interface EncryptedTable<T extends string = string, C extends string = string> {
  readonly table: T;
  readonly idColumn: string;
  readonly columns: readonly C[];
  /** At most this many rows per re-encryption batch, for tables whose tokens are large (files). */
  readonly maxBatchRows?: number;
}

/** An entry of the list, its table and columns checked against the schema at compile time. */
function encryptedTable<T extends TableName, const C extends TextColumn<T>>(
  table: T,
  idColumn: TextColumn<T>,
  columns: readonly C[],
  opts: { maxBatchRows?: number } = {},
): EncryptedTable<T, C> {
  return Object.freeze({ table, idColumn, columns: Object.freeze([...columns]), ...opts });
}

export const ENCRYPTED_TABLES = [
  // disclosure: 依申请公开 applicants. id_blind is no token (keyed by the index key, which stays).
  encryptedTable('disclosure_requests', 'id', ['applicant_name', 'id_number', 'phone', 'address', 'email']),
  // interaction: letter writers (writer_email optional; writer_phone_blind is no token) and the
  // optional name and phone of a survey opinion.
  encryptedTable('letters', 'id', ['writer_name', 'writer_phone', 'writer_email']),
  encryptedTable('survey_opinions', 'id', ['writer_name', 'writer_phone']),
  // interaction: files sent with a letter, name and bytes. A token of a 5 MB file is ~9 MB of
  // text, so a re-encryption batch reads a few rows, not 500 (memory, transaction length).
  encryptedTable('letter_attachments', 'id', ['name', 'data'], { maxBatchRows: 8 }),
] as const;

export type EncryptedTableName = (typeof ENCRYPTED_TABLES)[number]['table'];
export type EncryptedColumnName = (typeof ENCRYPTED_TABLES)[number]['columns'][number];

/** A row holding a token under another key: its id and its encrypted columns' values. */
export interface TokenRow {
  id: string;
  tokens: Record<string, string | null>;
}

// The statements below name their table and columns from an entry, not from literals; this view
// of the database lets Kysely build them (the entries themselves are checked against Database).
type TokenDb = Record<string, Record<string, string | null>>;
const tokenDb = (db: Kysely<Database>) => db as unknown as Kysely<TokenDb>;

const tokenStartsWith = (column: string, prefix: string): RawBuilder<boolean> =>
  sql<boolean>`substr(${sql.ref(column)}, 1, ${sql.lit(prefix.length)}) = ${prefix}`;
const tokenOutside = (column: string, prefix: string): RawBuilder<boolean> =>
  sql<boolean>`(${sql.ref(column)} is not null and substr(${sql.ref(column)}, 1, ${sql.lit(prefix.length)}) <> ${prefix})`;
const anyTokenOutside = (t: EncryptedTable, prefix: string): RawBuilder<boolean> =>
  sql<boolean>`(${sql.join(
    t.columns.map((c) => tokenOutside(c, prefix)),
    sql` or `,
  )})`;

export const encryptedTokens = {
  /** Per encrypted column of the table: how many values it holds, and how many start with each prefix. */
  usage: async <C extends string>(db: Kysely<Database>, t: EncryptedTable<string, C>, prefixes: readonly string[]) => {
    const row: Record<string, unknown> = await tokenDb(db)
      .selectFrom(t.table)
      .select((eb) =>
        t.columns.flatMap((column, c) => [
          eb.fn.count<number | string>(eb.ref(column)).as(`c${c}`),
          ...prefixes.map((p, i) => eb.fn.count<number | string>(sql`case when ${tokenStartsWith(column, p)} then 1 end`).as(`c${c}p${i}`)),
        ]),
      )
      .executeTakeFirstOrThrow();
    return t.columns.map((column, c) => ({
      column,
      total: Number(row[`c${c}`] ?? 0),
      byPrefix: prefixes.map((_, i) => Number(row[`c${c}p${i}`] ?? 0)),
    }));
  },
  /** How many rows of the table hold a token not starting with `prefix` (the current key's header). */
  staleCount: async (db: Kysely<Database>, t: EncryptedTable, prefix: string): Promise<number> =>
    Number(
      (
        await tokenDb(db)
          .selectFrom(t.table)
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .where(anyTokenOutside(t, prefix))
          .executeTakeFirst()
      )?.n ?? 0,
    ),
  /** The next `limit` rows after `afterId` (by id) holding a token not starting with `prefix`. */
  staleBatch: async (
    db: Kysely<Database>,
    t: EncryptedTable,
    prefix: string,
    afterId: string | null,
    limit: number,
  ): Promise<TokenRow[]> => {
    let q = tokenDb(db)
      .selectFrom(t.table)
      .select((eb) => [eb.ref(t.idColumn).as('row_id'), ...t.columns.map((column, c) => eb.ref(column).as(`c${c}`))])
      .where(anyTokenOutside(t, prefix));
    if (afterId !== null) q = q.where(t.idColumn, '>', afterId);
    const rows: Record<string, string | null>[] = await q.orderBy(t.idColumn).limit(limit).execute();
    return rows.map((r) => ({
      id: String(r.row_id),
      tokens: Object.fromEntries(t.columns.map((column, c) => [column, r[`c${c}`] ?? null])),
    }));
  },
  /** Replaces a row's tokens only where they still hold `before` (0 rows: changed meanwhile). */
  replace: async (
    db: Kysely<Database>,
    t: EncryptedTable,
    id: string,
    before: Record<string, string>,
    after: Record<string, string>,
  ): Promise<number> => {
    let q = tokenDb(db).updateTable(t.table).set(after).where(t.idColumn, '=', id);
    for (const [column, token] of Object.entries(before)) q = q.where(column, '=', token);
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows);
  },
};
