import { describe, expect, it } from 'vitest';
import {
  DEFAULT_INDEX_TEMPLATE,
  formatIndexNumber,
  MAX_TEMPLATE_LENGTH,
  parseIndexNumber,
  parseTemplate,
  sequenceScope,
  type IndexValues,
} from './index-number.ts';

// Real 统一社会信用代码 seen in published 索引号 (domain-rules.md §4.4); their check characters are correct.
const HUIZHOU = '11441700007280420Y';
const GANSU = '11620622013933539B';

const codesOf = (template: string) => {
  const r = parseTemplate(template);
  return r.ok ? [] : r.problems.map((p) => p.code);
};

const values = (over: Partial<IndexValues> = {}): IndexValues => ({
  creditCode: HUIZHOU,
  orgCode: '000014349',
  category: 'ZC01',
  date: '2021-03-07',
  sequence: 50,
  ...over,
});

describe('parseTemplate', () => {
  it('reads the default template as credit code, slash, year, hyphen and a five-digit sequence', () => {
    expect(parseTemplate(DEFAULT_INDEX_TEMPLATE)).toEqual({
      ok: true,
      segments: [
        { kind: 'creditCode' },
        { kind: 'literal', text: '/' },
        { kind: 'year' },
        { kind: 'literal', text: '-' },
        { kind: 'sequence', width: 5 },
      ],
    });
  });

  it('accepts every segment and separator the format allows', () => {
    expect(parseTemplate('{orgCode}-{category}_{YYYY}.{MM}/{DD}-{NNNN}').ok).toBe(true);
    expect(parseTemplate('{creditCode}-{YYYYMMDD}-{NNNNNNNNNN}').ok).toBe(true);
  });

  it('refuses an empty template', () => {
    expect(codesOf('')).toEqual(['template_empty']);
    expect(codesOf('   ')).toEqual(['template_empty']);
  });

  it('refuses a template longer than the limit without looking further', () => {
    const long = `{creditCode}/{YYYY}-{NNNNN}${'-'.repeat(MAX_TEMPLATE_LENGTH)}`;
    expect(codesOf(long)).toEqual(['template_too_long']);
  });

  it('refuses characters that are neither separators nor part of a segment, naming them once each', () => {
    const r = parseTemplate('{creditCode} <{YYYY}>-{NNNNN}<');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const unsafe = r.problems.filter((p) => p.code === 'unsafe_character');
    expect(unsafe).toHaveLength(1);
    expect(unsafe[0]?.message).toContain('「U+0020」「<」「>」');
  });

  it('refuses Chinese text in the template as unsafe', () => {
    expect(codesOf('{creditCode}/{YYYY}年-{NNNNN}')).toContain('unsafe_character');
  });

  it('refuses letters or digits outside braces, since only separators may stand between segments', () => {
    const r = parseTemplate('PZH-{YYYY}-{NNNNN}');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([expect.objectContaining({ code: 'literal_not_separator', message: expect.stringContaining('「PZH」') })]);
  });

  it('refuses an opening brace without a closing one and a closing brace without an opening one', () => {
    expect(codesOf('{creditCode/{YYYY}-{NNNNN}')).toEqual(['unbalanced_brace']);
    expect(codesOf('{creditCode}/YYYY}-{NNNNN}')).toEqual(expect.arrayContaining(['unbalanced_brace', 'literal_not_separator']));
    expect(codesOf('{creditCode}/{YYYY}-{NNNNN')).toEqual(['unbalanced_brace', 'no_sequence']);
  });

  it('refuses an unknown segment and lists the segments that exist', () => {
    const r = parseTemplate('{creditCode}/{yyyy}-{NNNNN}');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([{ code: 'unknown_segment', message: expect.stringMatching(/^未知的字段「\{yyyy\}」.*\{YYYYMMDD\}/) }]);
    expect(codesOf('{creditCode}/{}-{NNNNN}')).toEqual(['unknown_segment']);
  });

  it('refuses a template without a sequence', () => {
    expect(codesOf('{creditCode}/{YYYY}')).toEqual(['no_sequence']);
  });

  it('refuses a template with more than one sequence', () => {
    expect(codesOf('{creditCode}/{NNN}-{NNNNN}')).toEqual(['multiple_sequences']);
  });

  it('refuses a sequence narrower than 3 or wider than 10 digits', () => {
    expect(codesOf('{creditCode}/{YYYY}-{NN}')).toEqual(['sequence_width']);
    expect(codesOf('{creditCode}/{YYYY}-{NNNNNNNNNNN}')).toEqual(['sequence_width']);
    expect(codesOf('{creditCode}/{YYYY}-{NNN}')).toEqual([]);
  });

  it('refuses a segment used twice', () => {
    expect(codesOf('{creditCode}/{YYYY}-{YYYY}-{NNNNN}')).toEqual(['repeated_segment']);
  });

  it('refuses a month without a year and a day without a month, which would repeat numbers', () => {
    expect(codesOf('{creditCode}/{MM}-{NNNNN}')).toEqual(['incomplete_date']);
    expect(codesOf('{creditCode}/{YYYY}{DD}-{NNNNN}')).toEqual(['incomplete_date']);
    expect(codesOf('{creditCode}/{YYYYMMDD}{DD}-{NNNNN}')).toEqual([]);
  });

  it('refuses two free-length codes with no separator between them, even across a date', () => {
    expect(codesOf('{orgCode}{category}-{NNNNN}')).toEqual(['ambiguous_codes']);
    expect(codesOf('{orgCode}{YYYY}{category}-{NNNNN}')).toEqual(['ambiguous_codes']);
    expect(codesOf('{orgCode}{YYYY}-{category}{NNNNN}')).toEqual([]);
  });

  it('refuses a separator at either end or two separators in a row', () => {
    expect(codesOf('/{creditCode}-{NNNNN}')).toEqual(['separator_placement']);
    expect(codesOf('{creditCode}-{NNNNN}.')).toEqual(['separator_placement']);
    expect(codesOf('{creditCode}//{NNNNN}')).toEqual(['separator_placement']);
  });

  it('reports every problem of a template at once', () => {
    expect(codesOf('/{foo}{MM}{orgCode}{category}//')).toEqual([
      'unknown_segment',
      'no_sequence',
      'incomplete_date',
      'ambiguous_codes',
      'separator_placement',
      'separator_placement',
      'separator_placement',
    ]);
  });
});

