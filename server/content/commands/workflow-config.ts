/** Per-site review stages (at least three) and platform content settings. */
import { ReviewStagesSchema } from '../../../common/review-stages.ts';
import { recordAudit } from '../../audit/index.ts';
import { requirePermission } from '../../platform/access.ts';
import type { Actor } from '../../platform/actor.ts';
import type { Database } from '../../platform/db/schema.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { Errors } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validation.ts';
import type { Kysely } from 'kysely';
import { readSetting, readSettings, writeSetting } from '../../platform/db/settings.ts';
import { DEFAULT_STAGES, stageConfigProblems, type WorkflowStage } from '../rules/workflow.ts';

const StagesSchema = ReviewStagesSchema;

const stagesKey = (siteId: string) => `content.stages.${siteId}`;

/** The review stages of a site (the default 初审 → 审核 → 审签 unless the site configured its own). */
export async function loadStages(_deps: Deps, db: Kysely<Database>, siteId: string): Promise<WorkflowStage[]> {
  return (await loadStagesOf(db, [siteId])).get(siteId) ?? DEFAULT_STAGES;
}

/** The review stages of several sites in one query (the review queue spans many sites). */
export async function loadStagesOf(db: Kysely<Database>, siteIds: readonly string[]): Promise<Map<string, WorkflowStage[]>> {
  const unique = [...new Set(siteIds)];
  const stored = await readSettings(db, unique.map(stagesKey));
  return new Map(
    unique.map((siteId) => {
      const raw = stored.get(stagesKey(siteId));
      const parsed = raw ? StagesSchema.safeParse(JSON.parse(raw)) : null;
      return [siteId, parsed?.success && stageConfigProblems(parsed.data).length === 0 ? parsed.data : DEFAULT_STAGES];
    }),
  );
}

/** The review stages of a site, for anyone who works on it. */
export async function getSiteStages(deps: Deps, actor: Actor, siteId: string): Promise<WorkflowStage[]> {
  requirePermission(actor, 'columns.read', siteId);
  return loadStages(deps, deps.db.kysely, siteId);
}

/** Sets which roles act at each review stage of a site; never fewer than three stages. */
export async function setSiteStages(deps: Deps, actor: Actor, siteId: string, input: unknown): Promise<WorkflowStage[]> {
  requirePermission(actor, 'sites.edit', siteId);
  const stages = parseInput(StagesSchema, input);
  const problems = stageConfigProblems(stages);
  if (problems.length)
    throw Errors.validation(
      problems.join('；'),
      problems.map((m) => ({ field: 'stages', message: m })),
    );
  return inTransaction(deps.db, async (tx) => {
    await writeSetting(tx.trx, stagesKey(siteId), JSON.stringify(stages), deps.clock.now().toISOString(), actor.id);
    await recordAudit(tx, deps.clock, actor, {
      action: 'content.stages.update',
      targetType: 'site',
      targetId: siteId,
      siteId,
      details: { stages },
    });
    return stages;
  });
}

/** Hours a leader's emergency publication may wait for its retrospective review. */
export async function emergencyReviewHours(db: Kysely<Database>): Promise<number> {
  const raw = await readSetting(db, 'content.emergencyReviewHours');
  const n = raw ? Number(raw) : NaN;
  return Number.isInteger(n) && n > 0 ? n : 48;
}
