/**
 * 监管驾驶舱: what the city supervision office watches, in one read — pass rate and average score
 * over the latest spot checks, the latest by county with its lowest sites, every site's open
 * findings by kind, overdue publications, letters and disclosure requests, emergency
 * publications awaiting their retrospective review, rectification, and the sites still outside
 * the platform. Each figure comes from its room's own door.
 */
import type { DashboardBatch, SupervisionDashboard } from '../../../common/schemas/evaluation.ts';
import { deadlineBoard, emergencyAwaitingReview } from '../../content/index.ts';
import { overdueRequests } from '../../disclosure/index.ts';
import { overdueLetters } from '../../interaction/index.ts';
import { openFindingCounts } from '../../monitoring/index.ts';
import { requirePermission } from '../../platform/access.ts';
import type { Actor } from '../../platform/actor.ts';
import { beijingToday } from '../../platform/clock.ts';
import type { Deps } from '../../platform/deps.ts';
import { batches, evaluationRefs, results, tasks } from '../evaluation.repository.ts';
import { getBatch } from './batches.ts';
import { round2 } from '../rules/indicator-system.ts';

const TREND = 8;
const LOWEST = 10;

export async function supervisionDashboard(deps: Deps, actor: Actor): Promise<SupervisionDashboard> {
  requirePermission(actor, 'evaluation.manage');
  const db = deps.db.kysely;
  const asOf = beijingToday(deps.clock);
  const done = (await batches.list(db))
    .filter((b) => b.state === 'done')
    .sort(
      (a, b) =>
        (a.finished_at ?? '').localeCompare(b.finished_at ?? '') || a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id),
    )
    .slice(-TREND);
  const trend: DashboardBatch[] = await Promise.all(
    done.map(async (b) => {
      const rows = (await results.ofBatch(db, b.id)).filter((r) => r.state === 'scored');
      const pass = rows.filter((r) => r.verdict === 'pass').length;
      const scores = rows.filter((r) => r.score_cents !== null).map((r) => r.score_cents! / 100);
      return {
        batchId: b.id,
        name: b.name,
        period: b.period,
        sites: b.sites,
        scored: rows.length,
        pass,
        passRate: rows.length ? round2((100 * pass) / rows.length) : null,
        averageScore: scores.length ? round2(scores.reduce((n, s) => n + s, 0) / scores.length) : null,
      };
    }),
  );
  const last = done.at(-1);
  const detail = last ? await getBatch(deps, actor, last.id) : null;

  const [findingCounts, board, letters, requests, emergencies, overdueTasks, openTasks, external] = await Promise.all([
    openFindingCounts(deps, actor),
    deadlineBoard(deps, actor),
    overdueLetters(deps, actor, {}),
    overdueRequests(deps, actor),
    emergencyAwaitingReview(deps, actor),
    tasks.count(db, { scope: 'all', overdueOn: asOf }),
    Promise.all((['open', 'reported', 'dismissalRequested'] as const).map((state) => tasks.count(db, { scope: 'all', state }))),
    evaluationRefs.externalSites(db),
  ]);
  const byKind = new Map<string, SupervisionDashboard['findings'][number]>();
  for (const c of findingCounts) {
    const row = byKind.get(c.kind) ?? { kind: c.kind, veto: 0, deduction: 0, info: 0 };
    row[c.severity] += c.n;
    byKind.set(c.kind, row);
  }
  return {
    asOf,
    trend,
    latest: detail
      ? {
          batchId: detail.batch.id,
          name: detail.batch.name,
          period: detail.batch.period,
          byCounty: detail.byCounty,
          lowest: detail.results
            .filter((r) => r.rank !== null)
            .slice(-LOWEST)
            .reverse()
            .map((r) => ({ siteId: r.siteId, siteName: r.siteName, score: r.score, verdict: r.verdict, vetoes: r.vetoes.length })),
        }
      : null,
    findings: [...byKind.values()].sort((a, b) => b.veto + b.deduction + b.info - (a.veto + a.deduction + a.info)),
    overduePublications: board.overdue.length,
    letters: { overdue: letters.filter((l) => l.dueLevel === 'overdue').length, vetoRisk: letters.filter((l) => l.vetoRisk).length },
    disclosureRequests: {
      overdue: requests.items.filter((r) => r.level === 'overdue').length,
      warning: requests.items.filter((r) => r.level === 'warning').length,
    },
    emergencies: { awaiting: emergencies.length, overdue: emergencies.filter((e) => e.overdue).length },
    rectification: { open: openTasks.reduce((n, x) => n + x, 0), overdue: overdueTasks },
    outside: external.map((s) => ({ siteId: s.id, name: s.name, baseUrl: s.base_url })),
  };
}
