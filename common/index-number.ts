/**
 * 索引号 (index number) of the disclosure catalogue (条例 第十二条: the 目录 lists 索引 for each
 * item; domain-rules.md §4.4). There is no national format, so the platform and each org set a
 * template of segments:
 *
 *   {creditCode}  the org's 统一社会信用代码 (18 characters, check character verified)
 *   {orgCode}     an org code (letters and digits, 1–32)
 *   {category}    the catalogue category code (letters and digits, 1–32)
 *   {YYYY} {MM} {DD} or {YYYYMMDD}   parts of the number's date (a Beijing calendar date)
 *   {NNNNN}       the sequence, zero padded to as many digits as there are N (3–10)
 *   / - _ .       separators, the only literal characters
 *
 * The default `{creditCode}/{YYYY}-{NNNNN}` is the form used by gov.cn and most ministries
 * (e.g. `11441700007280420Y/2021-00050`).
 *
 * Values contain no separators, and two codes of free length ({orgCode}, {category}) must have a
 * separator between them: then every number reads back in exactly one way. One consequence: the
 * hyphen of an old 组织机构代码 (`0142768-8`) is not part of an {orgCode}; write `01427688`.
 *
 * Uniqueness: the allocator counts the sequence within `sequenceScope(...).key`, which is made of
 * exactly the values the template shows. Two numbers that read the same then have the same scope
 * and so different sequences. The template's separators and order are not part of the key, so a
 * change of separators keeps counting instead of restarting (restarting could repeat a number
 * issued under the old template if the old one were brought back). Pure.
 */
import { isExistingDate } from './dates.ts';
import { isValidCreditCode } from './codes.ts';

export const DEFAULT_INDEX_TEMPLATE = '{creditCode}/{YYYY}-{NNNNN}';
export const MAX_TEMPLATE_LENGTH = 64;
export const MIN_SEQUENCE_WIDTH = 3;
export const MAX_SEQUENCE_WIDTH = 10;
/** Longest {orgCode} or {category} value. */
export const MAX_CODE_LENGTH = 32;
/** Longer text cannot be an index number of any valid template; refused before matching. */
const MAX_INDEX_NUMBER_LENGTH = MAX_TEMPLATE_LENGTH + 2 * MAX_CODE_LENGTH + 18;

export const SEPARATORS = ['/', '-', '_', '.'] as const;
export type Separator = (typeof SEPARATORS)[number];

/** Segments that stand for a value; `year`…`date` are {YYYY}, {MM}, {DD}, {YYYYMMDD}. */
export type ValueSegmentKind = 'creditCode' | 'orgCode' | 'category' | 'year' | 'month' | 'day' | 'date';

export type IndexSegment = { kind: 'literal'; text: Separator } | { kind: ValueSegmentKind } | { kind: 'sequence'; width: number };

export type TemplateProblemCode =
  | 'template_empty'
  | 'template_too_long'
  | 'unsafe_character'
  | 'literal_not_separator'
  | 'unbalanced_brace'
  | 'unknown_segment'
  | 'no_sequence'
  | 'multiple_sequences'
  | 'sequence_width'
  | 'repeated_segment'
  | 'incomplete_date'
  | 'ambiguous_codes'
  | 'separator_placement';

export type ValueProblemCode = 'value_missing' | 'value_invalid' | 'sequence_invalid' | 'sequence_too_large';

export type ReadProblemCode = 'index_number_mismatch' | 'value_invalid' | 'sequence_invalid' | 'date_conflict';

export type IndexValueField = 'creditCode' | 'orgCode' | 'category' | 'date' | 'sequence';

export interface IndexProblem<C extends string = TemplateProblemCode | ValueProblemCode | ReadProblemCode> {
  /** Stable, for tests and clients. */
  code: C;
  /** For the user, in Chinese. */
  message: string;
  /** The value at fault, for value problems. */
  field?: IndexValueField;
}

export type TemplateProblem = IndexProblem<TemplateProblemCode>;

export type TemplateResult = { ok: true; segments: IndexSegment[] } | { ok: false; problems: TemplateProblem[] };

