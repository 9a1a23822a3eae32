/**
 * Recording a monitoring run: every source (the crawler, the database checks, the probes, axe,
 * the certificate check) hands its findings for one site to `recordRun`, which keeps each
 * problem's lifecycle (rules/lifecycle.ts) and history, and tells the site's owner org when a
 * veto appears. One transaction per run; thousands of findings are written in chunks.
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  findingKey,
  RecordRunSchema,
  type Finding,
  type FindingEventKind,
  type RunSummary,
  type Severity,
} from '../../../common/schemas/monitoring.ts';
import { recordAudit } from '../../audit/index.ts';
import { requirePermission } from '../../platform/access.ts';
import type { Actor } from '../../platform/actor.ts';
import type { MonitoringFindingEventTable, MonitoringFindingTable, MonitoringNoticeTable } from '../../platform/db/schema.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { Errors } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validation.ts';
import { findingEvents, findings, monitoringRefs, notices, runs } from '../monitoring.repository.ts';
import { needsVetoNotice, oneFindingPerKey, planRun, type SeenFinding, type StoredFinding } from '../rules/lifecycle.ts';

/** The finding's own fields as stored (everything but identity, lifecycle and run). */
type EvidenceFields = Pick<
  MonitoringFindingTable,
  | 'kind'
  | 'severity'
  | 'url'
  | 'parent'
  | 'column_name'
  | 'element'
  | 'http_status'
  | 'last_updated'
  | 'days'
  | 'detail'
  | 'rule'
  | 'params'
  | 'snippet'
  | 'evidence_hash'
>;