describe('formatIndexNumber', () => {
  it('formats the default template like the gov.cn numbers', () => {
    expect(formatIndexNumber(DEFAULT_INDEX_TEMPLATE, values())).toEqual({ ok: true, indexNo: '11441700007280420Y/2021-00050' });
  });

  it('pads the sequence with zeros to its width and fills every date part', () => {
    const r = formatIndexNumber('{orgCode}-{category}-{YYYYMMDD}-{NNNN}', values({ sequence: 7 }));
    expect(r).toEqual({ ok: true, indexNo: '000014349-ZC01-20210307-0007' });
    expect(formatIndexNumber('{creditCode}_{YYYY}.{MM}.{DD}_{NNN}', values({ sequence: 999 }))).toEqual({
      ok: true,
      indexNo: '11441700007280420Y_2021.03.07_999',
    });
  });

  it('refuses a sequence that does not fit the width', () => {
    const r = formatIndexNumber(DEFAULT_INDEX_TEMPLATE, values({ sequence: 100_000 }));
    expect(r).toEqual({ ok: false, problems: [expect.objectContaining({ code: 'sequence_too_large', field: 'sequence' })] });
    expect(formatIndexNumber(DEFAULT_INDEX_TEMPLATE, values({ sequence: 99_999 })).ok).toBe(true);
  });

  it('refuses a sequence that is zero, negative or not an integer', () => {
    for (const sequence of [0, -1, 1.5, Number.NaN])
      expect(formatIndexNumber(DEFAULT_INDEX_TEMPLATE, values({ sequence }))).toEqual({
        ok: false,
        problems: [expect.objectContaining({ code: 'sequence_invalid' })],
      });
  });

  it('refuses every value the template needs that is missing, naming each field', () => {
    const r = formatIndexNumber('{creditCode}/{orgCode}-{category}/{YYYY}-{NNNNN}', {
      creditCode: null,
      orgCode: '',
      sequence: 1,
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.code, p.field])).toEqual([
      ['value_missing', 'creditCode'],
      ['value_missing', 'orgCode'],
      ['value_missing', 'category'],
      ['value_missing', 'date'],
    ]);
  });

  it('ignores values the template does not show', () => {
    expect(formatIndexNumber('{orgCode}-{NNNNN}', { orgCode: 'A1', creditCode: 'not a code', date: 'never', sequence: 3 })).toEqual({
      ok: true,
      indexNo: 'A1-00003',
    });
  });

  it('refuses a credit code with a wrong check character', () => {
    const r = formatIndexNumber(DEFAULT_INDEX_TEMPLATE, values({ creditCode: '11441700007280420X' }));
    expect(r).toEqual({ ok: false, problems: [expect.objectContaining({ code: 'value_invalid', field: 'creditCode' })] });
  });

  it('refuses codes with separators or other characters, which would make the number unreadable', () => {
    const r = formatIndexNumber('{orgCode}/{category}-{NNNNN}', values({ orgCode: '0142768-8', category: '政策' }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.code, p.field])).toEqual([
      ['value_invalid', 'orgCode'],
      ['value_invalid', 'category'],
    ]);
  });

  it('refuses a date that does not exist or is not written YYYY-MM-DD', () => {
    for (const date of ['2021-02-29', '2021-13-01', '2021/03/07', '20210307'])
      expect(formatIndexNumber(DEFAULT_INDEX_TEMPLATE, values({ date }))).toEqual({
        ok: false,
        problems: [expect.objectContaining({ code: 'value_invalid', field: 'date' })],
      });
    expect(formatIndexNumber(DEFAULT_INDEX_TEMPLATE, values({ date: '2024-02-29' })).ok).toBe(true);
  });

  it('returns the template problems when the template is wrong', () => {
    expect(formatIndexNumber('{creditCode}', values())).toEqual({
      ok: false,
      problems: [expect.objectContaining({ code: 'no_sequence' })],
    });
  });
});

