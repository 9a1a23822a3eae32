/**
 * The daily consolidation check (集约化, docs/consolidation.md): the rules a site still breaks
 * (a second running site of its org, a county department's or a township's site, a closing site
 * past its notice, a passed migrate/close-by deadline) recorded as `consolidation` findings of
 * severity `info`, one per rule, in a run of the `consolidation` source; a rule no longer broken
 * is resolved by the next run.
 */
import type { Finding } from '../../../common/schemas/monitoring.ts';
import { requirePermission } from '../../platform/access.ts';
import type { Actor } from '../../platform/actor.ts';
import { beijingToday } from '../../platform/clock.ts';
import type { Deps } from '../../platform/deps.ts';
import { consolidationFindings } from '../../sites/index.ts';
import { monitoringRefs } from '../monitoring.repository.ts';
import { hostedSiteRoot } from '../rules/hosted-site.ts';
import { recordRun } from './record-run.ts';

export interface ConsolidationCheckSummary {
  checked: number;
  findings: number;
}

/** Records a consolidation run for every site that breaks a rule now or had an open consolidation finding. */
export async function checkConsolidation(deps: Deps, actor: Actor): Promise<ConsolidationCheckSummary> {
  requirePermission(actor, 'system.jobs');
  const asOf = beijingToday(deps.clock);
  const startedAt = deps.clock.now().toISOString();
  const problems = await consolidationFindings(deps, asOf);
  const ids = new Set([...problems.keys(), ...(await monitoringRefs.sitesWithOpenFindings(deps.db.kysely, 'consolidation'))]);
  const summary: ConsolidationCheckSummary = { checked: 0, findings: 0 };
  for (const siteId of ids) {
    const site = await monitoringRefs.site(deps.db.kysely, siteId);
    if (!site) continue;
    const url = hostedSiteRoot({ domains: JSON.parse(site.domains) as string[], baseUrl: site.base_url }) ?? `site:${siteId}`;
    const findings: Finding[] = (problems.get(siteId) ?? []).map((p) => ({
      kind: 'consolidation',
      severity: 'info',
      url,
      element: p.rule,
      detail: p.detail,
      rule: p.rule,
    }));
    await recordRun(deps, actor, { siteId, source: 'consolidation', asOf, startedAt, findings });
    summary.checked++;
    summary.findings += findings.length;
  }
  return summary;
}
