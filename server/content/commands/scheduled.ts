/** Scheduled articles whose time has come. */
import type { Deps } from '../../platform/deps.ts';
import { articles } from '../content.repository.ts';

export async function scheduledDue(deps: Deps): Promise<string[]> {
  return (await articles.scheduledDue(deps.db.kysely, deps.clock.now().toISOString())).map((a) => a.id);
}
