/** Due times from the type's rule, with working days from the official calendar. */
import type { Kysely } from 'kysely';
import type { ArticleType } from '../../../common/content.ts';
import { addWorkdays, loadCalendar } from '../../calendar/index.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { Deps } from '../../platform/deps.ts';
import { articles } from '../content.repository.ts';
import { computeDeadline, type Deadline } from '../rules/deadlines.ts';

/** The deadline of an article with this type and metadata (interpretations follow their policies). */
export async function deadlineFor(
  deps: Deps,
  db: Kysely<Database>,
  type: ArticleType,
  metadata: Record<string, unknown>,
): Promise<Deadline | null> {
  const cal = await loadCalendar(deps, db);
  let policyDueAt: string | null = null;
  const policyIds = Array.isArray(metadata.relatedPolicies) ? (metadata.relatedPolicies as string[]) : [];
  if (type === 'interpretation' && policyIds.length) {
    const policies = await articles.byIds(db, policyIds);
    // "No later than the policy": the policy's publication, or its own deadline while unpublished.
    const times = policies.map((p) => p.first_published_at ?? p.due_at).filter((t): t is string => t !== null);
    policyDueAt = times.sort()[0] ?? null;
  }
  return computeDeadline({ type, metadata, policyDueAt }, (date, n) => addWorkdays(cal, date, n).date);
}
