/**
 * Reads the metadata and body of a 公文 (党政机关公文, GB/T 9704-2012; domain-rules §7) from
 * plain text as it arrives from copy-and-paste, PDF text extraction or a Word file. Pure.
 *
 * Such text is not laid out like the printed page: PDF extraction breaks every line of the
 * 28-character grid (often with a blank line after each), spaces out letter-spaced titles,
 * keeps page numbers ("— 2 —") and can even move the title and 发文字号 into the middle of
 * the body. So fields are recognised by what they look like (a standalone 发文字号, a
 * "关于…的通知" title, a colon-terminated 主送 line, a date line after a 署名), not by line
 * position, and the body is re-flowed from the surviving lines. Missing fields are null.
 */
import { parseDocNumber } from './doc-number.ts';
import type { ParsedDocument } from '../../../common/schemas/content.ts';

export interface OfficialDocument {
  /** 发文字号 in standard form, e.g. 攀办函〔2017〕122号. */
  docNumber: string | null;
  /** 标题, re-joined when it spans lines. */
  title: string | null;
  /** 发文机关: the 署名, else the 版头 标志, else the 机关代字 looked up in `orgByAbbr`. */
  issuingOrg: string | null;
  /** 主送机关, split on 、and ，(not inside brackets). */
  recipients: string[] | null;
  /** 成文日期 as YYYY-MM-DD. */
  writtenOn: string | null;
  /** Names from the 附件说明, without their numbers. */
  attachments: string[] | null;
  /** The 公开 note as written, without its brackets, e.g. 此件公开发布. */
  disclosure: string | null;
  /** 正文 between the 主送 line and the 附件说明/署名, one paragraph per line. */
  body: string;
}

export interface ParseOptions {
  /**
   * 机关代字 → 发文机关, per city (§7.7: the mapping must stay configurable), used only when
   * the text has neither a 署名 nor a 版头. Keys may be a full 代字 (攀办函) or a prefix (攀办).
   */
  orgByAbbr?: Readonly<Record<string, string>>;
}

/** The fields the CLI prints, in the order it prints them (the import API adds the body). */
export type DocumentSummary = Omit<ParsedDocument, 'bodyHtml'>;

/** Exactly the summary keys in their fixed order, so printers need no knowledge of the parser. */
export function documentSummary(doc: OfficialDocument): DocumentSummary {
  return {
    docNumber: doc.docNumber,
    title: doc.title,
    issuingOrg: doc.issuingOrg,
    recipients: doc.recipients,
    writtenOn: doc.writtenOn,
    attachments: doc.attachments,
    disclosure: doc.disclosure,
  };
}

// ---------------------------------------------------------------------------------------
// Lines

interface Line {
  /** Trimmed; spaces inside Chinese text removed, full-width digits folded, space runs collapsed. */
  text: string;
  /** Trimmed original, layout gaps kept (joint 署名 are separated by wide gaps). */
  raw: string;
  /** Leading whitespace in half-width units (a full-width space counts 2). */
  indent: number;
  /** Display width of `raw` in half-width units, for telling wrapped lines from paragraph ends. */
  width: number;
  /** A blank line (not a page break) separates this line from the previous one. */
  blankBefore: boolean;
}

// Han, CJK punctuation, full-width forms and the Chinese quote/dash/ellipsis marks.
const CJK = '\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef\\u2014\\u2026\\u2018\\u2019\\u201c\\u201d\\u00b7';
// Chinese never separates characters with spaces; PDF copies and justified Word text do.
const SPACE_IN_CJK = new RegExp(`(?<=[${CJK}])[ \\u3000]+(?=[${CJK}0-9])|(?<=[${CJK}0-9])[ \\u3000]+(?=[${CJK}])`, 'gu');

const PAGE_NUMBER = [
  /^[-－—–―─‒]{1,3}\s*\d{1,4}\s*[-－—–―─‒]{1,3}$/u,
  /^第\s*\d{1,4}\s*页(?:\s*[,，/、]?\s*共\s*\d{1,4}\s*页)?$/u,
  /^\d{1,4}\s*\/\s*\d{1,4}$/u,
  // A bare short number on its own line is a page number in every copy seen; 份号 are 6 digits.
  /^\d{1,3}$/u,
];