describe('sequenceScope', () => {
  it('counts the default template per credit code per year, restarting each year', () => {
    expect(sequenceScope(DEFAULT_INDEX_TEMPLATE, values())).toEqual({
      ok: true,
      key: `creditCode=${HUIZHOU};year=2021`,
      restarts: 'yearly',
    });
    const nextYear = sequenceScope(DEFAULT_INDEX_TEMPLATE, values({ date: '2022-01-01' }));
    expect(nextYear.ok && nextYear.key).toBe(`creditCode=${HUIZHOU};year=2022`);
  });

  it('gives the same key whatever the separators and order of the template, so a change of separators does not restart the count', () => {
    const a = sequenceScope('{creditCode}/{YYYY}-{NNNNN}', values());
    const b = sequenceScope('{YYYY}_{creditCode}.{NNNNNN}', values());
    expect(a).toEqual(b);
  });

  it('restarts monthly or daily when the template shows the month or the day', () => {
    expect(sequenceScope('{orgCode}-{YYYY}{MM}-{NNNN}', values())).toEqual({
      ok: true,
      key: 'orgCode=000014349;month=2021-03',
      restarts: 'monthly',
    });
    expect(sequenceScope('{orgCode}-{category}-{YYYYMMDD}-{NNNN}', values())).toEqual({
      ok: true,
      key: 'orgCode=000014349;category=ZC01;day=2021-03-07',
      restarts: 'daily',
    });
  });

  it('never restarts when the template shows no date', () => {
    expect(sequenceScope('{creditCode}-{NNNNNNNN}', values({ date: null }))).toEqual({
      ok: true,
      key: `creditCode=${HUIZHOU}`,
      restarts: 'never',
    });
  });

  it('counts across all orgs when the template shows no org, since the number could not tell them apart', () => {
    const a = sequenceScope('{category}/{YYYY}-{NNNNN}', values({ creditCode: HUIZHOU }));
    const b = sequenceScope('{category}/{YYYY}-{NNNNN}', values({ creditCode: GANSU }));
    expect(a).toEqual({ ok: true, key: 'category=ZC01;year=2021', restarts: 'yearly' });
    expect(b).toEqual(a);
    expect(sequenceScope('{NNNNNNNN}', {})).toEqual({ ok: true, key: '*', restarts: 'never' });
  });

  it('refuses missing values as formatting does', () => {
    const r = sequenceScope(DEFAULT_INDEX_TEMPLATE, { creditCode: HUIZHOU });
    expect(r).toEqual({ ok: false, problems: [expect.objectContaining({ code: 'value_missing', field: 'date' })] });
  });
});