export interface IndexValues {
  creditCode?: string | null;
  orgCode?: string | null;
  category?: string | null;
  /** The number's date, `YYYY-MM-DD` (Asia/Shanghai). */
  date?: string | null;
  /** 1, 2, 3…; must fit the template's sequence width. */
  sequence: number;
}

/** How often the count starts again at 1: the finest date part the template shows. */
export type Restart = 'never' | 'yearly' | 'monthly' | 'daily';

export type ScopeResult =
  { ok: true; key: string; restarts: Restart } | { ok: false; problems: IndexProblem<TemplateProblemCode | ValueProblemCode>[] };

/** The parts of a number read back: the values its template shows. */
export interface IndexNumberParts {
  creditCode?: string;
  orgCode?: string;
  category?: string;
  /** As much of the date as the template shows: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
  period?: string;
  sequence: number;
}

const NAMED: Record<string, ValueSegmentKind> = {
  creditCode: 'creditCode',
  orgCode: 'orgCode',
  category: 'category',
  YYYY: 'year',
  MM: 'month',
  DD: 'day',
  YYYYMMDD: 'date',
};

const SEGMENT_LABEL: Record<ValueSegmentKind, string> = {
  creditCode: '{creditCode}',
  orgCode: '{orgCode}',
  category: '{category}',
  year: '{YYYY}',
  month: '{MM}',
  day: '{DD}',
  date: '{YYYYMMDD}',
};

const FIELD_LABEL: Record<IndexValueField, string> = {
  creditCode: '统一社会信用代码',
  orgCode: '机构代码',
  category: '目录类别代码',
  date: '日期',
  sequence: '序号',
};

const AVAILABLE = '可用的字段：{creditCode} {orgCode} {category} {YYYY} {MM} {DD} {YYYYMMDD} {NNNNN}（N 的个数为序号位数）';
const SAFE_CHAR = /^[A-Za-z0-9{}/_.-]$/;
const CODE_VALUE = new RegExp(`^[A-Za-z0-9]{1,${MAX_CODE_LENGTH}}$`);

const isSeparator = (c: string): c is Separator => (SEPARATORS as readonly string[]).includes(c);
const shown = (c: string) => (/^[\x21-\x7e]$/.test(c) ? c : `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`);

/** The segments of an index-number template, or every problem found in it. */
export function parseTemplate(template: string): TemplateResult {
  if (template.trim() === '') return fail([{ code: 'template_empty', message: '索引号格式不能为空' }]);
  // Stop here: a pasted document should not produce thousands of problems.
  if (template.length > MAX_TEMPLATE_LENGTH)
    return fail([{ code: 'template_too_long', message: `索引号格式不能超过 ${MAX_TEMPLATE_LENGTH} 个字符` }]);

  const problems: TemplateProblem[] = [];
  const unsafe = [...new Set([...template].filter((c) => !SAFE_CHAR.test(c)))];
  if (unsafe.length > 0)
    problems.push({
      code: 'unsafe_character',
      message: `索引号格式含有不允许的字符：${unsafe.map((c) => `「${shown(c)}」`).join('')}；分隔符只能用 / - _ .`,
    });

  // Anything that is not a valid segment leaves an 'invalid' token, so that the checks of
  // separators and codes below do not report the consequences of a problem already reported.
  const tokens: Token[] = [];
  let i = 0;
  while (i < template.length) {
    const c = template[i] ?? '';
    if (c === '{') {
      const close = template.indexOf('}', i + 1);
      const nextOpen = template.indexOf('{', i + 1);
      if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
        problems.push({ code: 'unbalanced_brace', message: `第 ${i + 1} 个字符处的「{」没有对应的「}」` });
        tokens.push(INVALID);
        i = nextOpen >= 0 ? nextOpen : template.length;
        continue;
      }
      const name = template.slice(i + 1, close);
      const kind = NAMED[name];
      if (kind) tokens.push({ kind });
      else if (/^N+$/.test(name)) tokens.push({ kind: 'sequence', width: name.length });
      else {
        problems.push({ code: 'unknown_segment', message: `未知的字段「{${name}}」。${AVAILABLE}` });
        tokens.push(INVALID);
      }
      i = close + 1;
    } else if (c === '}') {
      problems.push({ code: 'unbalanced_brace', message: `第 ${i + 1} 个字符处的「}」没有对应的「{」` });
      tokens.push(INVALID);
      i += 1;
    } else if (isSeparator(c)) {
      tokens.push({ kind: 'literal', text: c });
      i += 1;
    } else {
      const run = /^[^{}/_.-]+/.exec(template.slice(i))?.[0] ?? c;
      // Characters outside the safe set were reported above; letters and digits get their own message.
      if (/[A-Za-z0-9]/.test(run))
        problems.push({
          code: 'literal_not_separator',
          message: `「${[...run].filter((x) => SAFE_CHAR.test(x)).join('')}」不在花括号内：字段须写在 {} 中，字段之间只能用分隔符 / - _ .`,
        });
      tokens.push(INVALID);
      i += run.length;
    }
  }