interface Prepared extends SeenFinding {
  key: string;
  fields: EvidenceFields;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** PostgreSQL text refuses NUL; crawled pages may hold them. Long evidence is cut, never the key. */
function text(v: string, max: number): string;
function text(v: string | undefined, max: number): string | null;
function text(v: string | undefined, max: number): string | null {
  if (v === undefined) return null;
  const clean = v.replaceAll('\u0000', '');
  return clean.length > max ? clean.slice(0, max) : clean;
}

const smallInt = (v: number | undefined, lo: number, hi: number) => (v !== undefined && v >= lo && v <= hi ? v : null);

function prepare(f: Finding & { key: string }): Prepared {
  const params = f.params && Object.keys(f.params).length ? JSON.stringify(f.params) : null;
  const evidence = {
    kind: f.kind,
    severity: f.severity,
    url: text(f.url, 4000),
    parent: text(f.parent, 4000),
    column_name: text(f.column, 1000),
    element: text(f.element, 1000),
    http_status: smallInt(f.status, 0, 999),
    last_updated: text(f.lastUpdated, 10),
    days: smallInt(f.days, -1_000_000, 1_000_000),
    detail: text(f.detail, 2000),
    rule: text(f.rule, 200),
    params,
    snippet: text(f.snippet, 2000),
  };
  const hash = sha256(JSON.stringify(Object.values(evidence)));
  return { key: f.key, keyHash: sha256(f.key), severity: f.severity, evidenceHash: hash, fields: { ...evidence, evidence_hash: hash } };
}

function stored(r: {
  id: string;
  key_hash: string;
  state: string;
  severity: string;
  evidence_hash: string;
  events: number | string;
}): StoredFinding {
  return {
    id: r.id,
    keyHash: r.key_hash,
    state: r.state === 'resolved' ? 'resolved' : 'open',
    severity: r.severity as Severity,
    evidenceHash: r.evidence_hash,
    events: Number(r.events),
  };
}

/**
 * Records one run of a source over a site and moves every finding of that site and source
 * along its lifecycle: new ones opened, open ones seen again, resolved ones reopened, open ones
 * the run did not see resolved. A failed run (`error`) is recorded and changes nothing.
 * Opening, reopening or raising a veto finding creates a notice for the site's owner org, audited.
 */
export async function recordRun(deps: Deps, actor: Actor, input: unknown): Promise<RunSummary> {
  requirePermission(actor, 'system.jobs');
  const data = parseInput(RecordRunSchema, input);
  const seen = oneFindingPerKey(data.findings.map((f) => ({ ...f, key: findingKey(f) }))).map(prepare);
  return inTransaction(deps.db, async (tx) => {
    const db = tx.trx;
    const site = await monitoringRefs.site(db, data.siteId);
    if (!site) throw Errors.notFound('网站不存在');
    const at = data.finishedAt ? new Date(data.finishedAt).toISOString() : deps.clock.now().toISOString();
    const runId = randomUUID();
    const run = {
      id: runId,
      site_id: site.id,
      source: data.source,
      as_of: data.asOf,
      started_at: new Date(data.startedAt).toISOString(),
      finished_at: at,
      pages: data.pages ?? null,
      links: data.links ?? null,
      recorded_by: actor.name.slice(0, 100),
    };
    if (data.error) {
      await runs.insert(db, { ...run, outcome: 'failed', error: text(data.error, 2000), found: 0, opened: 0, reopened: 0, resolved: 0 });
      return { runId, outcome: 'failed', found: 0, opened: 0, reopened: 0, changed: 0, resolved: 0, notices: 0 };
    }

    const open = await findings.openOf(db, site.id, data.source);
    const openKeys = new Set(open.map((o) => o.key_hash));
    const earlier = await findings.byKeyHashes(
      db,
      site.id,
      data.source,
      seen.filter((s) => !openKeys.has(s.keyHash)).map((s) => s.keyHash),
    );
    const plan = planRun([...open, ...earlier].map(stored), seen);
    const reopened = plan.change.filter((c) => c.event === 'reopened').length;
    await runs.insert(db, {
      ...run,
      outcome: 'ok',
      error: null,
      found: seen.length,
      opened: plan.create.length,
      reopened,
      resolved: plan.resolve.length,
    });

    const events: MonitoringFindingEventTable[] = [];
    const vetoes: { findingId: string; event: FindingEventKind; kind: string; url: string; rule: string }[] = [];
    const event = (findingId: string, seq: number, kind: FindingEventKind, severity: Severity, previous: Severity | null) =>
      events.push({ finding_id: findingId, seq, run_id: runId, at, event: kind, severity, previous_severity: previous });

    const created: MonitoringFindingTable[] = plan.create.map((s) => ({
      ...s.fields,
      id: randomUUID(),
      site_id: site.id,
      source: data.source,
      key: text(s.key, 1_000_000),
      key_hash: s.keyHash,
      state: 'open',
      first_seen_at: at,
      last_seen_at: at,
      resolved_at: null,
      last_run_id: runId,
      events: 1,
    }));
    await findings.insertMany(db, created);
    for (const row of created) {
      event(row.id, 1, 'opened', row.severity as Severity, null);
      if (needsVetoNotice('opened', row.severity as Severity, null))
        vetoes.push({ findingId: row.id, event: 'opened', kind: row.kind, url: row.url, rule: row.rule });
    }

    let changed = 0;
    for (const c of plan.change) {
      const seq = c.stored.events + (c.event ? 1 : 0);
      await findings.update(db, c.stored.id, {
        ...c.seen.fields,
        state: 'open',
        last_seen_at: at,
        last_run_id: runId,
        events: seq,
        ...(c.event === 'reopened' ? { resolved_at: null } : {}),
      });
      if (!c.event) continue;
      if (c.event === 'changed') changed++;
      event(c.stored.id, seq, c.event, c.seen.severity, c.stored.severity);
      if (needsVetoNotice(c.event, c.seen.severity, c.stored.severity))
        vetoes.push({ findingId: c.stored.id, event: c.event, kind: c.seen.fields.kind, url: c.seen.fields.url, rule: c.seen.fields.rule });
    }

    await findings.touch(
      db,
      plan.touch.map((s) => s.id),
      at,
      runId,
    );
    await findings.resolve(
      db,
      plan.resolve.map((s) => s.id),
      at,
    );
    for (const s of plan.resolve) event(s.id, s.events + 1, 'resolved', s.severity, null);
    await findingEvents.insertMany(db, events);

    const rows: MonitoringNoticeTable[] = vetoes.map((v) => ({
      id: randomUUID(),
      org_id: site.sponsor_org_id,
      site_id: site.id,
      finding_id: v.findingId,
      run_id: runId,
      created_at: at,
      read_at: null,
      read_by: null,
    }));
    await notices.insertMany(db, rows);
    for (const [i, n] of rows.entries()) {
      const v = vetoes[i]!;
      await recordAudit(tx, deps.clock, actor, {
        action: 'monitoring.vetoNotice',
        targetType: 'monitoringFinding',
        targetId: v.findingId,
        siteId: site.id,
        details: { noticeId: n.id, orgId: n.org_id, runId, source: data.source, event: v.event, kind: v.kind, rule: v.rule, url: v.url },
      });
    }
    return {
      runId,
      outcome: 'ok',
      found: seen.length,
      opened: plan.create.length,
      reopened,
      changed,
      resolved: plan.resolve.length,
      notices: rows.length,
    };
  });
}
