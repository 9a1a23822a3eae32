/** SQL of the evaluation room: spot-check batches, their per-site results, and the checkers' manual results. */
import type { Kysely, Transaction } from 'kysely';
import { chunks, fetchInChunks } from '../platform/db/chunks.ts';
import type {
  Database,
  EvaluationBatchTable,
  EvaluationDismissalTable,
  EvaluationInterviewTable,
  EvaluationManualResultTable,
  EvaluationResultTable,
  IndicatorSystemVersionTable,
  WebsiteReportReminderTable,
  WebsiteReportTable,
  RectificationEventTable,
  RectificationTaskTable,
} from '../platform/db/schema.ts';

import type { OrgNode } from './rules/breakdowns.ts';

type Q = Kysely<Database> | Transaction<Database>;

const INSERT_CHUNK = 500;
/** Ids per `IN (…)` list. */
const ID_CHUNK = 500;

/** What the room reads of other rooms' tables. */
export const evaluationRefs = {
  /** Every site that is not closed, with what scoring needs (the home page's address). */
  openSites: (db: Q) =>
    db.selectFrom('sites').select(['id', 'name', 'base_url', 'domains']).where('status', '!=', 'closed').orderBy('id').execute(),
  sitesByIds: (db: Q, ids: readonly string[]) =>
    fetchInChunks(ids, ID_CHUNK, (part) =>
      db
        .selectFrom('sites')
        .select(['id', 'name', 'base_url', 'domains', 'sponsor_org_id', 'external_services'])
        .where('id', 'in', part)
        .execute(),
    ),
  /** Sites registered but not hosted on the platform, and not closed. */
  externalSites: (db: Q) =>
    db
      .selectFrom('sites')
      .select(['id', 'name', 'base_url'])
      .where('hosting', '=', 'external')
      .where('status', '!=', 'closed')
      .orderBy('name')
      .execute(),
  /** Every org by id with its place in the tree (for the county breakdown). */
  orgTree: async (db: Q): Promise<Map<string, OrgNode>> =>
    new Map(
      (await db.selectFrom('orgs').select(['id', 'name', 'parent_id', 'level']).execute()).map((o) => [
        o.id,
        { id: o.id, name: o.name, parentId: o.parent_id, level: o.level },
      ]),
    ),
  orgNames: async (db: Q, ids: readonly string[]): Promise<Map<string, string>> =>
    new Map(
      (
        await fetchInChunks([...new Set(ids)], ID_CHUNK, (part) =>
          db.selectFrom('orgs').select(['id', 'name']).where('id', 'in', part).execute(),
        )
      ).map((o) => [o.id, o.name]),
    ),
};

/** What the 政府网站工作年度报表 reads of other rooms' tables. */
export const websiteReportRefs = {
  site: (db: Q, siteId: string) =>
    db
      .selectFrom('sites')
      .leftJoin('orgs', 'orgs.id', 'sites.sponsor_org_id')
      .select([
        'sites.id',
        'sites.name',
        'sites.code',
        'sites.kind',
        'sites.hosting',
        'sites.status',
        'sites.base_url',
        'sites.domains',
        'sites.icp_number',
        'sites.psb_number',
        'orgs.name as sponsor',
      ])
      .where('sites.id', '=', siteId)
      .executeTakeFirst(),
  /** Hosted sites that are open, by name. */
  hostedSites: (db: Q) =>
    db
      .selectFrom('sites')
      .select(['id', 'name'])
      .where('hosting', '=', 'hosted')
      .where('status', 'in', ['active', 'migrating'])
      .orderBy('name')
      .execute(),
  /** Articles first published in [from, to): by type, and whether their column feeds the catalogue. */
  publishedCounts: (db: Q, siteId: string, from: string, to: string) =>
    db
      .selectFrom('articles')
      .innerJoin('site_columns as columns', 'columns.id', 'articles.column_id')
      .select((eb) => [
        'articles.type',
        eb.case().when('columns.catalogue_category', 'is not', null).then(1).else(0).end().as('catalogue'),
        eb.fn.countAll<string | number>().as('n'),
      ])
      .where('articles.site_id', '=', siteId)
      .where('articles.first_published_at', '>=', from)
      .where('articles.first_published_at', '<', to)
      .groupBy(['articles.type', 'catalogue'])
      .execute(),
  /** Columns named as 专题/专栏: created before `to` and open (or closed only after it). */
  topicColumns: (db: Q, siteId: string, to: string) =>
    db
      .selectFrom('site_columns')
      .select(['id', 'created_at', 'status', 'updated_at'])
      .where('site_id', '=', siteId)
      .where((eb) => eb.or([eb('name', 'like', '%专题%'), eb('name', 'like', '%专栏%')]))
      .where('created_at', '<', to)
      .execute(),
  /** The site's columns that take the report: named 年度报表, open. */
  reportColumns: (db: Q, siteId: string) =>
    db
      .selectFrom('site_columns')
      .select(['id', 'name'])
      .where('site_id', '=', siteId)
      .where('status', '=', 'active')
      .where('name', 'like', '%年度报表%')
      .orderBy('sort_order')
      .execute(),
  article: (db: Q, id: string) =>
    db.selectFrom('articles').select(['id', 'version', 'status', 'published_at', 'site_id']).where('id', '=', id).executeTakeFirst(),
};

