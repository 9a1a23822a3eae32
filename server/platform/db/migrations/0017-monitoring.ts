/**
 * The monitoring room's findings store.
 *
 * `monitoring_runs`: one row per run of a source (crawl, database, probe, axe, tls) over a site.
 * `monitoring_findings`: one row per problem of a site, unique by (site, source, key hash); it
 * stays open while runs of its source see it and is resolved (never deleted) when one does not.
 * `monitoring_finding_events`: each finding's history, append-only (the dialect's record
 * triggers), kept forever for auditors. `monitoring_probes`: every availability probe of a
 * homepage. `monitoring_notices`: veto notices to the site's owner org.
 *
 * Free text (URLs, details, snippets, parameters) is `text`: a crawled URL has no useful bound,
 * and PostgreSQL would refuse what SQLite keeps under a varchar limit.
 */
import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './index.ts';

const id = 'varchar(40)';
const ts = 'varchar(32)';

export async function up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable('monitoring_runs')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('site_id', id, (c) => c.notNull().references('sites.id'))
    .addColumn('source', 'varchar(16)', (c) => c.notNull())
    .addColumn('as_of', 'varchar(10)', (c) => c.notNull())
    .addColumn('started_at', ts, (c) => c.notNull())
    .addColumn('finished_at', ts, (c) => c.notNull())
    .addColumn('pages', 'integer')
    .addColumn('links', 'integer')
    .addColumn('outcome', 'varchar(16)', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('found', 'integer', (c) => c.notNull())
    .addColumn('opened', 'integer', (c) => c.notNull())
    .addColumn('reopened', 'integer', (c) => c.notNull())
    .addColumn('resolved', 'integer', (c) => c.notNull())
    .addColumn('recorded_by', 'varchar(100)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('monitoring_runs_site_idx').on('monitoring_runs').columns(['site_id', 'started_at']).execute();

  await db.schema
    .createTable('monitoring_findings')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('site_id', id, (c) => c.notNull().references('sites.id'))
    .addColumn('source', 'varchar(16)', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('severity', 'varchar(16)', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('parent', 'text')
    .addColumn('column_name', 'text')
    .addColumn('element', 'text')
    .addColumn('http_status', 'integer')
    .addColumn('last_updated', 'varchar(10)')
    .addColumn('days', 'integer')
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('rule', 'varchar(200)', (c) => c.notNull())
    .addColumn('params', 'text')
    .addColumn('snippet', 'text')
    .addColumn('evidence_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('state', 'varchar(16)', (c) => c.notNull())
    .addColumn('first_seen_at', ts, (c) => c.notNull())
    .addColumn('last_seen_at', ts, (c) => c.notNull())
    .addColumn('resolved_at', ts)
    .addColumn('last_run_id', id, (c) => c.notNull().references('monitoring_runs.id'))
    .addColumn('events', 'integer', (c) => c.notNull())
    .addUniqueConstraint('monitoring_findings_key', ['site_id', 'source', 'key_hash'])
    .execute();
  await db.schema
    .createIndex('monitoring_findings_site_idx')
    .on('monitoring_findings')
    .columns(['site_id', 'state', 'kind', 'severity'])
    .execute();
  await db.schema.createIndex('monitoring_findings_state_idx').on('monitoring_findings').columns(['state', 'last_seen_at']).execute();

  await db.schema
    .createTable('monitoring_finding_events')
    .addColumn('finding_id', id, (c) => c.notNull().references('monitoring_findings.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('run_id', id, (c) => c.notNull().references('monitoring_runs.id'))
    .addColumn('at', ts, (c) => c.notNull())
    .addColumn('event', 'varchar(16)', (c) => c.notNull())
    .addColumn('severity', 'varchar(16)', (c) => c.notNull())
    .addColumn('previous_severity', 'varchar(16)')
    .addPrimaryKeyConstraint('monitoring_finding_events_pk', ['finding_id', 'seq'])
    .execute();
  for (const stmt of ctx.dialect.immutableTableDdl('monitoring_finding_events')) await sql.raw(stmt).execute(db);

  await db.schema
    .createTable('monitoring_probes')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('site_id', id, (c) => c.notNull().references('sites.id'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('at', ts, (c) => c.notNull())
    .addColumn('ok', 'integer', (c) => c.notNull())
    .addColumn('http_status', 'integer')
    .addColumn('ms', 'integer')
    .addColumn('error', 'varchar(300)')
    .execute();
  await db.schema.createIndex('monitoring_probes_site_idx').on('monitoring_probes').columns(['site_id', 'at']).execute();
  await db.schema.createIndex('monitoring_probes_at_idx').on('monitoring_probes').columns(['at']).execute();

  await db.schema
    .createTable('monitoring_notices')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('org_id', id, (c) => c.notNull().references('orgs.id'))
    .addColumn('site_id', id, (c) => c.notNull().references('sites.id'))
    .addColumn('finding_id', id, (c) => c.notNull().references('monitoring_findings.id'))
    .addColumn('run_id', id, (c) => c.notNull().references('monitoring_runs.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('read_at', ts)
    .addColumn('read_by', 'varchar(100)')
    .execute();
  await db.schema.createIndex('monitoring_notices_org_idx').on('monitoring_notices').columns(['org_id', 'read_at', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  await db.schema.dropTable('monitoring_notices').execute();
  await db.schema.dropTable('monitoring_probes').execute();
  for (const stmt of ctx.dialect.dropImmutableTableDdl('monitoring_finding_events')) await sql.raw(stmt).execute(db);
  await db.schema.dropTable('monitoring_finding_events').execute();
  await db.schema.dropTable('monitoring_findings').execute();
  await db.schema.dropTable('monitoring_runs').execute();
}