function tidy(s: string): string {
  return s
    .replace(/[０-９]/gu, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(SPACE_IN_CJK, '')
    .replace(/[ \u3000]{2,}/gu, ' ');
}

function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    w += c >= 0x2e80 || (c >= 0x2014 && c <= 0x2026) ? 2 : 1;
  }
  return w;
}

function toLines(input: string): Line[] {
  const s = input
    .replace(/\r\n?|[\u2028\u2029\f\v\u0085]/gu, '\n')
    .replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/gu, '')
    .replace(/[\u00a0\u1680\u2000-\u200a\u202f\u205f]/gu, ' ')
    .replace(/\t/gu, '  ')
    // eslint-disable-next-line no-control-regex -- stray control bytes from PDF extraction must go
    .replace(/[\u0000-\u0008\u000e-\u001f\u007f]/gu, '');
  const out: Line[] = [];
  let blank = false;
  let pageBreak = false;
  for (const rawLine of s.split('\n')) {
    const raw = rawLine.trim();
    if (raw === '') {
      blank = true;
      continue;
    }
    const text = tidy(raw);
    if (PAGE_NUMBER.some((re) => re.test(text))) {
      pageBreak = true;
      continue;
    }
    let indent = 0;
    for (const ch of rawLine) {
      if (ch === ' ') indent += 1;
      else if (ch === '\u3000') indent += 2;
      else break;
    }
    // A page break is not a paragraph break: the text simply continues on the next page.
    out.push({ text, raw, indent, width: displayWidth(raw), blankBefore: blank && !pageBreak });
    blank = false;
    pageBreak = false;
  }
  // Some extractors put the page margin in front of every line; only indentation beyond it means anything.
  const margin = out.reduce((m, l) => Math.min(m, l.indent), Infinity);
  if (margin > 0 && Number.isFinite(margin)) for (const l of out) l.indent -= margin;
  return out;
}

// ---------------------------------------------------------------------------------------
// Line shapes

const HEADING =
  /^(?:[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十百]+[）)]|\d{1,2}[.．](?!\d)|[（(]\d{1,2}[）)]|第[一二三四五六七八九十百零〇\d]+[章节条])/u;
const ENDS_SENTENCE = /(?:[。！？；：!?;:]|[。！？][”’」』）)])$/u;
const PUNCTUATION = /[。，；：,;:！!？?]/u;
const ORG_SUFFIX =
  /(?:人民政府|政府|办公室|办公厅|委员会|常委会|管委会|委|局|厅|院|部|处|科|所|中心|(?<!网)站|馆|队|会|社|办|组|公司|集团|党委|党组|大学|学校|学院|法院|检察院|指挥部)(?:[（(][^）)]{1,10}[）)])?$/u;
const TITLE_START = /^(?:\p{Script=Han}{2,30}?)?关于/u;
const DOC_TYPES = '通知|意见|通报|决定|批复|复函|函|报告|请示|公告|通告|决议|命令|公报|议案|纪要|答复|规定|办法|方案|细则';
const TITLE_SUFFIX = new RegExp(`的\\p{Script=Han}{0,4}?(?:${DOC_TYPES})$`, 'u');
// A title without 关于 (公告, 通告, 令…): only trusted right after a 版头 or 发文字号.
const PLAIN_TITLE_SUFFIX = new RegExp(`(?:${DOC_TYPES}|令)$`, 'u');
const MAX_TITLE_LENGTH = 120;
const MAX_TITLE_LINE = 60;

