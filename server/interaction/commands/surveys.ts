/**
 * Surveys (征集调查): the office drafts a survey, opens it to the public, may end it early, reads
 * the opinions (writers' names and phones masked; stored as SM4 tokens) and publishes the result
 * feedback; citizens read the open surveys and send opinions. The state is read from the dates
 * (rules/surveys.ts), so nothing has to run at midnight. Also the figures of the annual report.
 */
import { randomUUID } from 'node:crypto';
import { beijingDate } from '../../../common/dates.ts';
import { maskName, maskPhone } from '../../../common/identity.ts';
import {
  PublishSurveyResultSchema,
  SaveSurveySchema,
  SurveyOpinionFormSchema,
  type SurveyOpinionView,
  type SurveyView,
} from '../../../common/schemas/interaction.ts';
import { recordAudit } from '../../audit/index.ts';
import { requirePermission } from '../../platform/access.ts';
import type { Actor } from '../../platform/actor.ts';
import { dataKeyring } from '../../platform/data-keys.ts';
import type { SurveyRow } from '../../platform/db/schema.ts';
import { inTransaction, type Tx } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, Errors } from '../../platform/errors.ts';
import { decryptPersonal, encryptPersonal } from '../../platform/personal-data.ts';
import { parseInput } from '../../platform/validation.ts';
import {
  endedEarly,
  opinionRefusals,
  surveyActionRefusals,
  surveyState,
  type Refusal,
  type SurveyAction,
  type SurveySnapshot,
} from '../rules/surveys.ts';
import { surveyOpinions, surveys, surveySites } from '../surveys.repository.ts';

/** One opinion as the office reads it: the writer's name and phone masked. */
export interface SubmittedOpinion {
  id: string;
  submittedAt: string;
  /** True when this key had already brought the opinion in (a resent form): nothing new was stored. */
  repeated: boolean;
}

export interface SurveyStatistics {
  held: number;
  opinions: number;
  resultsPublished: number;
}

/** Today's date in Beijing on the platform's clock. */
const today = (deps: Pick<Deps, 'clock'>) => beijingDate(deps.clock.now().toISOString());

const snapshot = (row: SurveyRow): SurveySnapshot => ({
  startsOn: row.starts_on,
  endsOn: row.ends_on,
  openedAt: row.opened_at,
  resultPublishedAt: row.result_published_at,
});

function present(row: SurveyRow, opinions: number, day: string): SurveyView {
  return {
    id: row.id,
    siteId: row.site_id,
    title: row.title,
    description: row.description,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    state: surveyState(snapshot(row), day),
    opinions,
    result: row.result_published_at ? row.result : null,
    resultPublishedAt: row.result_published_at,
  };
}

/** Refused with every reason the rules give. */
function refused(refusals: readonly Refusal[]): AppError {
  return new AppError('GK_ERR_SURVEY_STATE', 409, refusals.map((r) => r.message).join('；')).withDetails({
    refusals: refusals.map((r) => r.code),
  });
}

const notFound = () => Errors.notFound('征集不存在');

/** The survey for an office write, locked, after the permission check on its own site. */
async function surveyForWrite(deps: Deps, tx: Tx, actor: Actor, id: string): Promise<SurveyRow> {
  const row = await surveys.forWrite(tx.trx, id, deps.clock.now().toISOString());
  if (!row) throw notFound();
  requirePermission(actor, 'interaction.handle', row.site_id);
  return row;
}

async function opinionCount(tx: Tx, id: string): Promise<number> {
  return (await surveyOpinions.countsOf(tx.trx, [id])).get(id) ?? 0;
}

async function audit(deps: Deps, tx: Tx, actor: Actor, action: string, row: SurveyRow, details: Record<string, unknown> = {}) {
  await recordAudit(tx, deps.clock, actor, {
    action: `interaction.survey.${action}`,
    targetType: 'survey',
    targetId: row.id,
    siteId: row.site_id,
    details: { title: row.title, ...details },
  });
}

/** The site's surveys, drafts included, newest first. */
export async function listSurveys(deps: Deps, actor: Actor, siteId: string): Promise<SurveyView[]> {
  requirePermission(actor, 'interaction.handle', siteId);
  const rows = await surveys.ofSite(deps.db.kysely, siteId);
  const counts = await surveyOpinions.countsOf(
    deps.db.kysely,
    rows.map((r) => r.id),
  );
  const day = today(deps);
  return rows.map((r) => present(r, counts.get(r.id) ?? 0, day));
}

/** One survey of a site the actor handles. */
export async function getSurvey(deps: Deps, actor: Actor, id: string): Promise<SurveyView> {
  const row = await surveys.byId(deps.db.kysely, id);
  if (!row) throw notFound();
  requirePermission(actor, 'interaction.handle', row.site_id);
  const counts = await surveyOpinions.countsOf(deps.db.kysely, [id]);
  return present(row, counts.get(id) ?? 0, today(deps));
}

