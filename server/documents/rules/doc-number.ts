/**
 * 发文字号 (document number) parsing and normalisation, domain-rules §7.7 and GB/T 9704 §7.3:
 * the standard form is `机关代字〔年份〕序号号`, year in full inside 六角括号 (U+3014/U+3015),
 * serial without "第" and without padding zeros. Copies from websites, PDFs and Word files
 * carry many near misses (`[2017]`, `（2017）`, `【2017】`, `﹝2017﹞`, full-width digits,
 * spaces, a missing 号, `第0122号`); they are accepted and normalised, and anything that
 * cannot be read with confidence is refused with Chinese problems for the editor. Pure.
 */

export const DOC_NUMBER_MIN_YEAR = 1949;
export const DOC_NUMBER_MAX_YEAR = 2100;

/** The standard form (§7.7), for checking text that should already be normalised. */
export const DOC_NUMBER_PATTERN = /^(?<org>[\p{Script=Han}A-Za-z0-9]+?)〔(?<year>\d{4})〕(?<seq>[1-9]\d*)号$/u;

export type DocNumberParse =
  { ok: true; normalized: string; orgAbbr: string; year: number; serial: number } | { ok: false; problems: string[] };

// Longer inputs are not a document number; refusing early also bounds the work on hostile text.
const MAX_INPUT_LENGTH = 80;
// Serials beyond six digits do not occur in practice; they signal two numbers run together.
const MAX_SERIAL_DIGITS = 6;

// Brackets seen around the year in real copies. NFKC already folds ［］（）﹝﹞ into [] () 〔〕.
const OPENERS = '〔[(【〖{〈《';
const CLOSERS = '〕])】〗}〉》';
const BRACKETED = new RegExp(`^(.*?)[${escapeClass(OPENERS)}](.*?)[${escapeClass(CLOSERS)}](.*)$`, 'u');

const ORG_ABBR = /^[\p{Script=Han}A-Za-z0-9]+$/u;
const CHINESE_NUMERALS = /[〇○零一二三四五六七八九十百千]/;

function escapeClass(chars: string): string {
  return chars.replace(/[\]\\^[-]/g, (c) => `\\${c}`);
}

/** Folds width variants and drops every kind of whitespace, which copies scatter through numbers. */
function fold(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u200b-\u200d\ufeff]+/gu, '')
    .replace(/^(?:发文字号|文号)[:：]?/u, '');
}

/**
 * Reads a 发文字号 in any common variant. On success `normalized` is the standard form;
 * otherwise every problem found is listed (so the editor can fix them in one go).
 */
export function parseDocNumber(text: string): DocNumberParse {
  if (typeof text !== 'string') return { ok: false, problems: ['发文字号应为文本'] };
  const s = fold(text);
  if (s === '') return { ok: false, problems: ['发文字号为空'] };
  if (s.length > MAX_INPUT_LENGTH) return { ok: false, problems: ['发文字号过长，请只填写一个发文字号'] };

  const m = BRACKETED.exec(s);
  if (!m) {
    const problems = ['缺少用六角括号〔〕括起的年份，标准格式如：攀办函〔2017〕122号'];
    if (/^\d/.test(s)) problems.unshift('缺少机关代字');
    return { ok: false, problems };
  }
  const [, orgPart = '', yearPart = '', rest = ''] = m;
  const problems: string[] = [];

  if (orgPart === '') problems.push('缺少机关代字');
  else if (!ORG_ABBR.test(orgPart)) problems.push(`机关代字只能包含汉字、字母和数字：${orgPart}`);

  let year = NaN;
  if (/^\d{4}$/.test(yearPart)) {
    year = Number(yearPart);
    if (year < DOC_NUMBER_MIN_YEAR || year > DOC_NUMBER_MAX_YEAR)
      problems.push(`年份 ${yearPart} 超出范围（${DOC_NUMBER_MIN_YEAR}—${DOC_NUMBER_MAX_YEAR} 年）`);
  } else if (yearPart === '') problems.push('括号内缺少年份');
  else if (/^\d{2}$/.test(yearPart)) problems.push(`年份应写全四位数字，不能简写为“${yearPart}”`);
  else if (CHINESE_NUMERALS.test(yearPart)) problems.push('年份应使用阿拉伯数字');
  else problems.push(`年份应为四位阿拉伯数字：${yearPart}`);

  // A serial may come as "第0122号", "122号" or "122"; at most one trailing 号 is expected.
  const serialText = rest.replace(/号$/u, '').replace(/^第/u, '');
  let serial = NaN;
  if (/^第?\d+号./u.test(rest)) problems.push('“号”字之后不应再有其他内容');
  else if (serialText === '') problems.push('缺少发文顺序号');
  else if (/^\d+$/.test(serialText)) {
    const digits = serialText.replace(/^0+/, '');
    if (digits === '') problems.push('发文顺序号不能为 0');
    else if (digits.length > MAX_SERIAL_DIGITS) problems.push(`发文顺序号过大：${digits}`);
    else serial = Number(digits);
  } else if (CHINESE_NUMERALS.test(serialText)) problems.push('发文顺序号应使用阿拉伯数字');
  else problems.push(`发文顺序号应为阿拉伯数字：${serialText}`);

  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, normalized: `${orgPart}〔${year}〕${serial}号`, orgAbbr: orgPart, year, serial };
}

/** The standard form of `text`, or null when it cannot be read as a 发文字号. */
export function normalizeDocNumber(text: string): string | null {
  const r = parseDocNumber(text);
  return r.ok ? r.normalized : null;
}

/** True when `text` can be read as a 发文字号 (possibly after normalisation). */
export function isValidDocNumber(text: string): boolean {
  return parseDocNumber(text).ok;
}

/** True only when `text` is already exactly in the standard form (for lint-style checks). */
export function isStandardDocNumber(text: string): boolean {
  return typeof text === 'string' && normalizeDocNumber(text) === text;
}