export const websiteReports = {
  get: (db: Q, siteId: string, year: number) =>
    db.selectFrom('website_reports').selectAll().where('site_id', '=', siteId).where('year', '=', year).executeTakeFirst(),
  ofYear: (db: Q, year: number) => db.selectFrom('website_reports').selectAll().where('year', '=', year).execute(),
  /** Inserts the first version; false when someone saved first. */
  insert: async (db: Q, row: WebsiteReportTable): Promise<boolean> =>
    (await db
      .insertInto('website_reports')
      .values(row)
      .onConflict((oc) => oc.columns(['site_id', 'year']).doNothing())
      .returning('site_id')
      .executeTakeFirst()) !== undefined,
  /** Updates the row at `version`; false when it moved on. */
  update: async (db: Q, siteId: string, year: number, version: number, patch: Partial<WebsiteReportTable>): Promise<boolean> =>
    Number(
      (
        await db
          .updateTable('website_reports')
          .set(patch)
          .where('site_id', '=', siteId)
          .where('year', '=', year)
          .where('version', '=', version)
          .executeTakeFirst()
      ).numUpdatedRows,
    ) === 1,
  remind: (db: Q, row: WebsiteReportReminderTable) =>
    db
      .insertInto('website_report_reminders')
      .values(row)
      .onConflict((oc) => oc.columns(['site_id', 'year', 'reminded_on']).doNothing())
      .execute(),
  latestReminder: (db: Q, siteId: string, year: number) =>
    db
      .selectFrom('website_report_reminders')
      .selectAll()
      .where('site_id', '=', siteId)
      .where('year', '=', year)
      .orderBy('reminded_on', 'desc')
      .limit(1)
      .executeTakeFirst(),
};

/** Local indicator systems, one row per saved version. */
export const localSystems = {
  latest: (db: Q, key: string) =>
    db.selectFrom('indicator_system_versions').selectAll().where('key', '=', key).orderBy('version', 'desc').limit(1).executeTakeFirst(),
  get: (db: Q, key: string, version: number) =>
    db.selectFrom('indicator_system_versions').selectAll().where('key', '=', key).where('version', '=', version).executeTakeFirst(),
  versions: (db: Q, key: string) =>
    db
      .selectFrom('indicator_system_versions')
      .select(['version', 'name', 'note', 'created_by', 'created_at'])
      .where('key', '=', key)
      .orderBy('version', 'desc')
      .execute(),
  keys: async (db: Q): Promise<string[]> =>
    (await db.selectFrom('indicator_system_versions').select('key').distinct().orderBy('key').execute()).map((r) => r.key),
  /** The newest version of every local system, by name. */
  latestOfEach: (db: Q) =>
    db
      .selectFrom('indicator_system_versions as v')
      .selectAll('v')
      .where((eb) =>
        eb(
          'v.version',
          '=',
          eb
            .selectFrom('indicator_system_versions as w')
            .select((w) => w.fn.max('w.version').as('m'))
            .whereRef('w.key', '=', 'v.key'),
        ),
      )
      .orderBy('v.name')
      .execute(),
  /** Inserts a version; false when that version of the key exists already. */
  insert: async (db: Q, row: IndicatorSystemVersionTable): Promise<boolean> =>
    (await db
      .insertInto('indicator_system_versions')
      .values(row)
      .onConflict((oc) => oc.columns(['key', 'version']).doNothing())
      .returning('key')
      .executeTakeFirst()) !== undefined,
};

export const batches = {
  insert: (db: Q, row: EvaluationBatchTable) => db.insertInto('evaluation_batches').values(row).execute(),
  get: (db: Q, id: string) => db.selectFrom('evaluation_batches').selectAll().where('id', '=', id).executeTakeFirst(),
  list: (db: Q) => db.selectFrom('evaluation_batches').selectAll().orderBy('created_at', 'desc').orderBy('id').execute(),
  /** The latest finished batch of `period`. */
  lastDoneOf: (db: Q, period: string) =>
    db
      .selectFrom('evaluation_batches')
      .selectAll()
      .where('period', '=', period)
      .where('state', '=', 'done')
      .orderBy('finished_at', 'desc')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst(),
  update: (db: Q, id: string, set: Partial<Pick<EvaluationBatchTable, 'state' | 'scored' | 'started_at' | 'finished_at'>>) =>
    db.updateTable('evaluation_batches').set(set).where('id', '=', id).execute(),
};

