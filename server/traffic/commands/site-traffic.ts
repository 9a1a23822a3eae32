/**
 * A site's visits in a year, as the annual website report (政府网站工作年度报表) reports them:
 * 网站总访问量 (page views) and 独立用户访问总量 (distinct visitors of the year).
 */
import type { SiteTrafficView, SiteTrafficYear } from '../../../common/schemas/traffic.ts';
import type { Actor } from '../../platform/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { getSite } from '../../sites/index.ts';
import { traffic } from '../traffic.repository.ts';

const range = (year: number) => ({ from: `${year}-01-01`, to: `${year}-12-31` });

/**
 * Page views and distinct visitors of a site in a calendar year (Beijing days), with the days
 * the logs had page views for. No access check: the caller (a report, a route) has done it.
 */
export async function siteTraffic(deps: Deps, siteId: string, year: number): Promise<SiteTrafficYear> {
  const db = deps.db.kysely;
  const { from, to } = range(year);
  const [totals, uniqueVisitors] = await Promise.all([traffic.totals(db, siteId, from, to), traffic.visitors(db, siteId, year)]);
  return {
    pageViews: Number(totals.page_views),
    uniqueVisitors,
    days: Number(totals.days),
    firstDay: totals.first_day ?? null,
    lastDay: totals.last_day ?? null,
  };
}

/** The year's figures of a site with its page views day by day, for a reader of the site. */
export async function getSiteTraffic(deps: Deps, actor: Actor, siteId: string, year: number): Promise<SiteTrafficView> {
  // Refuses readers without 网站 read access to this site (403) and unknown sites (404).
  await getSite(deps, actor, siteId);
  const { from, to } = range(year);
  const [figures, daily] = await Promise.all([siteTraffic(deps, siteId, year), traffic.daily(deps.db.kysely, siteId, from, to)]);
  return { siteId, year, ...figures, daily: daily.map((d) => ({ day: d.day, pageViews: Number(d.page_views) })) };
}
