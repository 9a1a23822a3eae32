/**
 * Reading a year's holiday arrangement (the State Council General Office's notice) from a file.
 * Pure: text in, days out, or GK_ERR_VALIDATION naming every problem. Two formats:
 *
 * JSON — our own, one year per file:
 *   { "year": 2027, "days": [ { "date": "2027-01-01", "kind": "holiday", "name": "元旦" },
 *                             { "date": "2027-02-06", "kind": "workday", "name": "春节" } ],
 *     "note": "国办发明电〔2026〕…号" }            (note optional)
 *   kind: holiday = 放假 (list every day off, weekend days inside the break included);
 *   workday = 调休上班, name = the holiday it makes up for. Every date must lie in `year`.
 *
 * ICS — an iCalendar file such as chinese-days' holidays.ics: all-day VEVENTs with DTSTART,
 *   DTEND (exclusive; absent = one day) and SUMMARY, e.g. "国庆节(休)" or "国庆节(班)". A
 *   SUMMARY containing 班 (补班, 调休上班, (班)) is a working day, any other a holiday. Days
 *   outside `year` are skipped, so a multi-year file can be imported one year at a time.
 */
import { z } from 'zod';
import { Errors, type FieldError } from '../../platform/errors.ts';
import { fieldErrors } from '../../platform/validation.ts';
import { CalendarDateSchema, DayKindSchema, DayNameSchema } from '../schemas.ts';
import { addDays, dayNumber, fromBasicFormat, dateProblem, yearOf } from './dates.ts';
import { holidayName, type CalendarDay, type DayKind } from './workdays.ts';

export interface ParsedYear {
  days: CalendarDay[];
  /** Events (ICS) that had no day in the year and were left out. */
  skippedEvents: number;
  /** A description found in the file (JSON note, ICS X-WR-CALDESC). */
  note: string | null;
}

/** At most this many problems are listed; past it the file is clearly not what was meant. */
const MAX_PROBLEMS = 20;
const MAX_EVENTS = 2000;
/** The longest break in the data (2020's extended 春节) is 10 days; 60 leaves room without inviting nonsense. */
const MAX_EVENT_DAYS = 60;

function fail(problems: FieldError[]): never {
  const listed = problems.slice(0, MAX_PROBLEMS);
  throw Errors.validation(listed[0]?.message ?? '导入的内容有误', listed);
}

/** Collects the days, refusing one date given two different kinds. */
class DayCollector {
  private readonly days = new Map<string, CalendarDay>();
  readonly problems: FieldError[] = [];

  add(day: CalendarDay, field: string): void {
    const had = this.days.get(day.date);
    if (!had) {
      this.days.set(day.date, day);
    } else if (had.kind !== day.kind) {
      this.problems.push({ field, message: `${day.date} 同时被列为放假和调休上班` });
    } else if (!had.name.split('、').includes(day.name)) {
      // One day in two breaks of the same kind (e.g. 中秋节 inside 国庆节): keep both names.
      had.name = `${had.name}、${day.name}`.slice(0, 50);
    }
  }

  sorted(): CalendarDay[] {
    return [...this.days.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
  }
}

const JsonYearSchema = z.strictObject({
  year: z.number({ message: '年份应为整数' }).int('年份应为整数'),
  days: z
    .array(z.strictObject({ date: CalendarDateSchema, kind: DayKindSchema, name: DayNameSchema }), { message: 'days 应为数组' })
    .min(1, '至少应列出一天')
    .max(366, '一年最多 366 天'),
  note: z.string().trim().max(200, '说明不能超过 200 个字符').optional(),
});

/** Reads the JSON format described above. */
export function parseJsonYear(content: string, year: number): ParsedYear {
  let raw: unknown;
  try {
    raw = JSON.parse(content);
  } catch {
    fail([{ field: 'content', message: '不是有效的 JSON 文本' }]);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    fail([{ field: 'content', message: '应为 JSON 对象：{ "year": 年份, "days": [{ "date", "kind", "name" }] }' }]);
  }
  const parsed = JsonYearSchema.safeParse(raw);
  if (!parsed.success) {
    fail(fieldErrors(parsed.error).map((f) => ({ field: f.field === '(body)' ? 'content' : `content.${f.field}`, message: f.message })));
  }
  const data = parsed.data;
  const problems: FieldError[] = [];
  if (data.year !== year) problems.push({ field: 'content.year', message: `文件中的年份（${data.year}）与所选年份（${year}）不一致` });
  const days = new DayCollector();
  const seen = new Set<string>();
  data.days.forEach((d, i) => {
    const field = `content.days.${i}.date`;
    if (yearOf(d.date) !== year) problems.push({ field, message: `${d.date} 不在 ${year} 年内` });
    else if (seen.has(d.date)) problems.push({ field, message: `日期重复：${d.date}` });
    else days.add({ date: d.date, kind: d.kind, name: d.name }, field);
    seen.add(d.date);
  });
  problems.push(...days.problems);
  if (problems.length) fail(problems);
  return { days: days.sorted(), skippedEvents: 0, note: data.note ?? null };
}

interface IcsProperty {
  name: string;
  params: string;
  value: string;
  line: number;
}

/** Splits `NAME;PARAMS:VALUE`, where a quoted parameter value may contain ':'. */
function splitProperty(text: string, line: number): IcsProperty | null {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === ':' && !quoted) {
      const head = text.slice(0, i);
      const semi = head.indexOf(';');
      return {
        name: (semi < 0 ? head : head.slice(0, semi)).toUpperCase(),
        params: semi < 0 ? '' : head.slice(semi + 1).toUpperCase(),
        value: text.slice(i + 1),
        line,
      };
    }
  }
  return null;
}