describe('parseIndexNumber', () => {
  const roundTrips: [string, Partial<IndexValues>, string][] = [
    [DEFAULT_INDEX_TEMPLATE, {}, '2021'],
    ['{orgCode}-{category}-{YYYYMMDD}-{NNNN}', { sequence: 1 }, '2021-03-07'],
    ['{orgCode}-{category}-{YYYY}-{NNNNNN}', { orgCode: '01527918X', sequence: 153077 }, '2021'],
    ['{creditCode}_{YYYY}.{MM}_{NNN}', { creditCode: GANSU, sequence: 844 }, '2021-03'],
    ['{orgCode}{YYYY}-{category}{NNNNN}', { orgCode: 'A2021', category: '7', sequence: 12 }, '2021'],
    ['{YYYY}{MM}{DD}{NNNNNNNNNN}', { sequence: 9_999_999_999 }, '2021-03-07'],
  ];

  for (const [template, over, period] of roundTrips) {
    it(`reads back what ${template} formatted`, () => {
      const v = values(over);
      const made = formatIndexNumber(template, v);
      expect(made.ok).toBe(true);
      if (!made.ok) return;
      const read = parseIndexNumber(template, made.indexNo);
      expect(read.ok).toBe(true);
      if (!read.ok) return;
      expect(read.parts.sequence).toBe(v.sequence);
      expect(read.parts.period).toBe(period);
      for (const k of ['creditCode', 'orgCode', 'category'] as const)
        expect(read.parts[k]).toBe(template.includes(`{${k}}`) ? v[k] : undefined);
    });
  }

  it('reads a published gov.cn number', () => {
    expect(parseIndexNumber(DEFAULT_INDEX_TEMPLATE, '11620622013933539B/2021-03844')).toEqual({
      ok: true,
      parts: { creditCode: GANSU, period: '2021', sequence: 3844 },
    });
  });

  it('refuses a number of another shape', () => {
    for (const text of ['000014349/2017-00110', '11441700007280420Y/2021-0005', '11441700007280420Y-2021-00050', '', 'x'.repeat(10_000)])
      expect(parseIndexNumber(DEFAULT_INDEX_TEMPLATE, text)).toEqual({
        ok: false,
        problems: [expect.objectContaining({ code: 'index_number_mismatch' })],
      });
  });

  it('refuses a credit code with a wrong check character', () => {
    expect(parseIndexNumber(DEFAULT_INDEX_TEMPLATE, '11441700007280420X/2021-00050')).toEqual({
      ok: false,
      problems: [expect.objectContaining({ code: 'value_invalid', field: 'creditCode' })],
    });
  });

  it('refuses a date that does not exist and a sequence of zero', () => {
    const r = parseIndexNumber('{orgCode}-{YYYYMMDD}-{NNNN}', 'A1-20210229-0000');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.code)).toEqual(['value_invalid', 'sequence_invalid']);
    expect(parseIndexNumber('{orgCode}-{YYYY}{MM}-{NNNN}', 'A1-202113-0001')).toEqual({
      ok: false,
      problems: [expect.objectContaining({ code: 'value_invalid', field: 'date' })],
    });
  });

  it('refuses a number whose date parts disagree', () => {
    expect(parseIndexNumber('{orgCode}-{YYYY}-{YYYYMMDD}{MM}-{NNNN}', 'A1-2021-2022030703-0001')).toEqual({
      ok: false,
      problems: [expect.objectContaining({ code: 'date_conflict' })],
    });
  });

  it('returns the template problems when the template is wrong', () => {
    expect(parseIndexNumber('{creditCode}/{YYYY}', 'x')).toEqual({
      ok: false,
      problems: [expect.objectContaining({ code: 'no_sequence' })],
    });
  });
});
