import { describe, expect, it } from 'vitest';
import { CALENDAR_DAY_KINDS, CALENDAR_MAX_ADD_WORKDAYS, CALENDAR_MAX_YEAR, CALENDAR_MIN_YEAR } from '#common/schemas/calendar.ts';
import { MAX_YEAR, MIN_YEAR } from './rules/dates.ts';
import { DAY_KINDS, MAX_ADD_WORKDAYS } from './rules/workdays.ts';

describe('the calendar limits the admin shows', () => {
  it('are the limits the server enforces', () => {
    expect([CALENDAR_MIN_YEAR, CALENDAR_MAX_YEAR, CALENDAR_MAX_ADD_WORKDAYS]).toEqual([MIN_YEAR, MAX_YEAR, MAX_ADD_WORKDAYS]);
    expect([...CALENDAR_DAY_KINDS]).toEqual([...DAY_KINDS]);
  });
});
