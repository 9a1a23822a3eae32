/** Platform settings: small JSON values by key, changed by commands (which audit the change). */
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

export async function readSetting(db: Kysely<Database>, key: string): Promise<string | undefined> {
  return (await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value;
}

export async function writeSetting(db: Kysely<Database>, key: string, value: string, at: string, by: string | null): Promise<void> {
  const exists = await db.selectFrom('settings').select('key').where('key', '=', key).executeTakeFirst();
  if (exists) await db.updateTable('settings').set({ value, updated_at: at, updated_by: by }).where('key', '=', key).execute();
  else await db.insertInto('settings').values({ key, value, updated_at: at, updated_by: by }).execute();
}

/** Several settings at once: the values of the keys that are set. */
export async function readSettings(db: Kysely<Database>, keys: readonly string[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const rows = await db
    .selectFrom('settings')
    .select(['key', 'value'])
    .where('key', 'in', [...keys])
    .execute();
  return new Map(rows.map((r) => [r.key, r.value]));
}
