/**
 * Maintaining the working-day calendar: one day by hand, or a whole year from the State
 * Council's notice. The platform (system) administrator keeps it, as one calendar serves every
 * site's deadlines; `orgs.manage` is that administrator's permission in the role table.
 */
import type { CalendarImportSummary, StoredCalendarDay } from '../../../common/schemas/calendar.ts';
import { recordAudit } from '../../audit/index.ts';
import { requirePermission } from '../../platform/access.ts';
import type { Actor } from '../../platform/actor.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { Deps } from '../../platform/deps.ts';
import { Errors } from '../../platform/errors.ts';
import { parseInput } from '../../platform/validation.ts';
import { builtinCalendar } from '../builtin.ts';
import { calendarDays, calendarYears, type CalendarDayRow } from '../calendar.repository.ts';
import { parseIcsYear, parseJsonYear } from '../rules/import-formats.ts';
import type { DayKind } from '../rules/workdays.ts';
import { DateParamsSchema, ImportCalendarYearSchema, SetCalendarDaySchema } from '../schemas.ts';

/** The permission that edits the calendar (see the file comment). */
export const CALENDAR_EDIT_PERMISSION = 'orgs.manage' as const;

// The response types are shared with the admin (common/), so the two cannot drift apart.
export type { StoredCalendarDay };

export function presentStoredDay(r: CalendarDayRow): StoredCalendarDay {
  return {
    date: r.date,
    kind: r.kind as DayKind,
    name: r.name,
    source: r.source as StoredCalendarDay['source'],
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  };
}

/** What the day was before a change, for the audit trail: the stored row, else the built-in entry. */
function previous(row: CalendarDayRow | undefined, date: string): { kind: string; name: string; source: string } | null {
  if (row) return { kind: row.kind, name: row.name, source: row.source };
  const b = builtinCalendar().days.find((d) => d.date === date);
  return b ? { kind: b.kind, name: b.name, source: 'builtin' } : null;
}

/** Sets one day as a holiday or a 调休 working day, replacing whatever the calendar said. */
export async function setCalendarDay(deps: Deps, actor: Actor, input: unknown): Promise<StoredCalendarDay> {
  requirePermission(actor, CALENDAR_EDIT_PERMISSION);
  const d = parseInput(SetCalendarDaySchema, input);
  return inTransaction(deps.db, async (tx) => {
    const before = previous(await calendarDays.byDate(tx.trx, d.date), d.date);
    const row: CalendarDayRow = {
      date: d.date,
      kind: d.kind,
      name: d.name,
      source: 'override',
      updated_at: deps.clock.now().toISOString(),
      updated_by: actor.id,
    };
    await calendarDays.upsert(tx.trx, row);
    await recordAudit(tx, deps.clock, actor, {
      action: 'calendar.day.set',
      targetType: 'calendarDay',
      targetId: d.date,
      details: { date: d.date, kind: d.kind, name: d.name, before },
    });
    return presentStoredDay(row);
  });
}

/**
 * Removes the stored entry of one day, so the built-in data (or the plain week) decides again.
 * The row is deleted: overrides are configuration, and the audit event keeps the history.
 */
export async function removeCalendarDay(deps: Deps, actor: Actor, date: unknown): Promise<void> {
  requirePermission(actor, CALENDAR_EDIT_PERMISSION);
  const { date: day } = parseInput(DateParamsSchema, { date });
  await inTransaction(deps.db, async (tx) => {
    const row = await calendarDays.byDate(tx.trx, day);
    if (!row) throw Errors.notFound(`${day} 没有自定义或导入的安排`);
    await calendarDays.remove(tx.trx, day);
    await recordAudit(tx, deps.clock, actor, {
      action: 'calendar.day.remove',
      targetType: 'calendarDay',
      targetId: day,
      details: { date: day, removed: { kind: row.kind, name: row.name, source: row.source } },
    });
  });
}

export type ImportSummary = CalendarImportSummary;

/**
 * Imports a year's arrangement from the notice (formats in rules/import-formats.ts) and marks
 * the year official. All or nothing: the file is checked completely before anything is
 * written, and the writes share one transaction. The import is the year's complete
 * arrangement: it replaces the built-in days and any earlier import of that year; manual
 * overrides on other dates stay, and an imported date replaces an override of the same date.
 */
export async function importCalendarYear(deps: Deps, actor: Actor, input: unknown): Promise<ImportSummary> {
  requirePermission(actor, CALENDAR_EDIT_PERMISSION);
  const d = parseInput(ImportCalendarYearSchema, input);
  const parsed = d.format === 'json' ? parseJsonYear(d.content, d.year) : parseIcsYear(d.content, d.year);
  const note = d.note || parsed.note || `从 ${d.format.toUpperCase()} 文件导入`;
  return inTransaction(deps.db, async (tx) => {
    const now = deps.clock.now().toISOString();
    const imported = new Set(parsed.days.map((x) => x.date));
    const replacedOverrides = (await calendarDays.ofYear(tx.trx, d.year))
      .filter((r) => r.source === 'override' && imported.has(r.date))
      .map((r) => r.date);
    await calendarDays.removeImportedOfYear(tx.trx, d.year);
    for (const day of parsed.days) {
      await calendarDays.upsert(tx.trx, { ...day, source: 'import', updated_at: now, updated_by: actor.id });
    }
    const previousImport = await calendarYears.byYear(tx.trx, d.year);
    await calendarYears.upsert(tx.trx, { year: d.year, official: 1, note, updated_at: now });
    const summary: ImportSummary = {
      year: d.year,
      format: d.format,
      holidays: parsed.days.filter((x) => x.kind === 'holiday').length,
      workdays: parsed.days.filter((x) => x.kind === 'workday').length,
      skippedEvents: parsed.skippedEvents,
      replacedOverrides,
      note,
    };
    await recordAudit(tx, deps.clock, actor, {
      action: 'calendar.year.import',
      targetType: 'calendarYear',
      targetId: String(d.year),
      details: {
        ...summary,
        reimport: previousImport !== undefined,
        // The whole arrangement, so the audit log alone can say what the calendar was told.
        days: parsed.days.map((x) => [x.date, x.kind, x.name]),
      },
    });
    return summary;
  });
}
