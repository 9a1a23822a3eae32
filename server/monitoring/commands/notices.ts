/**
 * Veto notices: when a run opens, reopens or raises a veto finding, the site's owner org gets a
 * notice (recordRun). People read the notices of the org they belong to and mark them read.
 */
import {
  NoticeQuerySchema,
  type FindingKind,
  type NoticeList,
  type NoticeView,
  type Severity,
} from '../../../common/schemas/monitoring.ts';
import { recordAudit } from '../../audit/index.ts';
import type { Actor } from '../../platform/actor.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { Errors } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validation.ts';
import { monitoringRefs, notices } from '../monitoring.repository.ts';

type NoticeRow = NonNullable<Awaited<ReturnType<typeof notices.byId>>>;

function present(r: NoticeRow): NoticeView {
  return {
    id: r.id,
    orgId: r.org_id,
    siteId: r.site_id,
    siteName: r.site_name,
    findingId: r.finding_id,
    kind: r.kind as FindingKind,
    severity: r.severity as Severity,
    url: r.url,
    detail: r.detail,
    findingState: r.finding_state === 'resolved' ? 'resolved' : 'open',
    createdAt: r.created_at,
    readAt: r.read_at,
  };
}

/** The orgs whose notices the actor reads: the org the user belongs to (system actors belong to none). */
async function orgsOf(deps: Deps, actor: Actor): Promise<string[]> {
  if (actor.type !== 'user' || !actor.id) return [];
  const org = await monitoringRefs.userOrg(deps.db.kysely, actor.id);
  return org ? [org] : [];
}

/** The veto notices of the actor's org: unread ones by default, newest first, with the unread count. */
export async function listMyNotices(deps: Deps, actor: Actor, query: unknown): Promise<NoticeList> {
  const q = parseInput(NoticeQuerySchema, query ?? {});
  const orgIds = await orgsOf(deps, actor);
  const db = deps.db.kysely;
  const unreadOnly = q.state === 'unread';
  const [rows, total, unread] = await Promise.all([
    notices.ofOrgs(db, orgIds, { unreadOnly, limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
    notices.countOfOrgs(db, orgIds, unreadOnly),
    notices.countOfOrgs(db, orgIds, true),
  ]);
  return { items: rows.map(present), total, unread, page: q.page, pageSize: q.pageSize };
}

/** Marks a notice of the actor's org read (again: no change); audited. */
export async function markNoticeRead(deps: Deps, actor: Actor, id: string): Promise<NoticeView> {
  const orgIds = await orgsOf(deps, actor);
  return inTransaction(deps.db, async (tx) => {
    const row = await notices.byId(tx.trx, id);
    if (!row) throw Errors.notFound('找不到该通知');
    if (!orgIds.includes(row.org_id)) throw Errors.forbidden();
    if (row.read_at) return present(row);
    const at = deps.clock.now().toISOString();
    await notices.markRead(tx.trx, id, at, actor.name.slice(0, 100));
    await recordAudit(tx, deps.clock, actor, {
      action: 'monitoring.notice.read',
      targetType: 'monitoringNotice',
      targetId: id,
      siteId: row.site_id,
      details: { findingId: row.finding_id, orgId: row.org_id },
    });
    return present({ ...row, read_at: at, read_by: actor.name });
  });
}