  problems.push(...structureProblems(tokens));
  return problems.length > 0 ? fail(problems) : { ok: true, segments: tokens.filter((t): t is IndexSegment => t.kind !== 'invalid') };
}

type Token = IndexSegment | { kind: 'invalid' };
const INVALID: Token = { kind: 'invalid' };

function structureProblems(segments: readonly Token[]): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const sequences = segments.filter((s): s is { kind: 'sequence'; width: number } => s.kind === 'sequence');
  if (sequences.length === 0) problems.push({ code: 'no_sequence', message: '索引号格式须含一个序号字段，如 {NNNNN}（5 位，不足补零）' });
  if (sequences.length > 1) problems.push({ code: 'multiple_sequences', message: '索引号格式只能含一个序号字段' });
  for (const s of sequences) {
    if (s.width < MIN_SEQUENCE_WIDTH || s.width > MAX_SEQUENCE_WIDTH)
      problems.push({
        code: 'sequence_width',
        message: `序号位数为 ${s.width}，应为 ${MIN_SEQUENCE_WIDTH}–${MAX_SEQUENCE_WIDTH} 位（N 的个数）`,
      });
  }

  const counts = new Map<ValueSegmentKind, number>();
  for (const s of segments)
    if (s.kind !== 'literal' && s.kind !== 'sequence' && s.kind !== 'invalid') counts.set(s.kind, (counts.get(s.kind) ?? 0) + 1);
  for (const [kind, n] of counts)
    if (n > 1) problems.push({ code: 'repeated_segment', message: `字段 ${SEGMENT_LABEL[kind]} 出现了 ${n} 次，每个字段只能出现一次` });

  const has = (k: ValueSegmentKind) => counts.has(k);
  if (has('month') && !has('year') && !has('date'))
    problems.push({ code: 'incomplete_date', message: '使用 {MM} 时须同时使用 {YYYY}，否则不同年份的索引号会重复' });
  if (has('day') && !has('month') && !has('date'))
    problems.push({ code: 'incomplete_date', message: '使用 {DD} 时须同时使用 {YYYY} 和 {MM}，否则不同月份的索引号会重复' });

  // A free-length code must be followed by a separator before the next free-length code, or the number cannot be read back.
  let lastFree: 'orgCode' | 'category' | null = null;
  for (const s of segments) {
    if (s.kind === 'literal' || s.kind === 'invalid') lastFree = null;
    else if (s.kind === 'orgCode' || s.kind === 'category') {
      if (lastFree)
        problems.push({
          code: 'ambiguous_codes',
          message: `${SEGMENT_LABEL[lastFree]} 与 ${SEGMENT_LABEL[s.kind]} 长度不固定，二者之间须有分隔符，否则索引号无法唯一识读`,
        });
      lastFree = s.kind;
    }
  }

  const first = segments[0];
  const last = segments[segments.length - 1];
  if (first?.kind === 'literal') problems.push({ code: 'separator_placement', message: '索引号格式不能以分隔符开头' });
  if (last?.kind === 'literal' && segments.length > 1)
    problems.push({ code: 'separator_placement', message: '索引号格式不能以分隔符结尾' });
  for (let k = 1; k < segments.length; k++) {
    if (segments[k]?.kind === 'literal' && segments[k - 1]?.kind === 'literal') {
      problems.push({ code: 'separator_placement', message: '索引号格式中不能有连续的分隔符' });
      break;
    }
  }
  return problems;
}

