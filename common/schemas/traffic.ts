/** Visits of the hosted sites from their access logs (网站访问量), as the API returns them. */
import { z } from 'zod';

/** `GET /api/traffic/sites/:siteId/:year`. */
export const SiteTrafficParamsSchema = z.strictObject({
  siteId: z.string().min(1).max(40),
  year: z.coerce.number().int().min(2000).max(2100),
});

/** A site's figures for a calendar year (Beijing days). */
export interface SiteTrafficYear {
  /** 网站总访问量 (次): page views by people. */
  pageViews: number;
  /** 独立用户访问总量 (个): distinct visitors (address and browser) in the year. */
  uniqueVisitors: number;
  /** Days with page views in the logs. */
  days: number;
  /** The first and last of those days (`YYYY-MM-DD`), null without any. */
  firstDay: string | null;
  lastDay: string | null;
}

export interface SiteTrafficView extends SiteTrafficYear {
  siteId: string;
  year: number;
  /** Page views per day with any, in order. */
  daily: { day: string; pageViews: number }[];
}