export const results = {
  insertMany: async (db: Q, rows: readonly EvaluationResultTable[]) => {
    for (const part of chunks(rows, INSERT_CHUNK)) await db.insertInto('evaluation_results').values(part).execute();
  },
  /** Up to `limit` sites of the batch still waiting to be scored. */
  pending: (db: Q, batchId: string, limit: number) =>
    db
      .selectFrom('evaluation_results')
      .select('site_id')
      .where('batch_id', '=', batchId)
      .where('state', '=', 'pending')
      .orderBy('site_id')
      .limit(limit)
      .execute(),
  /** Stores a site's score; only a pending row (or, with `rescore`, a scored one) changes. Returns whether it did. */
  saveScore: async (db: Q, row: EvaluationResultTable, rescore = false): Promise<boolean> => {
    const { batch_id, site_id, ...set } = row;
    let q = db.updateTable('evaluation_results').set(set).where('batch_id', '=', batch_id).where('site_id', '=', site_id);
    if (!rescore) q = q.where('state', '=', 'pending');
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },
  countScored: async (db: Q, batchId: string) =>
    Number(
      (
        await db
          .selectFrom('evaluation_results')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('batch_id', '=', batchId)
          .where('state', '=', 'scored')
          .executeTakeFirst()
      )?.n ?? 0,
    ),
  ofBatch: (db: Q, batchId: string) => db.selectFrom('evaluation_results').selectAll().where('batch_id', '=', batchId).execute(),
  get: (db: Q, batchId: string, siteId: string) =>
    db.selectFrom('evaluation_results').selectAll().where('batch_id', '=', batchId).where('site_id', '=', siteId).executeTakeFirst(),
};

export const manualResults = {
  upsert: async (db: Q, row: EvaluationManualResultTable) => {
    await db
      .deleteFrom('evaluation_manual_results')
      .where('batch_id', '=', row.batch_id)
      .where('site_id', '=', row.site_id)
      .where('item_code', '=', row.item_code)
      .execute();
    await db.insertInto('evaluation_manual_results').values(row).execute();
  },
  /** The recorded results of the sites of a batch. */
  ofSites: (db: Q, batchId: string, siteIds: readonly string[]) =>
    fetchInChunks(siteIds, ID_CHUNK, (part) =>
      db.selectFrom('evaluation_manual_results').selectAll().where('batch_id', '=', batchId).where('site_id', 'in', part).execute(),
    ),
};

export interface TaskFilter {
  /** The sites whose tasks may be listed. */
  scope: 'all' | readonly string[];
  batchId?: string | undefined;
  siteId?: string | undefined;
  state?: string | undefined;
  /** Only tasks waiting on their owner past this deadline. */
  overdueOn?: string | undefined;
}

/** The state in which a task waits on its owner: only such a task can be overdue (a reported one waits on the re-check, a dismissal on its decision). */
const OWNERS_TURN = 'open';

