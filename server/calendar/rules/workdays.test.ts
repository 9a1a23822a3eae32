import cd from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { builtinCalendar } from '../builtin.ts';
import { addDays, dateOfDayNumber, dateProblem, dayNumber, weekdayOf } from './dates.ts';
import {
  addWorkdays,
  countWorkdays,
  holidayName,
  isWorkday,
  mergeCalendar,
  nextYearReminder,
  workdayAdder,
  workdayDeadline,
  yearCoverage,
  type CalendarData,
} from './workdays.ts';

const cal: CalendarData = mergeCalendar(builtinCalendar(), { days: [], importedYears: [] });
const range = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
};

describe('working days around 2017 National Day', () => {
  it('makes Saturday 2017-09-30 a 调休 working day', () => {
    expect(isWorkday(cal, '2017-09-30')).toEqual({ workday: true, reason: '调休上班（国庆节）' });
  });

  it('gives 2017-10-01 to 10-08 off, with 中秋节 on 10-04', () => {
    for (const d of range('2017-10-01', '2017-10-08')) expect(isWorkday(cal, d).workday, d).toBe(false);
    expect(isWorkday(cal, '2017-10-02').reason).toBe('国庆节');
    expect(isWorkday(cal, '2017-10-04').reason).toBe('中秋节');
    expect(isWorkday(cal, '2017-10-09')).toEqual({ workday: true, reason: '工作日' });
  });

  it('adds 3 working days to Friday 2017-09-29 to reach 2017-10-10, counting the 调休 Saturday', () => {
    const r = addWorkdays(cal, '2017-09-29', 3);
    expect(r.date).toBe('2017-10-10');
    expect(r.warnings).toEqual([]);
    expect(r.trace.map((s) => [s.date, s.counted, s.reason])).toEqual([
      ['2017-09-30', true, '调休上班（国庆节）'],
      ['2017-10-01', false, '国庆节'],
      ['2017-10-02', false, '国庆节'],
      ['2017-10-03', false, '国庆节'],
      ['2017-10-04', false, '中秋节'],
      ['2017-10-05', false, '国庆节'],
      ['2017-10-06', false, '国庆节'],
      ['2017-10-07', false, '国庆节'],
      ['2017-10-08', false, '国庆节'],
      ['2017-10-09', true, '工作日'],
      ['2017-10-10', true, '工作日'],
    ]);
    expect(workdayDeadline(cal, '2017-09-29', 3)).toBe('2017-10-10');
    expect(workdayAdder(cal)('2017-09-29', 1)).toBe('2017-09-30');
  });

  it('returns the date itself for n = 0 on a working day, else the next working day', () => {
    expect(addWorkdays(cal, '2017-09-30', 0)).toMatchObject({ date: '2017-09-30', trace: [{ date: '2017-09-30', counted: true }] });
    const r = addWorkdays(cal, '2017-10-01', 0);
    expect(r.date).toBe('2017-10-09');
    expect(r.trace).toHaveLength(9);
    expect(r.trace[0]).toMatchObject({ date: '2017-10-01', counted: false });
  });
});

describe('working days around 2026 Spring Festival and National Day', () => {
  it('makes Saturdays 2026-02-14 and 02-28 working days and gives 02-15 to 02-23 off', () => {
    expect(isWorkday(cal, '2026-02-14')).toEqual({ workday: true, reason: '调休上班（春节）' });
    expect(isWorkday(cal, '2026-02-28')).toEqual({ workday: true, reason: '调休上班（春节）' });
    for (const d of range('2026-02-15', '2026-02-23')) expect(isWorkday(cal, d), d).toEqual({ workday: false, reason: '春节' });
    expect(isWorkday(cal, '2026-02-24').workday).toBe(true);
  });

  it('makes Saturday 2026-10-10 and Sunday 2026-09-20 working days', () => {
    expect(isWorkday(cal, '2026-10-10')).toEqual({ workday: true, reason: '调休上班（国庆节）' });
    expect(isWorkday(cal, '2026-09-20').workday).toBe(true);
    expect(isWorkday(cal, '2026-10-11')).toEqual({ workday: false, reason: '周末' });
  });

  it('agrees with the chinese-days library on every day from 2004 to 2026', () => {
    const disagreements = range('2004-01-01', '2026-12-31').filter((d) => isWorkday(cal, d).workday !== cd.isWorkday(d));
    expect(disagreements).toEqual([]);
  });
});

