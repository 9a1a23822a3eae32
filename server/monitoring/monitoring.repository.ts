/**
 * SQL of the monitoring room's findings store: runs, findings and their history, probes,
 * notices, and the sites, columns and users they name. No rules here. Writes of many rows go
 * in chunks, so a run with thousands of broken links stays within both databases' limits on
 * bound parameters.
 */
import type { Kysely, Transaction } from 'kysely';
import type {
  Database,
  MonitoringFindingEventTable,
  MonitoringFindingTable,
  MonitoringNoticeTable,
  MonitoringProbeTable,
  MonitoringRunTable,
} from '../platform/db/schema.ts';
import { chunks, fetchInChunks } from '../platform/db/chunks.ts';

type Q = Kysely<Database> | Transaction<Database>;

/** Rows per INSERT (findings have 26 columns: 200 rows stay far below SQLite's 32 766 parameters). */
const INSERT_CHUNK = 200;
/** Ids per `IN (…)` list. */
const ID_CHUNK = 500;

const count = (v: number | string | bigint | null | undefined) => Number(v ?? 0);

/** Removes LIKE wildcards from what people type, lower-cased (SQLite and PostgreSQL compare alike). */
const likeNeedle = (q: string) => `%${q.replace(/[%_\\]/g, '').toLowerCase()}%`;

export const monitoringRefs = {
  site: (db: Q, siteId: string) =>
    db
      .selectFrom('sites')
      .select(['id', 'name', 'status', 'hosting', 'base_url', 'domains', 'sponsor_org_id'])
      .where('id', '=', siteId)
      .executeTakeFirst(),
  /** Sites with an open finding of `source`. */
  sitesWithOpenFindings: async (db: Q, source: string): Promise<string[]> =>
    (
      await db
        .selectFrom('monitoring_findings')
        .select('site_id')
        .distinct()
        .where('source', '=', source)
        .where('state', '=', 'open')
        .execute()
    ).map((r) => r.site_id),
  siteNames: async (db: Q, ids: readonly string[]): Promise<Map<string, string>> => {
    const unique = [...new Set(ids)];
    const out = new Map<string, string>();
    for (const part of chunks(unique, ID_CHUNK)) {
      const rows = await db.selectFrom('sites').select(['id', 'name']).where('id', 'in', part).execute();
      for (const r of rows) out.set(r.id, r.name);
    }
    return out;
  },
  /** Every registered site that is not closed (the probe's targets), or those of `siteIds`. */
  openSites: (db: Q, siteIds?: readonly string[]) => {
    let q = db.selectFrom('sites').select(['id', 'name', 'base_url', 'domains']).where('status', '!=', 'closed');
    if (siteIds) q = q.where('id', 'in', siteIds.length ? [...siteIds] : ['']);
    return q.orderBy('id').execute();
  },
  userOrg: async (db: Q, userId: string): Promise<string | null> =>
    (await db.selectFrom('users').select('org_id').where('id', '=', userId).executeTakeFirst())?.org_id ?? null,
  /** A hosted site's columns with their freshness class (the windows of freshness findings). */
  columns: (db: Q, siteId: string) =>
    db.selectFrom('site_columns').select(['name', 'freshness_class', 'freshness_days', 'status']).where('site_id', '=', siteId).execute(),
};

export const runs = {
  insert: (db: Q, row: MonitoringRunTable) => db.insertInto('monitoring_runs').values(row).execute(),
  byId: (db: Q, id: string) => db.selectFrom('monitoring_runs').selectAll().where('id', '=', id).executeTakeFirst(),
  ofSite: (db: Q, f: { siteId: string; source?: string | undefined; limit: number; offset: number }) => {
    let q = db.selectFrom('monitoring_runs').selectAll().where('site_id', '=', f.siteId);
    if (f.source) q = q.where('source', '=', f.source);
    return q.orderBy('started_at', 'desc').orderBy('id').limit(f.limit).offset(f.offset).execute();
  },
  countOfSite: async (db: Q, f: { siteId: string; source?: string | undefined }): Promise<number> => {
    let q = db
      .selectFrom('monitoring_runs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('site_id', '=', f.siteId);
    if (f.source) q = q.where('source', '=', f.source);
    return count((await q.executeTakeFirst())?.n);
  },
};

const STORED = ['id', 'key_hash', 'state', 'severity', 'evidence_hash', 'events'] as const;

export interface FindingFilter {
  /** The sites the reader may see. */
  scope: 'all' | readonly string[];
  siteId?: string | undefined;
  kind?: string | undefined;
  severity?: string | undefined;
  state?: string | undefined;
  source?: string | undefined;
  q?: string | undefined;
}

function filtered(db: Q, f: FindingFilter) {
  let q = db.selectFrom('monitoring_findings');
  if (f.scope !== 'all') q = q.where('site_id', 'in', f.scope.length ? [...f.scope] : ['']);
  if (f.siteId) q = q.where('site_id', '=', f.siteId);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.severity) q = q.where('severity', '=', f.severity);
  if (f.state) q = q.where('state', '=', f.state);
  if (f.source) q = q.where('source', '=', f.source);
  if (f.q) {
    const like = likeNeedle(f.q);
    q = q.where((eb) => eb.or([eb(eb.fn('lower', ['url']), 'like', like), eb(eb.fn('lower', ['detail']), 'like', like)]));
  }
  return q;
}