const SECRECY = /^(?:密级[:：]?)?(?:绝密|机密|秘密)(?:★.{0,10})?$/u;
const URGENCY = /^(?:紧急程度[:：]?)?(?:特急|加急|特提|平急)$/u;
const COPY_NUMBER = /^(?:份号[:：]?)?\d{6}$/u;
const SIGNER = /^签发人[:：]/u;
const BANJI_START = /^(?:抄送|抄报|分送|发送)[:：]/u;
const PRINTED_ON = /^\S.{0,40}?\d{4}年\d{1,2}月\d{1,2}日\s*印发$/u;
// 此件公开发布, 此件主动公开, 此件不予公开, 此件删减后公开…: always ending in the 公开 verb.
const DISCLOSURE_NOTE = /^[（(]?\s*(此件\p{Script=Han}{0,6}?(?:公开|公布|发布))\s*[）)]?$/u;
const DISCLOSURE_FIELD = /^((?:公开方式|公开属性|公开选项|信息公开选项)[:：]\s*\S{2,12})$/u;
const ATTACHMENTS = /^附件[:：]/u;
const ITEM_NUMBER = /^(?:\d{1,2}\s*[.．、]|[（(]\d{1,2}[）)])\s*/u;
const RECIPIENT_NOT = /如下|现将|现就|为了|为进一步|根据|按照|经研究|通知|附件/u;

function endsSentence(t: string): boolean {
  return ENDS_SENTENCE.test(t);
}

function isHeading(t: string): boolean {
  return HEADING.test(t);
}

function balanced(t: string): boolean {
  const count = (re: RegExp) => (t.match(re) ?? []).length;
  return count(/《/gu) === count(/》/gu) && count(/[（(]/gu) === count(/[）)]/gu) && count(/“/gu) === count(/”/gu);
}

function isTitleText(t: string, plain: boolean): boolean {
  if (t.length < 4 || t.length > MAX_TITLE_LENGTH || PUNCTUATION.test(t) || !balanced(t)) return false;
  return plain ? PLAIN_TITLE_SUFFIX.test(t) : TITLE_START.test(t) && TITLE_SUFFIX.test(t);
}

function canContinueTitle(t: string): boolean {
  return t.length <= MAX_TITLE_LINE && !PUNCTUATION.test(t) && !isHeading(t) && readDate(t) === null;
}

/** The org a 版头 标志 line names ("…文件" or a bare org name), or null for other header lines. */
function emblemOrg(t: string): string | null {
  if (t.length > 40 || PUNCTUATION.test(t) || COPY_NUMBER.test(t) || SECRECY.test(t) || URGENCY.test(t)) return null;
  const m = /^(.{2,40}?)文件$/u.exec(t);
  if (m?.[1]) return m[1];
  return ORG_SUFFIX.test(t) ? t : null;
}

function isHeaderLine(t: string): boolean {
  return COPY_NUMBER.test(t) || SECRECY.test(t) || URGENCY.test(t) || SIGNER.test(t) || /^.{2,40}?文件$/u.test(t);
}

// ---------------------------------------------------------------------------------------
// Dates

