import { describe, expect, it } from 'vitest';
import {
  entryText,
  guessImport,
  importSummaryText,
  monthWeeks,
  traceRows,
  traceSummary,
  weekdayName,
  workdayResultText,
  yearOptions,
  yearSourceText,
} from './calendarModel.ts';

describe('month grids', () => {
  it('starts weeks on Monday and pads outside the month', () => {
    // 2026-10-01 is a Thursday.
    const weeks = monthWeeks(2026, 10);
    expect(weeks[0]).toEqual([null, null, null, '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04']);
    expect(weeks.at(-1)).toEqual(['2026-10-26', '2026-10-27', '2026-10-28', '2026-10-29', '2026-10-30', '2026-10-31', null]);
    expect(weeks.every((w) => w.length === 7)).toBe(true);
  });

  it('knows leap years and months starting on Monday', () => {
    expect(monthWeeks(2024, 2).flat().filter(Boolean)).toHaveLength(29);
    expect(monthWeeks(2025, 2).flat().filter(Boolean)).toHaveLength(28);
    expect(monthWeeks(2026, 6)[0]?.[0]).toBe('2026-06-01');
  });

  it('names weekdays without the local time zone', () => {
    expect(weekdayName('2017-09-29')).toBe('星期五');
    expect(weekdayName('2017-10-10')).toBe('星期二');
  });
});

describe('words for the year and its days', () => {
  it('says what a listed day is in text', () => {
    expect(entryText({ kind: 'holiday', name: '国庆节', source: 'builtin' })).toBe('放假：国庆节（内置数据）');
    expect(entryText({ kind: 'workday', name: '春节', source: 'override' })).toBe('调休上班：春节（手工设置）');
  });

  it('says where the year comes from', () => {
    const t = (iso: string) => iso.slice(0, 10);
    expect(yearSourceText({ official: true, builtin: true, imported: null }, t)).toBe('内置数据');
    expect(
      yearSourceText({ official: true, builtin: false, imported: { note: '国办发明电〔2026〕1号', at: '2026-11-02T01:00:00Z' } }, t),
    ).toBe('已导入（国办发明电〔2026〕1号），2026-11-02');
    expect(yearSourceText({ official: false, builtin: false, imported: null }, t)).toBe('尚未录入');
  });

  it('offers the years around now and keeps a chosen year outside them', () => {
    const years = yearOptions(2026, 2026).map((o) => o.value);
    expect(years[0]).toBe(2016);
    expect(years.at(-1)).toBe(2031);
    expect(
      yearOptions(2026, 2040)
        .map((o) => o.value)
        .at(-1),
    ).toBe(2040);
  });
});

describe('the working-day trace', () => {
  const trace = [
    { date: '2017-09-30', workday: true, reason: '调休上班（国庆节、中秋节）', counted: true },
    { date: '2017-10-01', workday: false, reason: '国庆节、中秋节', counted: false },
    { date: '2017-10-09', workday: true, reason: '工作日', counted: true },
    { date: '2017-10-10', workday: true, reason: '工作日', counted: true },
  ];

  it('numbers the counted days and adds weekdays', () => {
    expect(traceRows(trace).map((r) => [r.date, r.weekday, r.ordinal])).toEqual([
      ['2017-09-30', '星期六', 1],
      ['2017-10-01', '星期日', null],
      ['2017-10-09', '星期一', 2],
      ['2017-10-10', '星期二', 3],
    ]);
    expect(traceSummary(trace)).toBe('共经过 4 天，其中跳过 1 个非工作日。');
  });

  it('states the answer in one sentence', () => {
    expect(workdayResultText({ start: '2017-09-29', n: 3, date: '2017-10-10' })).toBe(
      '2017-09-29（星期五）之后第 3 个工作日是 2017-10-10（星期二）',
    );
    expect(workdayResultText({ start: '2017-10-09', n: 0, date: '2017-10-09' })).toBe('2017-10-09（星期一）当天是工作日');
    expect(workdayResultText({ start: '2017-10-01', n: 0, date: '2017-10-09' })).toBe(
      '2017-10-01 不是工作日，下一个工作日是 2017-10-09（星期一）',
    );
  });
});

describe('import files', () => {
  it('tells the format by name or content and reads a JSON file’s year', () => {
    expect(guessImport('2027.json', '{"year": 2027, "days": []}')).toEqual({ format: 'json', year: 2027 });
    expect(guessImport('holidays.ics', 'BEGIN:VCALENDAR\r\n')).toEqual({ format: 'ics', year: null });
    expect(guessImport('通知.txt', ' begin:vcalendar')).toEqual({ format: 'ics', year: null });
    expect(guessImport('x.json', '{ not json')).toEqual({ format: 'json', year: null });
    expect(guessImport('x.json', '{"year": "2027"}')).toEqual({ format: 'json', year: null });
    expect(guessImport('notes.txt', 'hello')).toEqual({ format: null, year: null });
  });

  it('sums up an import', () => {
    expect(importSummaryText({ year: 2027, holidays: 30, workdays: 6, skippedEvents: 0, replacedOverrides: [] })).toBe(
      '已导入 2027 年节假日安排：放假 30 天，调休上班 6 天。',
    );
    expect(importSummaryText({ year: 2027, holidays: 30, workdays: 6, skippedEvents: 4, replacedOverrides: ['2027-02-06'] })).toBe(
      '已导入 2027 年节假日安排：放假 30 天，调休上班 6 天；替换了 1 个手工设置（2027-02-06）；跳过了 4 个不在该年的日历事件。',
    );
  });
});