export const findings = {
  /** What scoring reads of the open findings of the sites (unordered: the caller groups them). */
  /** Open findings of the sites, each site's oldest first (sorted by the database: a large site's are many). */
  openForScoring: (db: Q, siteIds: readonly string[]) =>
    fetchInChunks(siteIds, ID_CHUNK, (part) =>
      db
        .selectFrom('monitoring_findings')
        .select(['id', 'site_id', 'source', 'kind', 'severity', 'url', 'parent', 'column_name', 'element', 'params'])
        .where('site_id', 'in', part)
        .where('state', '=', 'open')
        .orderBy('site_id')
        .orderBy('first_seen_at')
        .orderBy('id')
        .execute(),
    ),
  /** Every open finding of a site and source, as planning needs them. */
  openOf: (db: Q, siteId: string, source: string) =>
    db
      .selectFrom('monitoring_findings')
      .select([...STORED])
      .where('site_id', '=', siteId)
      .where('source', '=', source)
      .where('state', '=', 'open')
      .execute(),
  /** Findings of a site and source by key hash (the resolved ones a run may reopen). */
  byKeyHashes: async (db: Q, siteId: string, source: string, hashes: readonly string[]) => {
    const out = [];
    for (const part of chunks(hashes, ID_CHUNK))
      out.push(
        ...(await db
          .selectFrom('monitoring_findings')
          .select([...STORED])
          .where('site_id', '=', siteId)
          .where('source', '=', source)
          .where('key_hash', 'in', part)
          .execute()),
      );
    return out;
  },
  insertMany: async (db: Q, rows: readonly MonitoringFindingTable[]): Promise<void> => {
    for (const part of chunks(rows, INSERT_CHUNK)) await db.insertInto('monitoring_findings').values(part).execute();
  },
  update: (db: Q, id: string, patch: Partial<MonitoringFindingTable>) =>
    db.updateTable('monitoring_findings').set(patch).where('id', '=', id).execute(),
  /** Open findings seen again unchanged: the run that saw them and when. */
  touch: async (db: Q, ids: readonly string[], at: string, runId: string): Promise<void> => {
    for (const part of chunks(ids, ID_CHUNK))
      await db.updateTable('monitoring_findings').set({ last_seen_at: at, last_run_id: runId }).where('id', 'in', part).execute();
  },
  /** Resolves open findings, counting the `resolved` event each gets. */
  resolve: async (db: Q, ids: readonly string[], at: string): Promise<void> => {
    for (const part of chunks(ids, ID_CHUNK))
      await db
        .updateTable('monitoring_findings')
        .set((eb) => ({ state: 'resolved', resolved_at: at, events: eb('events', '+', 1) }))
        .where('id', 'in', part)
        .where('state', '=', 'open')
        .execute();
  },
  byId: (db: Q, id: string) => db.selectFrom('monitoring_findings').selectAll().where('id', '=', id).executeTakeFirst(),
  /** A page of findings, most severe first, then the most recently seen. */
  list: (db: Q, f: FindingFilter & { limit: number; offset: number }) =>
    filtered(db, f)
      .selectAll()
      .orderBy((eb) => eb.case('severity').when('veto').then(0).when('deduction').then(1).else(2).end())
      .orderBy('last_seen_at', 'desc')
      .orderBy('id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
  count: async (db: Q, f: FindingFilter): Promise<number> =>
    count(
      (
        await filtered(db, f)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirst()
      )?.n,
    ),
  /** Open findings of a site counted by kind and severity. */
  openCounts: async (db: Q, siteId: string) =>
    (
      await db
        .selectFrom('monitoring_findings')
        .select(['kind', 'severity', (eb) => eb.fn.countAll<number>().as('n')])
        .where('site_id', '=', siteId)
        .where('state', '=', 'open')
        .groupBy(['kind', 'severity'])
        .execute()
    ).map((r) => ({ kind: r.kind, severity: r.severity, n: count(r.n) })),
  /** Open findings of every site, counted by kind and severity. */
  openCountsAll: async (db: Q) =>
    (
      await db
        .selectFrom('monitoring_findings')
        .select(['kind', 'severity', (eb) => eb.fn.countAll<number>().as('n')])
        .where('state', '=', 'open')
        .groupBy(['kind', 'severity'])
        .execute()
    ).map((r) => ({ kind: r.kind, severity: r.severity, n: count(r.n) })),
  /** Open findings of the given kinds on a site, oldest first. */
  openOfKinds: (db: Q, siteId: string, kinds: readonly string[]) =>
    db
      .selectFrom('monitoring_findings')
      .selectAll()
      .where('site_id', '=', siteId)
      .where('state', '=', 'open')
      .where('kind', 'in', [...kinds])
      .orderBy('first_seen_at')
      .orderBy('id')
      .execute(),
};

export const findingEvents = {
  insertMany: async (db: Q, rows: readonly MonitoringFindingEventTable[]): Promise<void> => {
    for (const part of chunks(rows, INSERT_CHUNK)) await db.insertInto('monitoring_finding_events').values(part).execute();
  },
  ofFinding: (db: Q, findingId: string) =>
    db.selectFrom('monitoring_finding_events').selectAll().where('finding_id', '=', findingId).orderBy('seq').execute(),
};

export const probes = {
  insertMany: async (db: Q, rows: readonly MonitoringProbeTable[]): Promise<void> => {
    for (const part of chunks(rows, INSERT_CHUNK)) await db.insertInto('monitoring_probes').values(part).execute();
  },
  /** Probes and failures per site since `since` (inclusive) up to `until` (inclusive). */
  windowCounts: async (
    db: Q,
    siteIds: readonly string[],
    since: string,
    until: string,
  ): Promise<Map<string, { probes: number; failures: number }>> => {
    const out = new Map<string, { probes: number; failures: number }>();
    for (const part of chunks(siteIds, ID_CHUNK)) {
      const rows = await db
        .selectFrom('monitoring_probes')
        .select(['site_id', 'ok', (eb) => eb.fn.countAll<number>().as('n')])
        .where('site_id', 'in', part)
        .where('at', '>=', since)
        .where('at', '<=', until)
        .groupBy(['site_id', 'ok'])
        .execute();
      for (const r of rows) {
        const c = out.get(r.site_id) ?? { probes: 0, failures: 0 };
        c.probes += count(r.n);
        if (!r.ok) c.failures += count(r.n);
        out.set(r.site_id, c);
      }
    }
    return out;
  },
  /** A site's probes since `since`, oldest first (the 30-day series: about 1 500 rows). */
  ofSiteSince: (db: Q, siteId: string, since: string, until: string) =>
    db
      .selectFrom('monitoring_probes')
      .select(['at', 'ok', 'ms'])
      .where('site_id', '=', siteId)
      .where('at', '>=', since)
      .where('at', '<=', until)
      .orderBy('at')
      .execute(),
  /** Deletes the probes made before `before`; returns how many. */
  pruneBefore: async (db: Q, before: string): Promise<number> => {
    const r = await db.deleteFrom('monitoring_probes').where('at', '<', before).executeTakeFirst();
    return Number(r.numDeletedRows);
  },
  recentFailures: (db: Q, siteId: string, limit: number) =>
    db
      .selectFrom('monitoring_probes')
      .selectAll()
      .where('site_id', '=', siteId)
      .where('ok', '=', 0)
      .orderBy('at', 'desc')
      .orderBy('id')
      .limit(limit)
      .execute(),
};

const NOTICE_FIELDS = ['s.name as site_name', 'f.kind', 'f.severity', 'f.url', 'f.detail', 'f.state as finding_state'] as const;

function noticeRows(db: Q) {
  return db
    .selectFrom('monitoring_notices as n')
    .innerJoin('monitoring_findings as f', 'f.id', 'n.finding_id')
    .innerJoin('sites as s', 's.id', 'n.site_id');
}

function noticesOf(db: Q, orgIds: readonly string[], unreadOnly: boolean) {
  let q = noticeRows(db).where('n.org_id', 'in', orgIds.length ? [...orgIds] : ['']);
  if (unreadOnly) q = q.where('n.read_at', 'is', null);
  return q;
}

export const notices = {
  insertMany: async (db: Q, rows: readonly MonitoringNoticeTable[]): Promise<void> => {
    for (const part of chunks(rows, INSERT_CHUNK)) await db.insertInto('monitoring_notices').values(part).execute();
  },
  byId: (db: Q, id: string) =>
    noticeRows(db)
      .selectAll('n')
      .select([...NOTICE_FIELDS])
      .where('n.id', '=', id)
      .executeTakeFirst(),
  ofOrgs: (db: Q, orgIds: readonly string[], f: { unreadOnly: boolean; limit: number; offset: number }) =>
    noticesOf(db, orgIds, f.unreadOnly)
      .selectAll('n')
      .select([...NOTICE_FIELDS])
      .orderBy('n.created_at', 'desc')
      .orderBy('n.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
  countOfOrgs: async (db: Q, orgIds: readonly string[], unreadOnly: boolean): Promise<number> =>
    count(
      (
        await noticesOf(db, orgIds, unreadOnly)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirst()
      )?.n,
    ),
  markRead: (db: Q, id: string, at: string, by: string) =>
    db.updateTable('monitoring_notices').set({ read_at: at, read_by: by }).where('id', '=', id).where('read_at', 'is', null).execute(),
};