/** The index number for these values under `template`, or every reason it cannot be made. */
export function formatIndexNumber(
  template: string,
  values: IndexValues,
): { ok: true; indexNo: string } | { ok: false; problems: IndexProblem<TemplateProblemCode | ValueProblemCode>[] } {
  const parsed = parseTemplate(template);
  if (!parsed.ok) return parsed;
  const problems: IndexProblem<ValueProblemCode>[] = [...valueProblems(parsed.segments, values)];
  const seq = parsed.segments.find((s) => s.kind === 'sequence');
  const width = seq?.kind === 'sequence' ? seq.width : 0;
  if (!Number.isSafeInteger(values.sequence) || values.sequence < 1)
    problems.push({ code: 'sequence_invalid', field: 'sequence', message: '序号应为正整数' });
  else if (String(values.sequence).length > width)
    problems.push({
      code: 'sequence_too_large',
      field: 'sequence',
      message: `序号 ${values.sequence} 超过 ${width} 位，本范围内的索引号已用完，请调整索引号格式的序号位数`,
    });
  if (problems.length > 0) return fail(problems);

  // Checked above: every value the template needs is present and well formed.
  const text = parsed.segments
    .map((s) => {
      const date = values.date ?? '';
      switch (s.kind) {
        case 'literal':
          return s.text;
        case 'sequence':
          return String(values.sequence).padStart(s.width, '0');
        case 'creditCode':
          return values.creditCode ?? '';
        case 'orgCode':
          return values.orgCode ?? '';
        case 'category':
          return values.category ?? '';
        case 'year':
          return date.slice(0, 4);
        case 'month':
          return date.slice(5, 7);
        case 'day':
          return date.slice(8, 10);
        case 'date':
          return date.replaceAll('-', '');
      }
    })
    .join('');
  return { ok: true, indexNo: text };
}

/**
 * The key the sequence is counted within, and how often counting restarts. The key is made of the
 * values the template shows, in a fixed order, whatever its separators: with the default template it
 * is per credit code per year (`creditCode=…;year=2025`, restarting each year); a template showing
 * {YYYYMMDD} counts per day; one with no date part never restarts; one with no org segment counts
 * across every org that uses it (the number shows no org, so only a shared count keeps it unique).
 */
export function sequenceScope(template: string, values: Omit<IndexValues, 'sequence'>): ScopeResult {
  const parsed = parseTemplate(template);
  if (!parsed.ok) return parsed;
  const problems = valueProblems(parsed.segments, values);
  if (problems.length > 0) return fail(problems);
  const kinds = new Set(parsed.segments.map((s) => s.kind));
  const date = values.date ?? '';
  const parts: string[] = [];
  for (const k of ['creditCode', 'orgCode', 'category'] as const) if (kinds.has(k)) parts.push(`${k}=${values[k] ?? ''}`);
  const restarts: Restart =
    kinds.has('date') || kinds.has('day') ? 'daily' : kinds.has('month') ? 'monthly' : kinds.has('year') ? 'yearly' : 'never';
  if (restarts === 'daily') parts.push(`day=${date}`);
  if (restarts === 'monthly') parts.push(`month=${date.slice(0, 7)}`);
  if (restarts === 'yearly') parts.push(`year=${date.slice(0, 4)}`);
  return { ok: true, key: parts.length > 0 ? parts.join(';') : '*', restarts };
}