describe('years without official data', () => {
  it('counts 2027 by weekends only and says so', () => {
    expect(yearCoverage(cal, 2026)).toEqual({ official: true, warning: null });
    expect(yearCoverage(cal, 2027)).toEqual({
      official: false,
      warning: '2027 年的法定节假日安排尚未录入，当前按周末计算工作日，请在节假日管理中导入国务院办公厅通知',
    });
    expect(isWorkday(cal, '2027-01-01')).toEqual({ workday: true, reason: '工作日' });
    expect(isWorkday(cal, '2027-01-02')).toEqual({ workday: false, reason: '周末' });
  });

  it('warns when a deadline runs into an uncovered year', () => {
    const r = addWorkdays(cal, '2026-12-30', 3);
    expect(r.date).toBe('2027-01-04');
    expect(r.warnings).toEqual([yearCoverage(cal, 2027).warning]);
  });

  it('reminds from 1 December when next year is still missing', () => {
    expect(nextYearReminder(cal, '2026-11-30')).toBeNull();
    expect(nextYearReminder(cal, '2026-12-01')).toContain('2027 年');
    expect(nextYearReminder(cal, '2025-12-15')).toBeNull();
  });

  it('lets an imported year replace the built-in days of that year and stored days win date by date', () => {
    const merged = mergeCalendar(builtinCalendar(), {
      days: [
        { date: '2027-02-08', kind: 'holiday', name: '春节', source: 'import' },
        { date: '2026-02-05', kind: 'holiday', name: '示例临时放假', source: 'override' },
      ],
      importedYears: [2027],
    });
    expect(yearCoverage(merged, 2027).official).toBe(true);
    expect(isWorkday(merged, '2027-02-08')).toEqual({ workday: false, reason: '春节' });
    expect(isWorkday(merged, '2026-02-05')).toEqual({ workday: false, reason: '示例临时放假' });
    const reimported = mergeCalendar(builtinCalendar(), { days: [], importedYears: [2026] });
    expect(isWorkday(reimported, '2026-02-16').workday).toBe(true);
  });
});

describe('counting working days between dates', () => {
  it('counts the days after the start up to and including the end', () => {
    expect(countWorkdays(cal, '2017-09-29', '2017-10-10').count).toBe(3);
    expect(countWorkdays(cal, '2017-09-29', '2017-09-29')).toMatchObject({ count: 0, trace: [] });
    // 02-14 (调休), 02-24 … 02-27, 02-28 (调休), 03-02.
    expect(countWorkdays(cal, '2026-02-13', '2026-03-02').count).toBe(7);
  });

  it('is the inverse of addWorkdays', () => {
    for (const start of ['2017-09-29', '2020-01-20', '2024-12-31', '2026-02-13', '2026-09-30']) {
      for (const n of [1, 2, 3, 5, 10, 20, 60]) {
        expect(countWorkdays(cal, start, addWorkdays(cal, start, n).date).count, `${start}+${n}`).toBe(n);
      }
    }
  });

  it('refuses an end before the start and spans over ten years', () => {
    expect(() => countWorkdays(cal, '2017-10-10', '2017-10-09')).toThrow(
      expect.objectContaining({ fields: [{ field: 'to', message: '结束日期不能早于开始日期' }] }),
    );
    expect(() => countWorkdays(cal, '2000-01-01', '2020-01-01')).toThrow(expect.objectContaining({ code: 'GK_ERR_VALIDATION' }));
  });
});

describe('date handling', () => {
  it('rejects dates that do not exist or are malformed, naming the field', () => {
    for (const bad of [
      '2017-02-30',
      '2017-13-01',
      '2017-00-10',
      '2017-9-30',
      '17-09-30',
      '2017/09/30',
      '',
      'abc',
      '2017-09-30T00:00',
      '1899-12-31',
      '2101-01-01',
      '2100-02-29',
    ]) {
      expect(dateProblem(bad), bad).not.toBeNull();
      expect(() => isWorkday(cal, bad), bad).toThrow(
        expect.objectContaining({ code: 'GK_ERR_VALIDATION', fields: [expect.objectContaining({ field: 'date' })] }),
      );
    }
    expect(dateProblem('2017-02-30')).toBe('日期不存在：2017-02-30');
    expect(dateProblem(null)).not.toBeNull();
    expect(dateProblem('2000-02-29')).toBeNull();
    expect(dateProblem('2024-02-29')).toBeNull();
  });

  it('rejects a negative, fractional or huge number of working days', () => {
    for (const n of [-1, 1.5, 1001, 100000, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => addWorkdays(cal, '2017-09-29', n), String(n)).toThrow(
        expect.objectContaining({ fields: [expect.objectContaining({ field: 'n' })] }),
      );
    }
  });

  it('does date arithmetic on plain dates, independent of the time zone', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(weekdayOf('2017-09-29')).toBe(5);
    expect(weekdayOf('2026-02-14')).toBe(6);
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    for (let n = dayNumber('1900-01-01'); n <= dayNumber('2100-12-31'); n += 37) expect(dayNumber(dateOfDayNumber(n))).toBe(n);
  });

  it('names holidays from data labels without the kind marks', () => {
    expect(holidayName('国庆节(休)')).toBe('国庆节');
    expect(holidayName('春节（班）')).toBe('春节');
    expect(holidayName('中秋')).toBe('中秋节');
    expect(holidayName('劳动节补班')).toBe('劳动节');
    expect(holidayName('调休上班')).toBe('调休上班');
  });
});
