/** Dictionaries for the checks: sensitive words, common errors, leaders' current titles — platform-wide or per site. */
import { randomUUID } from 'node:crypto';
import { DictionaryEntrySchema, type DictionaryEntry } from '../../../common/schemas/content.ts';
import { recordAudit } from '../../audit/index.ts';
import { requirePermission } from '../../platform/access.ts';
import type { Actor } from '../../platform/actor.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { Errors } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validation.ts';
import { dictionaries } from '../content.repository.ts';

const requireDictionaryAccess = (actor: Actor, scope: string) =>
  scope === '*' ? requirePermission(actor, 'sites.manage') : requirePermission(actor, 'sites.edit', scope);

// The response type is shared with the admin (common/), so the two cannot drift apart.
export type { DictionaryEntry };

/** Adds an entry; the same word twice in one scope and kind is refused. */
export async function addDictionaryEntry(deps: Deps, actor: Actor, input: unknown): Promise<DictionaryEntry> {
  const d = parseInput(DictionaryEntrySchema, input);
  requireDictionaryAccess(actor, d.scope);
  const { scope, kind, word, ...extraFields } = d;
  const extra = Object.fromEntries(Object.entries(extraFields).filter(([, v]) => v !== undefined)) as Record<string, string>;
  return inTransaction(deps.db, async (tx) => {
    if (await dictionaries.exists(tx.trx, scope, kind, word))
      throw Errors.conflict(`“${word}”已在词库中`, [{ field: 'word', message: '已在词库中' }]);
    const row = {
      id: randomUUID(),
      scope,
      kind,
      word,
      extra: JSON.stringify(extra),
      created_by: actor.id,
      created_at: deps.clock.now().toISOString(),
    };
    await dictionaries.insert(tx.trx, row);
    await recordAudit(tx, deps.clock, actor, {
      action: 'content.dictionary.add',
      targetType: 'dictionary',
      targetId: row.id,
      siteId: scope === '*' ? null : scope,
      details: { kind, word, extra },
    });
    return { id: row.id, scope, kind, word, extra, createdAt: row.created_at };
  });
}

/** Removes an entry (the audit log keeps what it was). */
export async function removeDictionaryEntry(deps: Deps, actor: Actor, id: string): Promise<void> {
  await inTransaction(deps.db, async (tx) => {
    const row = await dictionaries.byId(tx.trx, id);
    if (!row) throw Errors.notFound('词条不存在');
    requireDictionaryAccess(actor, row.scope);
    await dictionaries.remove(tx.trx, id);
    await recordAudit(tx, deps.clock, actor, {
      action: 'content.dictionary.remove',
      targetType: 'dictionary',
      targetId: id,
      siteId: row.scope === '*' ? null : row.scope,
      details: { kind: row.kind, word: row.word },
    });
  });
}

/** Entries of one scope ('*' for platform-wide). Anyone who works on content may read them. */
export async function listDictionary(deps: Deps, actor: Actor, scope: string, kind?: string): Promise<DictionaryEntry[]> {
  if (scope !== '*') requirePermission(actor, 'columns.read', scope);
  return (await dictionaries.list(deps.db.kysely, scope, kind)).map((r) => ({
    id: r.id,
    scope: r.scope,
    kind: r.kind,
    word: r.word,
    extra: JSON.parse(r.extra) as Record<string, string>,
    createdAt: r.created_at,
  }));
}
