/**
 * Letters seen from above: the warning ladder run over every open letter (each step announced
 * once, in the letter's history; past the deadline the supervising org — the handling org's
 * parent — is told and then sees the letter in its overdue list), the overdue lists per org,
 * the supervision view (open, overdue and veto-risk letters by org), and the year's figures for
 * the 政府网站工作年度报表 (互动交流: 留言办理 and 征集调查).
 */
import { OPEN_LETTER_STATES, type DueLevel, type InteractionStatistics, type LetterSummary } from '../../../common/schemas/interaction.ts';
import { recordAudit } from '../../audit/index.ts';
import { loadCalendar } from '../../calendar/index.ts';
import { can, requirePermission } from '../../platform/access.ts';
import type { Actor } from '../../platform/actor.ts';
import { beijingToday } from '../../platform/clock.ts';
import type { LetterRow } from '../../platform/db/schema.ts';
import { readSetting } from '../../platform/db/settings.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { Errors } from '../../platform/errors.ts';
import { letters, routing } from '../interaction.repository.ts';
import { isNewWarning, letterClock, parseLadder } from '../rules/deadlines.ts';
import { averageDaysToReply } from '../rules/statistics.ts';
import { LADDER_SETTING, summaries } from './letter-handling.ts';
import { appendEvent } from './letters.ts';

const URGENT: readonly DueLevel[] = ['warn80', 'overdue'];

async function openLetters(deps: Deps): Promise<LetterRow[]> {
  return letters.inStates(deps.db.kysely, OPEN_LETTER_STATES);
}

/**
 * Announces each open letter's new step on the ladder once: 办理预警 at the warning shares, and
 * past the deadline 超期督办 to the handling org's parent. Safe to run any number of times.
 */
export async function runLetterWarnings(deps: Deps, actor: Actor): Promise<{ warned: number; escalated: number }> {
  const [cal, ladder] = await Promise.all([loadCalendar(deps), readSetting(deps.db.kysely, LADDER_SETTING).then(parseLadder)]);
  const day = beijingToday(deps.clock);
  const clockOf = (row: LetterRow) =>
    letterClock(cal, { receivedOn: row.received_on, dueOn: row.due_on, replyDays: row.reply_days, consultative: false }, day, ladder);
  let warned = 0;
  let escalated = 0;
  for (const listed of await openLetters(deps)) {
    if (!isNewWarning(clockOf(listed).level, listed.warned_level)) continue;
    await inTransaction(deps.db, async (tx) => {
      // Read again under the lock: the letter may have been answered, reopened or announced since the list was read.
      const row = await letters.forWrite(tx.trx, listed.id, deps.clock.now().toISOString());
      if (!row || !(OPEN_LETTER_STATES as readonly string[]).includes(row.state)) return;
      const clock = clockOf(row);
      if (!isNewWarning(clock.level, row.warned_level)) return;
      await letters.update(tx.trx, row.id, { warned_level: clock.level });
      const step = { level: clock.level, dueOn: row.due_on, workdaysUsed: clock.workdaysUsed };
      await appendEvent(tx, deps, actor, row.id, 'warned', step, null);
      warned++;
      if (clock.level !== 'overdue') return;
      const org = await routing.org(tx.trx, row.handling_org_id);
      await appendEvent(tx, deps, actor, row.id, 'escalated', { toOrgId: org?.parent_id ?? null, dueOn: row.due_on }, null);
      await recordAudit(tx, deps.clock, actor, {
        action: 'interaction.letter.escalate',
        targetType: 'letter',
        targetId: row.id,
        siteId: row.site_id,
        details: { handlingOrgId: row.handling_org_id, toOrgId: org?.parent_id ?? null, dueOn: row.due_on },
      });
      escalated++;
    });
  }
  return { warned, escalated };
}

/**
 * Open letters at 即将到期 or 已超期: of the site and its org, plus the overdue letters of the
 * orgs it supervises (escalated to it). Supervisors (monitoring.read) may ask for every site.
 */
export async function overdueLetters(deps: Deps, actor: Actor, q: { siteId?: string }): Promise<LetterSummary[]> {
  const db = deps.db.kysely;
  const rows = await openLetters(deps);
  if (q.siteId) {
    if (!can(actor, 'interaction.handle', q.siteId) && !can(actor, 'monitoring.read')) throw Errors.forbidden();
    const own = new Set(await routing.orgIdsOfSites(db, [q.siteId]));
    const children = new Set(await routing.childOrgIds(db, [...own]));
    const all = await summaries(
      deps,
      rows.filter(
        (r) =>
          r.site_id === q.siteId ||
          own.has(r.handling_org_id) ||
          (r.pending_org_id && own.has(r.pending_org_id)) ||
          children.has(r.handling_org_id),
      ),
    );
    return all.filter((s) =>
      children.has(s.handlingOrgId) && !own.has(s.handlingOrgId) ? s.dueLevel === 'overdue' : URGENT.includes(s.dueLevel),
    );
  }
  requirePermission(actor, 'monitoring.read');
  return (await summaries(deps, rows)).filter((s) => URGENT.includes(s.dueLevel) || s.vetoRisk);
}

export interface InteractionOversight {
  byOrg: { orgId: string; orgName: string; open: number; overdue: number; vetoRisk: number }[];
  /** Every consultative letter open for the veto-warning days or more, longest first. */
  vetoRisk: LetterSummary[];
}

/** The supervision view across all sites (monitoring.read). */
export async function interactionOversight(deps: Deps, actor: Actor): Promise<InteractionOversight> {
  requirePermission(actor, 'monitoring.read');
  const all = await summaries(deps, await openLetters(deps));
  const byOrg = new Map<string, InteractionOversight['byOrg'][number]>();
  for (const s of all) {
    const o = byOrg.get(s.handlingOrgId) ?? { orgId: s.handlingOrgId, orgName: s.handlingOrgName, open: 0, overdue: 0, vetoRisk: 0 };
    o.open++;
    if (s.dueLevel === 'overdue') o.overdue++;
    if (s.vetoRisk) o.vetoRisk++;
    byOrg.set(s.handlingOrgId, o);
  }
  return {
    byOrg: [...byOrg.values()].sort((a, b) => b.vetoRisk - a.vetoRisk || b.overdue - a.overdue || b.open - a.open),
    vetoRisk: all.filter((s) => s.vetoRisk).sort((a, b) => (b.daysOpen ?? 0) - (a.daysOpen ?? 0)),
  };
}

/** The year's 互动交流 figures of a site for the 政府网站工作年度报表 (domain-rules §2.7). */
export async function interactionStatistics(
  deps: Deps,
  actor: Actor,
  siteId: string,
  year: number,
  surveyFigures: (siteIds: string[], year: number) => Promise<InteractionStatistics['surveys']>,
): Promise<InteractionStatistics> {
  if (!can(actor, 'sites.read', siteId) && !can(actor, 'monitoring.read')) throw Errors.forbidden();
  const rows = (await letters.forStatistics(deps.db.kysely, [siteId], `${year}-01-01`, `${year}-12-31`)).filter(
    (r) => r.state !== 'merged',
  );
  return {
    year,
    letters: {
      received: rows.length,
      closed: rows.filter((r) => r.replied_on !== null || r.state === 'closed').length,
      averageDays: averageDaysToReply(rows),
      publishedReplies: rows.filter((r) => r.published_at !== null).length,
    },
    surveys: await surveyFigures([siteId], year),
  };
}