function unescapeText(v: string): string {
  return v.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? ' ' : c));
}

/** Reads all-day events from an iCalendar file, keeping the days that fall in `year`. */
export function parseIcsYear(content: string, year: number): ParsedYear {
  // RFC 5545 §3.1: a line break followed by a space or tab continues the previous line.
  const physical = content.split(/\r\n|\n|\r/);
  const lines: { text: string; line: number }[] = [];
  physical.forEach((text, i) => {
    const last = lines[lines.length - 1];
    if ((text.startsWith(' ') || text.startsWith('\t')) && last) last.text += text.slice(1);
    else if (text.trim() !== '') lines.push({ text, line: i + 1 });
  });
  if (!lines[0] || lines[0].text.trim().toUpperCase() !== 'BEGIN:VCALENDAR') {
    fail([{ field: 'content', message: '不是 iCalendar（ICS）文件：应以 BEGIN:VCALENDAR 开头' }]);
  }

  const problems: FieldError[] = [];
  const days = new DayCollector();
  let note: string | null = null;
  let events = 0;
  let skipped = 0;
  let event: IcsProperty[] | null = null;
  let eventLine = 0;
  let nested = 0;

  const takeEvent = (props: IcsProperty[], at: number) => {
    const where = `第 ${events} 个日程（第 ${at} 行）`;
    const get = (name: string) => props.find((p) => p.name === name);
    if ((get('STATUS')?.value.trim().toUpperCase() ?? '') === 'CANCELLED') {
      skipped++;
      return;
    }
    const summary = get('SUMMARY');
    const start = get('DTSTART');
    const end = get('DTEND');
    const label = summary ? unescapeText(summary.value).trim() : '';
    if (!label) problems.push({ field: 'content', message: `${where}缺少 SUMMARY（节日名称）` });
    const first = start ? allDayDate(start) : null;
    if (!start) problems.push({ field: 'content', message: `${where}缺少 DTSTART` });
    else if (!first) problems.push({ field: 'content', message: `${where}的 DTSTART 不是全天日期（应为 VALUE=DATE:YYYYMMDD）` });
    let last = first;
    if (end && first) {
      const endDate = allDayDate(end);
      if (!endDate) problems.push({ field: 'content', message: `${where}的 DTEND 不是全天日期（应为 VALUE=DATE:YYYYMMDD）` });
      else if (endDate <= first) problems.push({ field: 'content', message: `${where}的 DTEND 应晚于 DTSTART（DTEND 为结束后的第一天）` });
      else if (dayNumber(endDate) - dayNumber(first) > MAX_EVENT_DAYS)
        problems.push({ field: 'content', message: `${where}跨越超过 ${MAX_EVENT_DAYS} 天，不像是节假日安排` });
      else last = addDays(endDate, -1);
    }
    if (!label || !first || !last || problems.length) return;
    const kind: DayKind = label.includes('班') ? 'workday' : 'holiday';
    const name = holidayName(label).slice(0, 50);
    let inYear = 0;
    for (let d = first; d <= last; d = addDays(d, 1)) {
      if (yearOf(d) !== year) continue;
      inYear++;
      days.add({ date: d, kind, name }, 'content');
    }
    if (inYear === 0) skipped++;
  };

  for (const { text, line } of lines) {
    const prop = splitProperty(text, line);
    if (!prop) {
      problems.push({ field: 'content', message: `第 ${line} 行不是 iCalendar 属性行` });
      if (problems.length >= MAX_PROBLEMS) break;
      continue;
    }
    const value = prop.value.trim().toUpperCase();
    if (prop.name === 'BEGIN' && value === 'VEVENT' && !event) {
      event = [];
      eventLine = line;
      events++;
      if (events > MAX_EVENTS) fail([{ field: 'content', message: `日程不能超过 ${MAX_EVENTS} 个` }]);
    } else if (prop.name === 'BEGIN' && event) {
      nested++; // a VALARM inside the event: its properties are not the event's
    } else if (prop.name === 'END' && event && nested > 0) {
      nested--;
    } else if (prop.name === 'END' && value === 'VEVENT' && event) {
      takeEvent(event, eventLine);
      event = null;
    } else if (event && nested === 0) {
      event.push(prop);
    } else if (!event && prop.name === 'X-WR-CALDESC') {
      note = unescapeText(prop.value).trim().slice(0, 200) || null;
    }
    if (problems.length >= MAX_PROBLEMS) break;
  }
  if (event && problems.length < MAX_PROBLEMS) problems.push({ field: 'content', message: `第 ${eventLine} 行开始的日程没有 END:VEVENT` });
  problems.push(...days.problems);
  if (problems.length) fail(problems);
  if (events === 0) fail([{ field: 'content', message: '文件中没有日程（VEVENT）' }]);
  const found = days.sorted();
  if (found.length === 0) fail([{ field: 'content', message: `文件中没有 ${year} 年的节假日安排` }]);
  return { days: found, skippedEvents: skipped, note };
}

/** The date of an all-day DTSTART/DTEND (`;VALUE=DATE:20261001`, or a bare `:20261001`), or null. */
function allDayDate(p: IcsProperty): string | null {
  if (/VALUE=DATE-TIME/.test(p.params)) return null;
  const date = fromBasicFormat(p.value.trim());
  return date && !dateProblem(date) ? date : null;
}
