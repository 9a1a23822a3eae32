import fs from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { builtinCalendar } from '../builtin.ts';
import { parseIcsYear, parseJsonYear } from './import-formats.ts';

/** chinese-days' own iCalendar file (2024–2026), the kind of file an administrator downloads. */
const HOLIDAYS_ICS = fs.readFileSync(createRequire(import.meta.url).resolve('chinese-days/dist/holidays.ics'), 'utf8');

const builtinYear = (year: number) =>
  builtinCalendar()
    .days.filter((d) => d.date.startsWith(`${year}-`))
    .sort((a, b) => (a.date < b.date ? -1 : 1));

const problemsOf = (fn: () => unknown): { field: string; message: string }[] => {
  try {
    fn();
  } catch (e) {
    return (e as { fields: { field: string; message: string }[] }).fields;
  }
  throw new Error('expected a validation error');
};

describe('reading an ICS file', () => {
  it('reads the real chinese-days holidays.ics into exactly the built-in days, one year at a time', () => {
    for (const year of [2024, 2025, 2026]) {
      const parsed = parseIcsYear(HOLIDAYS_ICS, year);
      expect(parsed.days, String(year)).toEqual(builtinYear(year));
      expect(parsed.skippedEvents).toBeGreaterThan(0);
    }
    expect(parseIcsYear(HOLIDAYS_ICS, 2026).note).toBe('2024~2026年中国节假日日历');
  });

  it('reads CRLF line ends, folded lines, bare DATE values and a missing DTEND as one day', () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'DTSTART:20270101',
      'SUMMARY:元旦(',
      ' 休)',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20270206',
      'DTEND;VALUE=DATE:20270207',
      'SUMMARY:春节调休上班',
      'BEGIN:VALARM',
      'SUMMARY:提醒',
      'END:VALARM',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'DTSTART;VALUE=DATE:20270301',
      'SUMMARY:已取消的安排',
      'STATUS:CANCELLED',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    expect(parseIcsYear(ics, 2027)).toEqual({
      days: [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-02-06', kind: 'workday', name: '春节' },
      ],
      skippedEvents: 1,
      note: null,
    });
  });

  it('refuses timed events, reversed ranges, missing names and files without the year, listing each problem', () => {
    const ev = (...lines: string[]) => ['BEGIN:VEVENT', ...lines, 'END:VEVENT'];
    const ics = [
      'BEGIN:VCALENDAR',
      ...ev('DTSTART;TZID=Asia/Shanghai:20270101T090000', 'SUMMARY:元旦'),
      ...ev('DTSTART;VALUE=DATE:20270210', 'DTEND;VALUE=DATE:20270205', 'SUMMARY:春节'),
      ...ev('DTSTART;VALUE=DATE:20270405'),
      'END:VCALENDAR',
    ].join('\n');
    expect(problemsOf(() => parseIcsYear(ics, 2027)).map((p) => p.message)).toEqual([
      '第 1 个日程（第 2 行）的 DTSTART 不是全天日期（应为 VALUE=DATE:YYYYMMDD）',
      '第 2 个日程（第 6 行）的 DTEND 应晚于 DTSTART（DTEND 为结束后的第一天）',
      '第 3 个日程（第 11 行）缺少 SUMMARY（节日名称）',
    ]);
    expect(problemsOf(() => parseIcsYear(HOLIDAYS_ICS, 2027))).toEqual([{ field: 'content', message: '文件中没有 2027 年的节假日安排' }]);
    expect(problemsOf(() => parseIcsYear('{"year":2027}', 2027))[0]?.message).toContain('BEGIN:VCALENDAR');
    expect(problemsOf(() => parseIcsYear('BEGIN:VCALENDAR\nEND:VCALENDAR', 2027))[0]?.message).toBe('文件中没有日程（VEVENT）');
  });

  it('refuses one date listed both as a holiday and as a working day', () => {
    const ics =
      'BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20270101\nSUMMARY:元旦(休)\nEND:VEVENT\nBEGIN:VEVENT\nDTSTART:20270101\nSUMMARY:元旦(班)\nEND:VEVENT\nEND:VCALENDAR';
    expect(problemsOf(() => parseIcsYear(ics, 2027))).toEqual([{ field: 'content', message: '2027-01-01 同时被列为放假和调休上班' }]);
  });
});

describe('reading a JSON file', () => {
  it('reads the documented format', () => {
    const content = JSON.stringify({
      year: 2027,
      note: '示例数据',
      days: [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-02-06', kind: 'workday', name: '春节' },
      ],
    });
    expect(parseJsonYear(content, 2027)).toEqual({
      days: [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-02-06', kind: 'workday', name: '春节' },
      ],
      skippedEvents: 0,
      note: '示例数据',
    });
  });

  it('names every bad field under content', () => {
    expect(problemsOf(() => parseJsonYear('{"year": 2027, "days": [', 2027))).toEqual([
      { field: 'content', message: '不是有效的 JSON 文本' },
    ]);
    const fields = problemsOf(() =>
      parseJsonYear(
        JSON.stringify({
          year: 2027,
          days: [
            { date: '2027-02-30', kind: 'holiday', name: '春节' },
            { date: '2027-02-10', kind: 'off', name: '' },
            { date: '2027-02-11', kind: 'holiday', name: '春节', extra: 1 },
          ],
        }),
        2027,
      ),
    ).map((f) => f.field);
    expect(fields).toEqual(['content.days.0.date', 'content.days.1.kind', 'content.days.1.name', 'content.days.2.extra']);
    const mismatched = problemsOf(() =>
      parseJsonYear(
        JSON.stringify({
          year: 2026,
          days: [
            { date: '2026-10-01', kind: 'holiday', name: '国庆节' },
            { date: '2027-10-01', kind: 'holiday', name: '国庆节' },
            { date: '2027-10-01', kind: 'holiday', name: '国庆节' },
          ],
        }),
        2027,
      ),
    );
    expect(mismatched).toEqual([
      { field: 'content.year', message: '文件中的年份（2026）与所选年份（2027）不一致' },
      { field: 'content.days.0.date', message: '2026-10-01 不在 2027 年内' },
      { field: 'content.days.2.date', message: '日期重复：2027-10-01' },
    ]);
    expect(problemsOf(() => parseJsonYear('[]', 2027))[0]?.field).toBe('content');
    expect(problemsOf(() => parseJsonYear('{"year":2027,"days":[]}', 2027))).toEqual([
      { field: 'content.days', message: '至少应列出一天' },
    ]);
  });
});