/** Drafts a survey on a site; it stays invisible to the public until opened. */
export async function createSurvey(deps: Deps, actor: Actor, siteId: string, input: unknown): Promise<SurveyView> {
  requirePermission(actor, 'interaction.handle', siteId);
  const data = parseInput(SaveSurveySchema, input);
  return inTransaction(deps.db, async (tx) => {
    if (!(await surveySites.exists(tx.trx, siteId))) throw Errors.validation(undefined, [{ field: 'siteId', message: '网站不存在' }]);
    const now = deps.clock.now().toISOString();
    const row: SurveyRow = {
      id: randomUUID(),
      site_id: siteId,
      title: data.title,
      description: data.description,
      starts_on: data.startsOn,
      ends_on: data.endsOn,
      opened_at: null,
      result: null,
      result_published_at: null,
      created_by: actor.id ?? actor.name,
      created_at: now,
      updated_at: now,
    };
    await surveys.insert(tx.trx, row);
    await audit(deps, tx, actor, 'create', row, { startsOn: row.starts_on, endsOn: row.ends_on });
    return present(row, 0, today(deps));
  });
}

/** Changes a survey's text and dates: while a draft, or once opened as long as no opinion has come in. */
export async function updateSurvey(deps: Deps, actor: Actor, id: string, input: unknown): Promise<SurveyView> {
  const data = parseInput(SaveSurveySchema, input);
  return inTransaction(deps.db, async (tx) => {
    const row = await surveyForWrite(deps, tx, actor, id);
    const opinions = await opinionCount(tx, id);
    const day = today(deps);
    const refusals = surveyActionRefusals(snapshot(row), 'edit', { today: day, opinions, dates: data });
    if (refusals.length) throw refused(refusals);
    const patch = {
      title: data.title,
      description: data.description,
      starts_on: data.startsOn,
      ends_on: data.endsOn,
      updated_at: deps.clock.now().toISOString(),
    };
    await surveys.update(tx.trx, id, patch);
    const saved = { ...row, ...patch };
    await audit(deps, tx, actor, 'update', saved, { startsOn: saved.starts_on, endsOn: saved.ends_on });
    return present(saved, opinions, day);
  });
}

interface Step {
  action: SurveyAction;
  /** The columns the step sets (updated_at is added). */
  patch: (row: SurveyRow, day: string, now: string) => Partial<SurveyRow>;
  /** What the audit event records besides the title (never the citizens' data). */
  details: (before: SurveyRow, after: SurveyRow, opinions: number) => Record<string, unknown>;
}

/** One state step taken by the office: checked by the rules, written, audited. */
async function step(deps: Deps, actor: Actor, id: string, s: Step): Promise<SurveyView> {
  return inTransaction(deps.db, async (tx) => {
    const row = await surveyForWrite(deps, tx, actor, id);
    const opinions = await opinionCount(tx, id);
    const day = today(deps);
    const refusals = surveyActionRefusals(snapshot(row), s.action, { today: day, opinions });
    if (refusals.length) throw refused(refusals);
    const now = deps.clock.now().toISOString();
    const patch = { ...s.patch(row, day, now), updated_at: now };
    await surveys.update(tx.trx, id, patch);
    const saved = { ...row, ...patch };
    await audit(deps, tx, actor, s.action, saved, s.details(row, saved, opinions));
    return present(saved, opinions, day);
  });
}

/** Publishes a draft: the public sees it from now on, and may send opinions from its first day. */
export async function openSurvey(deps: Deps, actor: Actor, id: string): Promise<SurveyView> {
  return step(deps, actor, id, {
    action: 'open',
    patch: (_row, _day, now) => ({ opened_at: now }),
    details: (_before, after) => ({ startsOn: after.starts_on, endsOn: after.ends_on }),
  });
}

/** Ends an upcoming or open survey early: its last day becomes yesterday, so no opinion is taken from now on. */
export async function endSurvey(deps: Deps, actor: Actor, id: string): Promise<SurveyView> {
  return step(deps, actor, id, {
    action: 'end',
    patch: (row, day) => ({ ends_on: endedEarly(snapshot(row), day).endsOn }),
    details: (before, after, opinions) => ({ plannedEndsOn: before.ends_on, endsOn: after.ends_on, opinions }),
  });
}

/** Publishes (or corrects) the result feedback of an ended survey; the first publication's moment is kept. */
export async function publishSurveyResult(deps: Deps, actor: Actor, id: string, input: unknown): Promise<SurveyView> {
  const data = parseInput(PublishSurveyResultSchema, input);
  return step(deps, actor, id, {
    action: 'publishResult',
    patch: (row, _day, now) => ({ result: data.result, result_published_at: row.result_published_at ?? now }),
    details: (before, _after, opinions) => ({ corrected: before.result_published_at !== null, opinions }),
  });
}

