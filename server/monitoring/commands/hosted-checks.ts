/**
 * The exact checks of sites hosted on the platform (source `database`): the columns, articles,
 * letters and service items each room keeps are read through the rooms' doors and judged by
 * rules/hosted-site.ts as of a day. Nightly as the job monitoring.checkHosted, each active hosted
 * site's findings recorded so they open, stay and resolve from one night to the next (record-run.ts).
 */
import { isExistingDate } from '../../../common/dates.ts';
import type { Finding } from '../../../common/schemas/monitoring.ts';
import { columnPublications } from '../../content/index.ts';
import { getGuideSettings, publishedServiceCatalogue, servicePagePath } from '../../guides/index.ts';
import { openLettersOfSite } from '../../interaction/index.ts';
import { requirePermission } from '../../platform/access.ts';
import type { Actor } from '../../platform/actor.ts';
import { beijingToday } from '../../platform/clock.ts';
import type { Deps } from '../../platform/deps.ts';
import { Errors } from '../../platform/errors.ts';
import { siteColumns } from '../../sites/index.ts';
import { monitoringRefs } from '../monitoring.repository.ts';
import { DEFAULT_FRESHNESS } from '../rules/freshness.ts';
import { hostedSiteRoot, judgeHostedSite } from '../rules/hosted-site.ts';
import { recordRun } from './record-run.ts';

/**
 * The findings of one hosted site as of `asOf` (YYYY-MM-DD, Beijing): stale, empty columns and
 * home page, unanswered letters, incomplete guides. Stores nothing.
 */
export async function checkHostedSite(deps: Deps, siteId: string, asOf: string): Promise<Finding[]> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || !isExistingDate(asOf))
    throw Errors.validation('检查日期应为 YYYY-MM-DD', [{ field: 'asOf', message: '日期格式应为 YYYY-MM-DD' }]);
  const site = await monitoringRefs.site(deps.db.kysely, siteId);
  if (!site) throw Errors.notFound('网站不存在');
  if (site.hosting !== 'hosted') throw Errors.conflict('只有平台托管的网站可以按平台数据检查，外部网站请用抓取检查');
  const [columns, publications, letters, catalogue, guideSettings] = await Promise.all([
    siteColumns(deps, siteId),
    columnPublications(deps, siteId, asOf),
    openLettersOfSite(deps, siteId, asOf),
    publishedServiceCatalogue(deps, siteId),
    getGuideSettings(deps),
  ]);
  return judgeHostedSite(
    {
      asOf,
      root: hostedSiteRoot({ domains: JSON.parse(site.domains) as string[], baseUrl: site.base_url }),
      columns,
      content: new Map(publications.map((p) => [p.columnId, { live: p.live, newestAt: p.newestAt }])),
      letters,
      services: catalogue.items.map((i) => ({ code: i.code, path: servicePagePath(i.code), guide: i.guide })),
      requiredElements: guideSettings.requiredElements,
    },
    DEFAULT_FRESHNESS,
  );
}

export interface HostedChecksSummary {
  /** Active hosted sites asked for. */
  sites: number;
  checked: number;
  /** Sites whose check failed (recorded as a failed run, which changes no finding). */
  failed: number;
  findings: number;
  vetoes: number;
}

/**
 * Checks every active hosted site (or those of `siteIds` among them) as of `asOf` (default: today,
 * Beijing) and records each site's findings as a `database` run. A site whose check fails is
 * recorded as a failed run and the others go on.
 */
export async function checkHostedSites(
  deps: Deps,
  actor: Actor,
  opts: { siteIds?: string[]; asOf?: string; signal?: AbortSignal } = {},
): Promise<HostedChecksSummary> {
  requirePermission(actor, 'system.jobs');
  const db = deps.db.kysely;
  const asOf = opts.asOf ?? beijingToday(deps.clock);
  const summary: HostedChecksSummary = { sites: 0, checked: 0, failed: 0, findings: 0, vetoes: 0 };
  for (const open of await monitoringRefs.openSites(db, opts.siteIds)) {
    if (opts.signal?.aborted) break;
    const site = await monitoringRefs.site(db, open.id);
    if (site?.hosting !== 'hosted' || site.status !== 'active') continue;
    summary.sites++;
    const startedAt = deps.clock.now().toISOString();
    let findings: Finding[];
    try {
      findings = await checkHostedSite(deps, site.id, asOf);
    } catch (e) {
      summary.failed++;
      deps.logger.error({ err: e, siteId: site.id }, 'hosted site check failed');
      await recordRun(deps, actor, { siteId: site.id, source: 'database', asOf, startedAt, error: '平台数据检查失败，详见运行日志' });
      continue;
    }
    await recordRun(deps, actor, { siteId: site.id, source: 'database', asOf, startedAt, findings });
    summary.checked++;
    summary.findings += findings.length;
    summary.vetoes += findings.filter((f) => f.severity === 'veto').length;
  }
  return summary;
}
