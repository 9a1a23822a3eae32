/** A site's columns for other rooms' checks (the monitoring room's exact checks of hosted sites). */
import type { Deps } from '../../platform/deps.ts';
import { columns } from '../sites.repository.ts';
import { presentColumn, type Column } from './columns.ts';

/** Every column of a site, closed ones too, in tree order (no access check: callers check their own permission on the site). */
export async function siteColumns(deps: Deps, siteId: string): Promise<Column[]> {
  return (await columns.ofSite(deps.db.kysely, siteId)).map(presentColumn);
}