// A whole line that is a date, possibly after a 署名 on the same line.
const ARABIC_DATE_LINE = /^(.*?)(\d{4})年(\d{1,2})月(\d{1,2})日$/u;
const CHINESE_DATE_LINE = /^(.*?)([〇○◯零OoＯｏ0一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$/u;
const DIGIT: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

function chineseNumber(s: string): number {
  const i = s.indexOf('十');
  if (i < 0) return s.length === 1 ? (DIGIT[s] ?? NaN) : NaN;
  const tens = i === 0 ? 1 : (DIGIT[s.slice(0, i)] ?? NaN);
  const rest = s.slice(i + 1);
  const ones = rest === '' ? 0 : (DIGIT[rest] ?? NaN);
  return tens * 10 + ones;
}

function chineseYear(s: string): number {
  let y = 0;
  for (const ch of s) y = y * 10 + (DIGIT[ch] ?? (/[〇○◯零OoＯｏ0]/u.test(ch) ? 0 : NaN));
  return y;
}

function isoDate(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (y < 1949 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = m === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
  if (d > days) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A line that is a date, optionally preceded by a 署名: the ISO date and that prefix. */
function readDate(t: string): { date: string; prefix: string } | null {
  if (t.length > 60) return null;
  const a = ARABIC_DATE_LINE.exec(t);
  if (a) {
    const date = isoDate(Number(a[2]), Number(a[3]), Number(a[4]));
    return date ? { date, prefix: (a[1] ?? '').trim() } : null;
  }
  const c = CHINESE_DATE_LINE.exec(t);
  if (c) {
    const date = isoDate(chineseYear(c[2] ?? ''), chineseNumber(c[3] ?? ''), chineseNumber(c[4] ?? ''));
    return date ? { date, prefix: (c[1] ?? '').trim() } : null;
  }
  return null;
}

// ---------------------------------------------------------------------------------------
// Lists

/** Splits on 、，,；; outside brackets, so 各县（市、区）人民政府 stays one recipient. */
function splitList(t: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of t) {
    if ('（(《〔[【'.includes(ch)) depth++;
    else if ('）)》〕]】'.includes(ch)) depth = Math.max(0, depth - 1);
    if (depth === 0 && '、，,；;'.includes(ch)) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim().replace(/[。.]$/u, '')).filter((s) => s !== '');
}

function cleanItem(t: string): string {
  return t
    .replace(ITEM_NUMBER, '')
    .replace(/[。；;，,、\s]+$/u, '')
    .trim();
}

// ---------------------------------------------------------------------------------------
// Wrapping and paragraphs

// Lines this close to the common line width were broken by the layout, not by the author.
const FULL_TOLERANCE = 8;

/**
 * The width the text was hard-wrapped at, or null when lines are whole paragraphs (Word,
 * web copies). Wrapped text has many lines of nearly the same width that mostly end
 * mid-sentence; paragraph text has widths all over the place that mostly end with 。.
 */
function wrapWidth(lines: readonly Line[]): number | null {
  const widths = lines
    .map((l) => l.width)
    .filter((w) => w >= 16 && w <= 160)
    .sort((a, b) => a - b);
  if (widths.length < 6) return null;
  const p = widths[Math.floor(widths.length * 0.8)] ?? 0;
  if (p > 120) return null;
  const near = lines.filter((l) => l.width >= p - FULL_TOLERANCE && l.width <= p + 4);
  if (near.length < Math.max(4, widths.length * 0.4)) return null;
  const ended = near.filter((l) => endsSentence(l.text)).length;
  return ended < near.length * 0.5 ? p : null;
}

/** What goes between two joined lines: only Latin words need the space back; Chinese and split numbers join directly. */
function joiner(a: string, b: string): string {
  return /[A-Za-z]/u.test(a.slice(-1)) && /^[A-Za-z0-9]/u.test(b) ? ' ' : '';
}

function reflow(lines: readonly Line[], wrap: number | null): string {
  const paragraphs: string[] = [];
  // Parts are joined once per paragraph: growing one string and inspecting its end per line is quadratic.
  let parts: string[] = [];
  let prev: Line | null = null;
  for (const l of lines) {
    if (prev && continues(prev, l, wrap)) parts.push(joiner(prev.text, l.text), l.text);
    else {
      if (parts.length > 0) paragraphs.push(parts.join(''));
      parts = [l.text];
    }
    prev = l;
  }
  if (parts.length > 0) paragraphs.push(parts.join(''));
  return paragraphs.join('\n');
}

function continues(a: Line, b: Line, wrap: number | null): boolean {
  // GB/T 9704 indents every paragraph by two characters; continuation lines are flush left.
  if (b.indent >= 2 || isHeading(b.text)) return false;
  const aFull = wrap !== null && a.width >= wrap - FULL_TOLERANCE;
  if (isHeading(a.text) && (!aFull || endsSentence(a.text))) return false;
  if (wrap !== null) return aFull || !endsSentence(a.text);
  return !b.blankBefore && !endsSentence(a.text);
}

// ---------------------------------------------------------------------------------------
// The parser

/** Reads a 公文 from text. Never throws; anything it cannot find is null. */
export function parseOfficialDocument(text: string, options: ParseOptions = {}): OfficialDocument {
  const lines = toLines(typeof text === 'string' ? text : '');
  const n = lines.length;
  const wrap = wrapWidth(lines);
  const isFull = (l: Line) => wrap !== null && l.width >= wrap - FULL_TOLERANCE;
  const used: boolean[] = new Array<boolean>(n).fill(false);
  const at = (i: number): Line => lines[i] as Line;
  const nextFree = (i: number, end = n): number => {
    for (let j = i + 1; j < end; j++) if (!used[j]) return j;
    return -1;
  };
  const prevFree = (i: number, start = 0): number => {
    for (let j = i - 1; j >= start; j--) if (!used[j]) return j;
    return -1;
  };

  // A 署名 line: short, no sentence punctuation, an org name (or, loosely, pushed right).
  const isSignature = (l: Line, strict: boolean): boolean =>
    l.text.length >= 2 &&
    l.text.length <= 40 &&
    !/[。，；：,;:！!？?、“”《》]/u.test(l.text) &&
    !isHeading(l.text) &&
    !ATTACHMENTS.test(l.text) &&
    readDate(l.text) === null &&
    (ORG_SUFFIX.test(l.text) || (!strict && l.indent >= 4));
  // 版记 (抄送, 印发) closes the document; nothing in it is body, and its 抄送 are not 主送.
  // A 主送 line belongs to the 版记 only below a date (§7.4: recipients moved off page 1).
  let banji = n;
  let firstDate = -1;
  let firstSignedDate = -1;
  for (let i = 0; i < n; i++) {
    const t = at(i).text;
    if (BANJI_START.test(t) || PRINTED_ON.test(t) || (firstDate >= 0 && /^主送[:：]/u.test(t))) {
      banji = i;
      break;
    }
    const d = readDate(t);
    if (!d) continue;
    if (firstDate < 0) firstDate = i;
    if (firstSignedDate < 0 && (ORG_SUFFIX.test(d.prefix) || (i > 0 && isSignature(at(i - 1), true)))) firstSignedDate = i;
  }
  let banjiRecipients: string[] | null = null;
  for (let i = banji; i < n; i++) {
    used[i] = true;
    const m = /^主送[:：](.+)$/u.exec(at(i).text);
    if (m?.[1] && !banjiRecipients) banjiRecipients = splitList(m[1].replace(/[:：]$/u, ''));
  }

  let disclosure: string | null = null;
  for (let i = 0; i < n && disclosure === null; i++) {
    const t = at(i).text;
    const note = DISCLOSURE_NOTE.exec(t);
    const field = DISCLOSURE_FIELD.exec(t);
    if (note?.[1]) disclosure = note[1];
    else if (field?.[1]) disclosure = field[1];
    if (disclosure !== null) used[i] = true;
  }

  // 发文字号: a line that is nothing else (citations in the body sit inside sentences).
  let docNumber: string | null = null;
  let orgAbbr: string | null = null;
  let docLine = -1;
  for (let i = 0; i < banji && docNumber === null; i++) {
    if (used[i] || at(i).text.length > 60) continue;
    const cand = at(i)
      .text.replace(/签发人[:：].*$/u, '')
      .trim();
    if (cand === '' || !/\d/u.test(cand)) continue;
    let r = parseDocNumber(cand);
    const j = nextFree(i, banji);
    const next = j >= 0 ? at(j).text : '';
    let extra = -1;
    // PDF copies break 攀办函〔2017〕122号 after the bracket or before the 号.
    if (!r.ok && /[〕\])）】]$/u.test(cand) && j >= 0 && next.length <= 8) {
      r = parseDocNumber(cand + next);
      if (r.ok) extra = j;
    } else if (r.ok && !cand.endsWith('号') && next === '号') extra = j;
    if (!r.ok) continue;
    docNumber = r.normalized;
    orgAbbr = r.orgAbbr;
    docLine = i;
    used[i] = true;
    if (extra >= 0) used[extra] = true;
  }
  for (let i = 0; i < banji; i++) if (!used[i] && SIGNER.test(at(i).text) && at(i).text.length <= 40) used[i] = true;

  // 标题: "…关于…的通知", possibly over several lines and around the 发文字号 lines. Titles
  // below the 署名 and date belong to attachment pages, not to this document.
  let title: string | null = null;
  let titleStart = -1;
  const titleEnd = firstSignedDate >= 0 ? Math.min(firstSignedDate, banji) : banji;
  for (let i = 0; i < titleEnd && title === null; i++) {
    if (used[i] || !TITLE_START.test(at(i).text) || !canContinueTitle(at(i).text)) continue;
    const p = prevFree(i);
    // A line inside a wrapped paragraph merely starts with 关于; it is not a title.
    if (p >= 0 && isFull(at(p)) && !endsSentence(at(p).text) && !isHeading(at(p).text) && at(i).indent < 2) continue;
    let acc = '';
    let best: number[] = [];
    const taken: number[] = [];
    for (let j = i; j >= 0 && taken.length < 4; j = nextFree(j, titleEnd)) {
      const t = at(j).text;
      if (taken.length > 0 && !canContinueTitle(t)) break;
      acc += t;
      taken.push(j);
      if (acc.length > MAX_TITLE_LENGTH) break;
      if (isTitleText(acc, false)) best = [...taken];
    }
    if (best.length === 0) continue;
    // Layouts often put the issuing org alone on the first title line: 示例市人民政府办公室 / 关于….
    const above = i - 1;
    if (above >= 0 && !used[above] && at(i).text.startsWith('关于') && ORG_SUFFIX.test(at(above).text)) {
      const withOrg = at(above).text + best.map((j) => at(j).text).join('');
      if (isTitleText(withOrg, false) && canContinueTitle(at(above).text)) best.unshift(above);
    }
    title = best.map((j) => at(j).text).join('');
    titleStart = i;
    for (const j of best) used[j] = true;
  }

  // 版头: 份号, 密级, 紧急程度 and the 标志 above the 发文字号/标题.
  let emblem: string | null = null;
  const anchor = Math.min(...[docLine, titleStart].filter((i) => i >= 0), Infinity);
  const zone: number[] = [];
  for (let i = 0; i < Math.min(anchor, banji); i++) if (!used[i]) zone.push(i);
  if (anchor !== Infinity && zone.length <= 8 && zone.every((i) => !/[。；]/u.test(at(i).text) && at(i).text.length <= 60)) {
    for (const i of zone) {
      emblem ??= emblemOrg(at(i).text);
      used[i] = true;
    }
  } else {
    for (let i = 0; i < banji && !used[i] && isHeaderLine(at(i).text); i++) {
      emblem ??= emblemOrg(at(i).text);
      used[i] = true;
    }
  }
  const headEnd = () => {
    let k = 0;
    while (k < n && used[k]) k++;
    return k;
  };

  // A title without 关于 (公告, 令…) is believed only directly under a 版头 or 发文字号.
  if (title === null && (docLine >= 0 || emblem !== null)) {
    const taken: number[] = [];
    let acc = '';
    for (let j = headEnd(); j >= 0 && j < banji && taken.length < 3; j = nextFree(j, banji)) {
      if (!canContinueTitle(at(j).text)) break;
      acc += at(j).text;
      taken.push(j);
      if (isTitleText(acc, true)) {
        title = acc;
        for (const k of taken) used[k] = true;
        break;
      }
    }
  }

  // 主送机关: the first line(s) after the head, ending with a colon, naming bodies not sentences.
  let recipients: string[] | null = null;
  let bodyStart = headEnd();
  {
    const group: number[] = [];
    for (let j = bodyStart; j >= 0 && j < banji && group.length < 3; j = nextFree(j, banji)) {
      const t = at(j).text;
      if (isHeading(t)) break;
      group.push(j);
      if (/[:：]$/u.test(t)) {
        // A colon left alone on its line is debris, not the end of a 主送 line.
        if (t.length < 3) break;
        const joined = group.map((k) => at(k).text).join('');
        if (joined.length <= 300 && !/[。；！？]/u.test(joined) && !RECIPIENT_NOT.test(joined)) {
          const list = splitList(joined.replace(/[:：]$/u, ''));
          if (list.length > 0) {
            recipients = list;
            for (const k of group) used[k] = true;
            bodyStart = j + 1;
          }
        }
        break;
      }
      // Only a list of bodies wraps onto a further line: commas and 、 but no sentence ends.
      if (/[。；！？:：!?;]/u.test(t)) break;
    }
  }
  recipients ??= banjiRecipients;

  // 成文日期: a date line, preferably the first one right under a 署名.
  const region: number[] = [];
  for (let i = bodyStart; i < banji; i++) if (!used[i]) region.push(i);
  let writtenOn: string | null = null;
  let dateLine = -1;
  let inlineSignature = '';
  {
    // Without any 署名 (a sealed document), the last date line is the 成文日期 (§7.7).
    let chosen: { i: number; date: string; prefix: string } | null = null;
    for (const i of region) {
      const d = readDate(at(i).text);
      if (!d) continue;
      if (d.prefix !== '' && (PUNCTUATION.test(d.prefix) || !ORG_SUFFIX.test(d.prefix))) continue;
      chosen = { i, ...d };
      const p = prevFree(i, bodyStart);
      if (d.prefix !== '' || (p >= 0 && isSignature(at(p), false))) break;
    }
    if (chosen) {
      writtenOn = chosen.date;
      dateLine = chosen.i;
      inlineSignature = chosen.prefix;
      used[dateLine] = true;
    }
  }

  // 附件说明: "附件：1. …" and the numbered lines under it, before the 署名.
  const tailEnd = dateLine >= 0 ? dateLine : banji;
  let attachments: string[] | null = null;
  let attachLine = -1;
  let attachEnd = -1;
  for (let i = tailEnd - 1; i >= bodyStart; i--) {
    if (!used[i] && ATTACHMENTS.test(at(i).text)) {
      attachLine = i;
      break;
    }
  }
  if (attachLine >= 0) {
    const items: string[] = [];
    const first = at(attachLine).text.replace(ATTACHMENTS, '').trim();
    if (first !== '') items.push(cleanItem(first));
    used[attachLine] = true;
    let last = attachLine;
    // The line right above the date is the 署名 when it can be one, even if it could also
    // continue a wrapped attachment name (GB/T 9704 aligns those continuations under the name).
    const above = dateLine >= 0 && inlineSignature === '' ? prevFree(dateLine, attachLine + 1) : -1;
    const itemsEnd = above >= 0 && isSignature(at(above), false) ? above : tailEnd;
    for (let j = nextFree(attachLine, itemsEnd); j >= 0; j = nextFree(j, itemsEnd)) {
      const l = at(j);
      if (ITEM_NUMBER.test(l.text)) items.push(cleanItem(l.text));
      else if (items.length > 0 && isFull(at(last)) && !endsSentence(at(last).text)) {
        const item = items[items.length - 1] ?? '';
        items[items.length - 1] = cleanItem(item + joiner(item, l.text) + l.text);
      } else break;
      used[j] = true;
      last = j;
    }
    attachEnd = last;
    const names = items.filter((s) => s !== '');
    if (names.length > 0) attachments = names;
  }

  // 署名: the org line(s) just above the date; several lines or wide gaps mean joint issuers.
  const signatureLines: number[] = [];
  if (inlineSignature === '') {
    const floor = Math.max(bodyStart, attachEnd + 1);
    for (let j = prevFree(tailEnd, floor); j >= 0 && signatureLines.length < 3; j = prevFree(j, floor)) {
      if (!isSignature(at(j), signatureLines.length > 0 || dateLine < 0)) break;
      signatureLines.unshift(j);
    }
  }
  for (const j of signatureLines) used[j] = true;
  const orgs: string[] = [];
  if (inlineSignature !== '') orgs.push(inlineSignature);
  for (const j of signatureLines) {
    const parts = at(j)
      .raw.split(/[ \u3000]{2,}/u)
      .map(tidy)
      .filter((s) => s !== '');
    if (parts.length > 1 && parts.every((s) => s.length >= 2 && ORG_SUFFIX.test(s))) orgs.push(...parts);
    else orgs.push(at(j).text);
  }

  let issuingOrg: string | null = orgs.length > 0 ? orgs.join('、') : emblem;
  if (issuingOrg === null && orgAbbr !== null && options.orgByAbbr) {
    for (let k = orgAbbr.length; k >= 1 && issuingOrg === null; k--) {
      const key = orgAbbr.slice(0, k);
      if (Object.hasOwn(options.orgByAbbr, key)) issuingOrg = options.orgByAbbr[key] ?? null;
    }
  }

  const ends = [attachLine, signatureLines[0] ?? -1, dateLine, banji].filter((i) => i >= 0);
  const bodyEnd = Math.min(...ends, n);
  const bodyLines: Line[] = [];
  for (let i = bodyStart; i < bodyEnd; i++) if (!used[i]) bodyLines.push(at(i));

  return {
    docNumber,
    title,
    issuingOrg,
    recipients,
    writtenOn,
    attachments,
    disclosure,
    body: reflow(bodyLines, wrap),
  };
}