export const tasks = {
  insertMany: async (db: Q, rows: readonly RectificationTaskTable[]) => {
    for (const part of chunks(rows, INSERT_CHUNK)) await db.insertInto('rectification_tasks').values(part).execute();
  },
  get: (db: Q, id: string) => db.selectFrom('rectification_tasks').selectAll().where('id', '=', id).executeTakeFirst(),
  /** The item codes that already have a task, per site, in a batch. */
  keysOfBatch: async (db: Q, batchId: string): Promise<Set<string>> =>
    new Set(
      (await db.selectFrom('rectification_tasks').select(['site_id', 'item_code']).where('batch_id', '=', batchId).execute()).map(
        (r) => `${r.site_id}:${r.item_code}`,
      ),
    ),
  list: (db: Q, f: TaskFilter & { limit: number; offset: number }) =>
    taskQuery(db, f)
      .selectAll()
      .orderBy('deadline')
      .orderBy('site_id')
      .orderBy('item_code')
      .orderBy('id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
  count: async (db: Q, f: TaskFilter): Promise<number> =>
    Number(
      (
        await taskQuery(db, f)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirst()
      )?.n ?? 0,
    ),
  /**
   * Moves a task from the state it was read in (with whatever else changes) and counts one more
   * event; returns false when another hand changed it since.
   */
  move: async (
    db: Q,
    task: Pick<RectificationTaskTable, 'id' | 'state' | 'events'>,
    set: Partial<RectificationTaskTable>,
  ): Promise<boolean> => {
    const r = await db
      .updateTable('rectification_tasks')
      .set({ ...set, events: task.events + 1 })
      .where('id', '=', task.id)
      .where('state', '=', task.state)
      .where('events', '=', task.events)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },
  /** Tasks waiting on their owner past their deadline that were not escalated yet. */
  toEscalate: (db: Q, today: string) =>
    db
      .selectFrom('rectification_tasks')
      .selectAll()
      .where('state', '=', OWNERS_TURN)
      .where('deadline', '<', today)
      .where('escalated_at', 'is', null)
      .orderBy('id')
      .execute(),
  markEscalated: async (db: Q, task: Pick<RectificationTaskTable, 'id' | 'events'>, at: string): Promise<boolean> => {
    const r = await db
      .updateTable('rectification_tasks')
      .set({ escalated_at: at, updated_at: at, events: task.events + 1 })
      .where('id', '=', task.id)
      .where('events', '=', task.events)
      .where('escalated_at', 'is', null)
      .where('state', '=', OWNERS_TURN)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },
  /** Tasks waiting on their owner past their deadline, counted per site. */
  overdueBySite: async (db: Q, today: string): Promise<Map<string, number>> =>
    new Map(
      (
        await db
          .selectFrom('rectification_tasks')
          .select(['site_id', (eb) => eb.fn.countAll<number>().as('n')])
          .where('state', '=', OWNERS_TURN)
          .where('deadline', '<', today)
          .groupBy('site_id')
          .execute()
      ).map((r) => [r.site_id, Number(r.n)]),
    ),
  /** Tasks of a batch counted by state, per site. */
  statesOfBatch: (db: Q, batchId: string) =>
    db
      .selectFrom('rectification_tasks')
      .select(['site_id', 'state', (eb) => eb.fn.countAll<number>().as('n')])
      .where('batch_id', '=', batchId)
      .groupBy(['site_id', 'state'])
      .execute(),
};

function taskQuery(db: Q, f: TaskFilter) {
  let q = db.selectFrom('rectification_tasks');
  if (f.scope !== 'all') q = q.where('site_id', 'in', f.scope.length ? [...f.scope] : ['']);
  if (f.batchId) q = q.where('batch_id', '=', f.batchId);
  if (f.siteId) q = q.where('site_id', '=', f.siteId);
  if (f.state) q = q.where('state', '=', f.state);
  if (f.overdueOn) q = q.where('deadline', '<', f.overdueOn).where('state', '=', OWNERS_TURN);
  return q;
}

export const taskEvents = {
  insert: (db: Q, row: RectificationEventTable) => db.insertInto('rectification_events').values(row).execute(),
  insertMany: async (db: Q, rows: readonly RectificationEventTable[]) => {
    for (const part of chunks(rows, INSERT_CHUNK)) await db.insertInto('rectification_events').values(part).execute();
  },
  ofTask: (db: Q, taskId: string) =>
    db.selectFrom('rectification_events').selectAll().where('task_id', '=', taskId).orderBy('seq').execute(),
};

export const dismissals = {
  insertMany: async (db: Q, rows: readonly EvaluationDismissalTable[]) => {
    for (const part of chunks(rows, INSERT_CHUNK)) await db.insertInto('evaluation_dismissals').values(part).execute();
  },
  /** The dismissed finding ids of the sites. */
  ofSites: async (db: Q, siteIds: readonly string[]): Promise<Set<string>> =>
    new Set(
      (
        await fetchInChunks(siteIds, ID_CHUNK, (part) =>
          db.selectFrom('evaluation_dismissals').select('finding_id').where('site_id', 'in', part).execute(),
        )
      ).map((r) => r.finding_id),
    ),
};

export const interviews = {
  insert: (db: Q, row: EvaluationInterviewTable) => db.insertInto('evaluation_interviews').values(row).execute(),
  list: (db: Q, siteId?: string) => {
    let q = db.selectFrom('evaluation_interviews').selectAll();
    if (siteId) q = q.where('site_id', '=', siteId);
    return q.orderBy('held_on', 'desc').orderBy('id').execute();
  },
  /** Interviews held on or after `since`, counted per site. */
  countSince: async (db: Q, since: string): Promise<Map<string, number>> =>
    new Map(
      (
        await db
          .selectFrom('evaluation_interviews')
          .select(['site_id', (eb) => eb.fn.countAll<number>().as('n')])
          .where('held_on', '>=', since)
          .groupBy('site_id')
          .execute()
      ).map((r) => [r.site_id, Number(r.n)]),
    ),
};
