/** What a site had published, per column, at the end of a day: for the monitoring room's exact checks of hosted sites. */
import type { Deps } from '../../platform/deps.ts';
import { liveArticles } from '../content.repository.ts';
import { endOfBeijingDay } from '../rules/deadlines.ts';

export interface ColumnPublications {
  columnId: string;
  /** Articles public at the end of the day. */
  live: number;
  /** When the newest of them was published (its latest publication by then), UTC ISO. */
  newestAt: string;
}

/**
 * Per column of a site, the articles that were public at the end of Beijing day `asOf`
 * (YYYY-MM-DD) and the newest publication among them. Columns without any are left out.
 * No access check: callers check their own permission on the site.
 */
export async function columnPublications(deps: Deps, siteId: string, asOf: string): Promise<ColumnPublications[]> {
  const rows = await liveArticles.byColumn(deps.db.kysely, siteId, endOfBeijingDay(asOf));
  return rows.map((r) => {
    const dates = [r.newest_published, r.newest_first].filter((d): d is string => !!d).sort();
    return { columnId: r.column_id, live: Number(r.live), newestAt: dates.at(-1)! };
  });
}
