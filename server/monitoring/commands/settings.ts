/**
 * The availability policy (setting `monitoring.settings`): the probe's timeout, the alert and
 * veto ratios of the rolling week and the probes the veto needs. Supervisors read and set it;
 * every change is audited.
 */
import type { Kysely } from 'kysely';
import { SaveMonitoringSettingsSchema, type MonitoringSettings } from '../../../common/schemas/monitoring.ts';
import { recordAudit } from '../../audit/index.ts';
import { requirePermission } from '../../platform/access.ts';
import type { Actor } from '../../platform/actor.ts';
import type { Database } from '../../platform/db/schema.ts';
import { readSetting, writeSetting } from '../../platform/db/settings.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { parseInput } from '../../platform/validation.ts';
import { monitoringSettingsFrom } from '../rules/availability.ts';

export const MONITORING_SETTINGS_KEY = 'monitoring.settings';

/** The stored policy, the defaults standing in for anything unset or unreadable. */
export async function loadMonitoringSettings(db: Kysely<Database>): Promise<MonitoringSettings> {
  const raw = await readSetting(db, MONITORING_SETTINGS_KEY);
  if (!raw) return monitoringSettingsFrom(null);
  try {
    return monitoringSettingsFrom(JSON.parse(raw));
  } catch {
    return monitoringSettingsFrom(null);
  }
}

/** The policy, for those who supervise monitoring. */
export async function getMonitoringSettings(deps: Deps, actor: Actor): Promise<MonitoringSettings> {
  requirePermission(actor, 'monitoring.read');
  return loadMonitoringSettings(deps.db.kysely);
}

/** Sets the policy (supervisors: `evaluation.manage`), audited with before and after. */
export async function saveMonitoringSettings(deps: Deps, actor: Actor, input: unknown): Promise<MonitoringSettings> {
  requirePermission(actor, 'evaluation.manage');
  const data = parseInput(SaveMonitoringSettingsSchema, input);
  return inTransaction(deps.db, async (tx) => {
    const before = await loadMonitoringSettings(tx.trx);
    await writeSetting(tx.trx, MONITORING_SETTINGS_KEY, JSON.stringify(data), deps.clock.now().toISOString(), actor.id ?? actor.name);
    await recordAudit(tx, deps.clock, actor, {
      action: 'monitoring.settings.save',
      targetType: 'setting',
      targetId: MONITORING_SETTINGS_KEY,
      siteId: null,
      details: { before, after: data },
    });
    return data;
  });
}
