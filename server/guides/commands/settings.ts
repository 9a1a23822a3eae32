/**
 * The platform's guide policy: which elements every item must state before publication (the
 * ten national key categories by default) and how often a guide must be reviewed. Supervisors
 * set it; every change is audited.
 */
import type { Kysely } from 'kysely';
import { DEFAULT_GUIDE_SETTINGS, SERVICE_ELEMENTS, type GuideSettings, type ServiceElement } from '../../../common/service-items.ts';
import { SaveGuideSettingsSchema } from '../../../common/schemas/guides.ts';
import { recordAudit } from '../../audit/index.ts';
import { requirePermission } from '../../platform/access.ts';
import type { Actor } from '../../platform/actor.ts';
import type { Database } from '../../platform/db/schema.ts';
import { readSetting, writeSetting } from '../../platform/db/settings.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { parseInput } from '../../platform/validation.ts';

export const GUIDE_SETTINGS_KEY = 'guides.settings';

/** The stored policy, falling back to the defaults for anything unset or unreadable. */
export async function loadGuideSettings(db: Kysely<Database>): Promise<GuideSettings> {
  const raw = await readSetting(db, GUIDE_SETTINGS_KEY);
  if (!raw) return DEFAULT_GUIDE_SETTINGS;
  try {
    const v = JSON.parse(raw) as Partial<GuideSettings>;
    const required = (v.requiredElements ?? []).filter((e): e is ServiceElement => (SERVICE_ELEMENTS as readonly string[]).includes(e));
    return {
      requiredElements: required.length ? required : DEFAULT_GUIDE_SETTINGS.requiredElements,
      reviewIntervalDays:
        typeof v.reviewIntervalDays === 'number' && v.reviewIntervalDays > 0
          ? v.reviewIntervalDays
          : DEFAULT_GUIDE_SETTINGS.reviewIntervalDays,
    };
  } catch {
    return DEFAULT_GUIDE_SETTINGS;
  }
}

/** Anyone who works with guides reads the policy (the admin marks missing elements with it). */
export async function getGuideSettings(deps: Deps): Promise<GuideSettings> {
  return loadGuideSettings(deps.db.kysely);
}

export async function saveGuideSettings(deps: Deps, actor: Actor, input: unknown): Promise<GuideSettings> {
  requirePermission(actor, 'evaluation.manage');
  const data = parseInput(SaveGuideSettingsSchema, input);
  return inTransaction(deps.db, async (tx) => {
    const before = await loadGuideSettings(tx.trx);
    await writeSetting(tx.trx, GUIDE_SETTINGS_KEY, JSON.stringify(data), deps.clock.now().toISOString(), actor.id ?? actor.name);
    await recordAudit(tx, deps.clock, actor, {
      action: 'guides.settings.save',
      targetType: 'setting',
      targetId: GUIDE_SETTINGS_KEY,
      siteId: null,
      details: { before, after: data },
    });
    return data;
  });
}