/** One page of a survey's opinions, oldest first, the writers' names and phones masked. */
export async function listSurveyOpinions(
  deps: Deps,
  actor: Actor,
  id: string,
  page: { limit?: number | undefined; offset?: number | undefined } = {},
): Promise<{ items: SurveyOpinionView[]; total: number }> {
  const row = await surveys.byId(deps.db.kysely, id);
  if (!row) throw notFound();
  requirePermission(actor, 'interaction.handle', row.site_id);
  const limit = Math.min(Math.max(page.limit ?? 50, 1), 500);
  const offset = Math.max(page.offset ?? 0, 0);
  const ring = dataKeyring(deps.config);
  const [rows, counts] = await Promise.all([
    surveyOpinions.page(deps.db.kysely, id, limit, offset),
    surveyOpinions.countsOf(deps.db.kysely, [id]),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      content: r.content,
      name: r.writer_name ? maskName(decryptPersonal(ring, r.writer_name)) : null,
      phone: r.writer_phone ? maskPhone(decryptPersonal(ring, r.writer_phone)) : null,
      submittedAt: r.submitted_at,
    })),
    total: counts.get(id) ?? 0,
  };
}

/** The opened surveys of a site as the public sees them (no drafts, no personal data), newest first. */
export async function publicSurveys(deps: Deps, siteId: string): Promise<SurveyView[]> {
  const rows = await surveys.openedOfSite(deps.db.kysely, siteId);
  const counts = await surveyOpinions.countsOf(
    deps.db.kysely,
    rows.map((r) => r.id),
  );
  const day = today(deps);
  return rows.map((r) => present(r, counts.get(r.id) ?? 0, day));
}

/** One opened survey of the site as the public sees it, or null (a draft, another site's, none). */
export async function publicSurvey(deps: Deps, siteId: string, id: string): Promise<SurveyView | null> {
  const row = await surveys.byId(deps.db.kysely, id);
  if (!row || row.site_id !== siteId || row.opened_at === null) return null;
  const counts = await surveyOpinions.countsOf(deps.db.kysely, [id]);
  return present(row, counts.get(id) ?? 0, today(deps));
}

/**
 * Takes a citizen's opinion on an open survey of the site. The writer's name and phone are kept
 * as SM4 tokens. The same idempotency key brings back the opinion it first stored (a double
 * click, a resent form): one row per key, even when both arrive at once.
 */
export async function submitOpinion(
  deps: Deps,
  siteId: string,
  surveyId: string,
  form: unknown,
  idempotencyKey: string,
): Promise<SubmittedOpinion> {
  if (typeof idempotencyKey !== 'string' || idempotencyKey.length < 16 || idempotencyKey.length > 80)
    throw Errors.validation('提交标识不正确，请重新填写');
  const data = parseInput(SurveyOpinionFormSchema, form);
  const earlier = async (): Promise<SubmittedOpinion | null> => {
    const hit = await surveyOpinions.byIdempotencyKey(deps.db.kysely, idempotencyKey);
    if (!hit) return null;
    if (hit.survey_id !== surveyId) throw Errors.conflict('提交标识已被使用，请重新填写');
    return { id: hit.id, submittedAt: hit.submitted_at, repeated: true };
  };
  const already = await earlier();
  if (already) return already;
  const ring = dataKeyring(deps.config);
  const name = data.name?.trim() ? data.name.trim() : null;
  const phone = data.phone?.trim() ? data.phone.trim() : null;
  try {
    return await inTransaction(deps.db, async (tx) => {
      // Locked: an office step on the survey (ending it early) that holds the row commits first,
      // and the state is checked on what it left, so no opinion lands after the end.
      const row = await surveys.forOpinion(tx.trx, surveyId);
      if (!row || row.site_id !== siteId) throw notFound();
      const refusals = opinionRefusals(snapshot(row), today(deps));
      if (refusals.some((r) => r.code === 'notPublished')) throw notFound();
      if (refusals.length) throw refused(refusals);
      const submittedAt = deps.clock.now().toISOString();
      const id = randomUUID();
      await surveyOpinions.insert(tx.trx, {
        id,
        survey_id: surveyId,
        content: data.content,
        writer_name: name ? encryptPersonal(ring, name) : null,
        writer_phone: phone ? encryptPersonal(ring, phone) : null,
        idempotency_key: idempotencyKey,
        submitted_at: submittedAt,
      });
      return { id, submittedAt, repeated: false };
    });
  } catch (e) {
    // Two submissions with one key at the same moment: the unique key lets one in; the other gets it back.
    if (e instanceof AppError) throw e;
    const winner = await earlier();
    if (winner) return winner;
    throw e;
  }
}

/**
 * Figures of the annual website report (互动交流): the surveys held in the year (opened, first day
 * in the year), all their opinions whenever submitted (a December survey's January opinions count
 * with it), and how many of them have a published result.
 */
export async function surveyStatistics(deps: Deps, siteIds: string[], year: number): Promise<SurveyStatistics> {
  if (!siteIds.length || !Number.isInteger(year)) return { held: 0, opinions: 0, resultsPublished: 0 };
  const held = await surveys.heldBetween(deps.db.kysely, siteIds, `${year}-01-01`, `${year}-12-31`);
  const opinions = await surveyOpinions.totalOf(
    deps.db.kysely,
    held.map((s) => s.id),
  );
  return { held: held.length, opinions, resultsPublished: held.filter((s) => s.result_published_at !== null).length };
}
