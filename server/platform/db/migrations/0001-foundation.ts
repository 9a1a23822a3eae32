/** Foundation schema: orgs, users, roles, sessions, settings, audit chain, sites, columns, jobs. */
import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './index.ts';

const ts = 'varchar(32)';
const id = 'varchar(40)';

export async function up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable('orgs')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('parent_id', id, (c) => c.references('orgs.id'))
    .addColumn('credit_code', 'varchar(18)', (c) => c.unique())
    .addColumn('division_code', 'varchar(12)')
    .addColumn('level', 'varchar(20)', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('orgs_parent_idx').on('orgs').column('parent_id').execute();

  await db.schema
    .createTable('users')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('username', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('display_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('org_id', id, (c) => c.references('orgs.id'))
    .addColumn('password_hash', 'varchar(255)', (c) => c.notNull())
    .addColumn('password_changed_at', ts, (c) => c.notNull())
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', ts)
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_login_at', ts)
    .addColumn('last_login_ip', 'varchar(64)')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('password_history')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('user_id', id, (c) => c.notNull().references('users.id'))
    .addColumn('password_hash', 'varchar(255)', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('password_history_user_idx').on('password_history').columns(['user_id', 'created_at']).execute();

  await db.schema
    .createTable('sites')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('code', 'varchar(10)', (c) => c.unique())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('sponsor_org_id', id, (c) => c.notNull().references('orgs.id'))
    .addColumn('parent_site_id', id, (c) => c.references('sites.id'))
    .addColumn('hosting', 'varchar(20)', (c) => c.notNull())
    .addColumn('base_url', 'varchar(500)')
    .addColumn('domains', 'text', (c) => c.notNull())
    .addColumn('icp_number', 'varchar(64)')
    .addColumn('psb_number', 'varchar(64)')
    .addColumn('contact', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sites_sponsor_idx').on('sites').column('sponsor_org_id').execute();
  await db.schema.createIndex('sites_parent_idx').on('sites').column('parent_site_id').execute();

  await db.schema
    .createTable('role_grants')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('user_id', id, (c) => c.notNull().references('users.id'))
    .addColumn('role', 'varchar(40)', (c) => c.notNull())
    .addColumn('scope', id, (c) => c.notNull())
    .addColumn('granted_by', id)
    .addColumn('granted_at', ts, (c) => c.notNull())
    .addUniqueConstraint('role_grants_unique', ['user_id', 'role', 'scope'])
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', id, (c) => c.notNull().references('users.id'))
    .addColumn('csrf_token', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('last_seen_at', ts, (c) => c.notNull())
    .addColumn('ip', 'varchar(64)')
    .addColumn('user_agent', 'varchar(500)')
    .addColumn('ended_at', ts)
    .addColumn('end_reason', 'varchar(40)')
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'varchar(100)', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('updated_by', id)
    .execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('at', ts, (c) => c.notNull())
    .addColumn('actor_id', id)
    .addColumn('actor_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('action', 'varchar(100)', (c) => c.notNull())
    .addColumn('target_type', 'varchar(40)')
    .addColumn('target_id', 'varchar(100)')
    .addColumn('site_id', id)
    .addColumn('result', 'varchar(20)', (c) => c.notNull())
    .addColumn('request_id', 'varchar(64)')
    .addColumn('ip', 'varchar(64)')
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('hash', 'varchar(64)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_events_at_idx').on('audit_events').column('at').execute();
  await db.schema.createIndex('audit_events_actor_idx').on('audit_events').columns(['actor_id', 'seq']).execute();
  await db.schema.createIndex('audit_events_site_idx').on('audit_events').columns(['site_id', 'seq']).execute();

  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'varchar(64)', (c) => c.notNull())
    .execute();
  await sql`insert into audit_head (id, seq, hash) values (1, 0, ${ctx.genesisHash})`.execute(db);
  for (const stmt of ctx.dialect.auditProtectionDdl(180)) await sql.raw(stmt).execute(db);

  await db.schema
    .createTable('site_columns')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('site_id', id, (c) => c.notNull().references('sites.id'))
    .addColumn('parent_id', id, (c) => c.references('site_columns.id'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('slug', 'varchar(64)', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('freshness_class', 'varchar(20)', (c) => c.notNull())
    .addColumn('freshness_days', 'integer')
    .addColumn('owner_org_id', id, (c) => c.references('orgs.id'))
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addUniqueConstraint('site_columns_slug_unique', ['site_id', 'slug'])
    .execute();
  await db.schema.createIndex('site_columns_site_idx').on('site_columns').columns(['site_id', 'parent_id', 'sort_order']).execute();

  await db.schema
    .createTable('jobs')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('run_at', ts, (c) => c.notNull())
    .addColumn('locked_by', 'varchar(100)')
    .addColumn('locked_until', ts)
    .addColumn('last_error', 'text')
    .addColumn('dedupe_key', 'varchar(200)', (c) => c.unique())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('finished_at', ts)
    .execute();
  await db.schema.createIndex('jobs_claim_idx').on('jobs').columns(['status', 'run_at']).execute();

  await db.schema
    .createTable('scheduled_runs')
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('slot', ts, (c) => c.notNull())
    .addColumn('job_id', id, (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('scheduled_runs_pk', ['name', 'slot'])
    .execute();

  await db.schema
    .createTable('worker_heartbeats')
    .addColumn('worker_id', 'varchar(100)', (c) => c.primaryKey())
    .addColumn('hostname', 'varchar(200)', (c) => c.notNull())
    .addColumn('pid', 'integer', (c) => c.notNull())
    .addColumn('runs_scheduler', 'integer', (c) => c.notNull())
    .addColumn('started_at', ts, (c) => c.notNull())
    .addColumn('last_seen_at', ts, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  for (const stmt of ctx.dialect.dropAuditProtectionDdl()) await sql.raw(stmt).execute(db);
  for (const t of [
    'worker_heartbeats',
    'scheduled_runs',
    'jobs',
    'site_columns',
    'audit_head',
    'audit_events',
    'settings',
    'sessions',
    'role_grants',
    'sites',
    'password_history',
    'users',
    'orgs',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