/** The values an index number shows under `template`, or why it does not fit the template. */
export function parseIndexNumber(
  template: string,
  text: string,
): { ok: true; parts: IndexNumberParts } | { ok: false; problems: IndexProblem<TemplateProblemCode | ReadProblemCode>[] } {
  const parsed = parseTemplate(template);
  if (!parsed.ok) return parsed;
  const mismatch = {
    code: 'index_number_mismatch' as const,
    message: `索引号「${text.length > 80 ? `${text.slice(0, 80)}…` : text}」与索引号格式 ${template} 不符`,
  };
  if (text.length > MAX_INDEX_NUMBER_LENGTH) return fail([mismatch]);
  const pattern = new RegExp(`^${parsed.segments.map(segmentPattern).join('')}$`);
  const m = pattern.exec(text);
  if (!m) return fail([mismatch]);

  const problems: IndexProblem<ReadProblemCode>[] = [];
  const out: IndexNumberParts = { sequence: 0 };
  let year: string | undefined;
  let month: string | undefined;
  let day: string | undefined;
  let conflict = false;
  const agree = (old: string | undefined, v: string) => {
    if (old !== undefined && old !== v) conflict = true;
    return v;
  };
  parsed.segments
    .filter((s) => s.kind !== 'literal')
    .forEach((s, n) => {
      const v = m[n + 1] ?? '';
      if (s.kind === 'sequence') out.sequence = Number(v);
      else if (s.kind === 'creditCode' || s.kind === 'orgCode' || s.kind === 'category') out[s.kind] = v;
      else if (s.kind === 'year') year = agree(year, v);
      else if (s.kind === 'month') month = agree(month, v);
      else if (s.kind === 'day') day = agree(day, v);
      else {
        year = agree(year, v.slice(0, 4));
        month = agree(month, v.slice(4, 6));
        day = agree(day, v.slice(6, 8));
      }
    });

  if (out.creditCode !== undefined && !isValidCreditCode(out.creditCode))
    problems.push({ code: 'value_invalid', field: 'creditCode', message: `索引号中的统一社会信用代码 ${out.creditCode} 校验位不正确` });
  if (conflict) problems.push({ code: 'date_conflict', field: 'date', message: '索引号中各处的日期不一致' });
  else if (year !== undefined) {
    const period = [year, month, day].filter((p) => p !== undefined).join('-');
    const probe = month === undefined ? `${year}-01-01` : day === undefined ? `${year}-${month}-01` : period;
    if (!isExistingDate(probe)) problems.push({ code: 'value_invalid', field: 'date', message: `索引号中的日期 ${period} 不存在` });
    else out.period = period;
  }
  if (out.sequence < 1) problems.push({ code: 'sequence_invalid', field: 'sequence', message: '索引号中的序号不能为 0' });
  return problems.length > 0 ? fail(problems) : { ok: true, parts: out };
}

function segmentPattern(s: IndexSegment): string {
  switch (s.kind) {
    case 'literal':
      return s.text.replace(/[.\-/]/g, '\\$&');
    case 'sequence':
      return `(\\d{${s.width}})`;
    case 'creditCode':
      return '([0-9A-HJ-NPQRTUWXY]{18})';
    case 'orgCode':
    case 'category':
      return `([A-Za-z0-9]{1,${MAX_CODE_LENGTH}})`;
    case 'year':
      return '(\\d{4})';
    case 'month':
    case 'day':
      return '(\\d{2})';
    case 'date':
      return '(\\d{8})';
  }
}

/** Problems with the values the template needs (the sequence is checked by the caller). */
function valueProblems(segments: readonly IndexSegment[], values: Omit<IndexValues, 'sequence'>): IndexProblem<ValueProblemCode>[] {
  const kinds = new Set(segments.map((s) => s.kind));
  const problems: IndexProblem<ValueProblemCode>[] = [];
  const missing = (field: IndexValueField) =>
    problems.push({ code: 'value_missing', field, message: `索引号格式需要${FIELD_LABEL[field]}，但未提供` });
  const invalid = (field: IndexValueField, message: string) => problems.push({ code: 'value_invalid', field, message });

  if (kinds.has('creditCode')) {
    if (!values.creditCode) missing('creditCode');
    else if (!isValidCreditCode(values.creditCode)) invalid('creditCode', `统一社会信用代码 ${values.creditCode} 格式或校验位不正确`);
  }
  for (const field of ['orgCode', 'category'] as const) {
    if (!kinds.has(field)) continue;
    const v = values[field];
    if (!v) missing(field);
    else if (!CODE_VALUE.test(v)) invalid(field, `${FIELD_LABEL[field]}只能由 1–${MAX_CODE_LENGTH} 位字母或数字组成，不能含分隔符`);
  }
  if (kinds.has('year') || kinds.has('month') || kinds.has('day') || kinds.has('date')) {
    if (!values.date) missing('date');
    else if (!isExistingDate(values.date)) invalid('date', `日期 ${values.date} 无效，应为存在的日期，格式 YYYY-MM-DD`);
  }
  return problems;
}

function fail<P>(problems: P[]): { ok: false; problems: P[] } {
  return { ok: false, problems };
}
