/**
 * Pre-publication checks (发布前检查). They run before an article is submitted for review and before
 * each approval; the results are stored with the revision. Errors block; warnings are shown to every
 * reviewer. What they look for comes from the national inspection's veto items (domain-rules.md
 * §1.2, indicators.md §3): serious wording errors such as a leader's name or title written wrong,
 * banned content, and the 2017 guideline's accessibility and broken-link rules. Pure: every lookup
 * that needs the database (link targets, doc-number rules, dictionaries) arrives in `CheckContext`.
 *
 * Offsets: `start`/`end` index the plain text of the result's `field` — the title or summary as
 * given, or for `body` the text of `extractHtmlText(bodyHtml)` (use `htmlOffsetAt` to map back).
 */
import type { CheckCode, CheckResult, CheckSeverity } from '../../../common/schemas/content.ts';
import { foldForMatch, type Matcher } from './aho-corasick.ts';
import type { CommonErrorPayload, SensitivePayload } from './dictionaries.ts';
import { extractHtmlText, paragraphNumberAt, type ExtractedText } from './html-text.ts';
import { findLeaderProblems, type LeaderIndex } from './leaders.ts';

// The finding's shape is part of the API (stored with revisions, shown by the admin): declared in common/.
export type { CheckCode, CheckResult, CheckSeverity };

export interface CheckInput {
  title: string;
  summary: string | null;
  bodyHtml: string;
  fields: Record<string, unknown>;
  requiredFields: { field: string; label: string }[];
  docNumber: string | null;
}

export type LinkStatus = 'published' | 'unpublished' | 'retracted' | 'missing' | 'external';

export interface CheckContext {
  sensitive: Matcher<SensitivePayload>;
  commonErrors: Matcher<CommonErrorPayload>;
  leaders: LeaderIndex;
  /** Status of the target of an `<a href>`; anything that is not an article of ours is 'external'. */
  linkStatus: (href: string) => LinkStatus;
  /** Problems with a 发文字号 (GB/T 9704 format, duplicates…), in Chinese; empty when fine. */
  docNumberProblems: (docNumber: string) => string[];
}

/** Findings of one kind in one field beyond this many are summed up in one line, so a pasted 1 MB text cannot flood the revision. */
export const MAX_FINDINGS_PER_KIND = 100;
const SNIPPET_RADIUS = 15;
const FIELD_LABEL: Record<string, string> = { title: '标题', summary: '摘要', body: '正文' };
const CODE_LABEL: Record<CheckCode, string> = {
  required_missing: '必填项缺失',
  doc_number_invalid: '文号有误',
  body_empty: '正文为空',
  sensitive_word: '敏感词',
  common_error: '错别字',
  leader_title_mismatch: '领导职务有误',
  leader_name_suspect: '领导姓名疑误',
  link_unpublished: '链接指向未发布文章',
  link_retracted: '链接指向已撤稿文章',
  link_missing: '链接指向不存在的文章',
  image_alt_missing: '图片缺少替代文字',
};

interface Located {
  result: CheckResult;
  group: number;
  seq: number;
}

const GROUP = { meta: 0, title: 1, summary: 2, body: 3 } as const;
type TextField = 'title' | 'summary' | 'body';

/** Run every pre-publication check; results ordered by field, then position. Deterministic. */
export function runChecks(input: CheckInput, ctx: CheckContext): CheckResult[] {
  const out: Located[] = [];
  const kinds = new Map<
    string,
    { group: number; field: string; code: CheckCode; listed: number; omitted: number; error: boolean; lastEnd: number }
  >();
  let seq = 0;
  const add = (group: number, result: CheckResult) => {
    if (result.start !== undefined && result.field !== undefined) {
      const key = `${result.field}|${result.code}`;
      let kind = kinds.get(key);
      if (!kind)
        kinds.set(key, (kind = { group, field: result.field, code: result.code, listed: 0, omitted: 0, error: false, lastEnd: 0 }));
      // Each source adds its findings in text order, so the ones listed are the first ones.
      if (kind.listed >= MAX_FINDINGS_PER_KIND) {
        kind.omitted++;
        kind.error ||= result.severity === 'error';
        return;
      }
      kind.listed++;
      kind.lastEnd = Math.max(kind.lastEnd, result.end ?? result.start);
    }
    out.push({ result, group, seq: seq++ });
  };

  checkRequired(input, (r) => add(GROUP.meta, r));
  const docNumber = input.docNumber?.trim();
  if (docNumber) {
    for (const problem of ctx.docNumberProblems(docNumber)) {
      add(GROUP.meta, { code: 'doc_number_invalid', severity: 'error', field: 'docNumber', message: `文号“${docNumber}”有误：${problem}` });
    }
  }

  const body = extractHtmlText(input.bodyHtml);
  const texts: { field: TextField; text: string }[] = [
    { field: 'title', text: input.title },
    { field: 'summary', text: input.summary ?? '' },
    { field: 'body', text: body.text },
  ];
  for (const { field, text } of texts) {
    if (!text.trim()) continue;
    const where = (offset: number) =>
      field === 'title' ? '标题' : field === 'summary' ? '摘要' : `正文第${paragraphNumberAt(body, offset)}段`;
    const at = (start: number, end: number) => ({ field, start, end, snippet: snippetOf(text, start, end) });

    for (const p of findWordingProblems(text, ctx)) {
      // A typo in a title is on every list page and in search results, so it blocks there.
      const severity = p.code === 'common_error' ? (field === 'title' ? 'error' : 'warning') : p.serious ? 'error' : 'warning';
      add(GROUP[field], { code: p.code, severity, message: `${where(p.start)}${p.message}`, ...at(p.start, p.end) });
    }
  }

  checkBodyStructure(body, ctx, (r) => add(GROUP.body, r));

  for (const kind of kinds.values()) {
    if (kind.omitted === 0) continue;
    out.push({
      group: kind.group,
      seq: seq++,
      result: {
        code: kind.code,
        severity: kind.error ? 'error' : 'warning',
        field: kind.field,
        message: `${FIELD_LABEL[kind.field] ?? kind.field}另有${kind.omitted}处同类问题（${CODE_LABEL[kind.code]}）未逐一列出`,
        start: kind.lastEnd,
        end: kind.lastEnd,
      },
    });
  }

  return out
    .sort(
      (a, b) =>
        a.group - b.group ||
        (a.result.start ?? -1) - (b.result.start ?? -1) ||
        (a.result.end ?? -1) - (b.result.end ?? -1) ||
        (a.group === GROUP.meta ? a.seq - b.seq : 0) ||
        compareText(a.result.code, b.result.code) ||
        compareText(a.result.message, b.result.message) ||
        a.seq - b.seq,
    )
    .map((o) => o.result);
}

function checkRequired(input: CheckInput, add: (r: CheckResult) => void): void {
  // The article's own columns can be listed as required too; look there when `fields` lacks them.
  const own: Record<string, unknown> = { title: input.title, summary: input.summary, docNumber: input.docNumber };
  for (const { field, label } of input.requiredFields) {
    const value = Object.hasOwn(input.fields, field) ? input.fields[field] : own[field];
    if (isMissing(value)) add({ code: 'required_missing', severity: 'error', field, message: `必填项“${label}”未填写` });
  }
}

export interface WordingProblem {
  code: 'sensitive_word' | 'common_error' | 'leader_title_mismatch' | 'leader_name_suspect';
  /** A banned word or a leader's title written wrong: the inspection's 严重表述错误. */
  serious: boolean;
  start: number;
  end: number;
  /** What is wrong, to follow the place it was found (“标题”, “正文第2段”…). */
  message: string;
}

/** Sensitive words, common errors and leaders' names and titles in one text, in text order per source. */
export function findWordingProblems(text: string, ctx: Pick<CheckContext, 'sensitive' | 'commonErrors' | 'leaders'>): WordingProblem[] {
  const out: WordingProblem[] = [];
  for (const m of ctx.sensitive.findAll(text)) {
    const note = m.payload.note ? `（${m.payload.note}）` : '';
    const error = m.payload.level === 'error';
    out.push({
      code: 'sensitive_word',
      serious: error,
      start: m.start,
      end: m.end,
      message: `含${error ? '禁用词' : '敏感词'}“${m.text}”${note}，请修改或核实`,
    });
  }
  for (const m of ctx.commonErrors.findAll(text)) {
    if (isInsideCorrectForm(text, m.start, m.word, m.payload.correct)) continue;
    out.push({
      code: 'common_error',
      serious: false,
      start: m.start,
      end: m.end,
      message: `疑似错别字“${m.text}”，应为“${m.payload.correct}”`,
    });
  }
  for (const p of findLeaderProblems(text, ctx.leaders)) {
    out.push({ code: p.code, serious: p.code === 'leader_title_mismatch', start: p.start, end: p.end, message: `：${p.message}` });
  }
  return out;
}

/** Missing: absent, null, blank (including full-width spaces), NaN, or an array of nothing but missing values. */
export function isMissing(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (typeof value === 'number') return Number.isNaN(value);
  if (Array.isArray(value)) return value.every(isMissing);
  return false;
}

function checkBodyStructure(body: ExtractedText, ctx: CheckContext, add: (r: CheckResult) => void): void {
  if (!body.text.trim() && body.images.length === 0) {
    add({ code: 'body_empty', severity: 'error', field: 'body', message: '正文为空' });
    return;
  }
  body.images.forEach((img, i) => {
    if (img.alt !== null && img.alt.trim()) return;
    // Screen-reader users get nothing from an image without alt (GB/T 37668 §5, 47号文 accessibility).
    add({
      code: 'image_alt_missing',
      severity: 'error',
      field: 'body',
      message: `正文第${i + 1}张图片${img.src ? `（${shorten(fileName(img.src))}）` : ''}缺少替代文字（alt），请填写图片说明`,
      start: img.offset,
      end: img.offset,
      snippet: snippetOf(body.text, img.offset, img.offset),
    });
  });
  const statusOf = new Map<string, LinkStatus>();
  for (const link of body.links) {
    let status = statusOf.get(link.href);
    if (status === undefined) statusOf.set(link.href, (status = ctx.linkStatus(link.href)));
    if (status === 'published' || status === 'external') continue;
    const label = `链接“${shorten(link.text || link.href)}”`;
    const [code, problem] =
      status === 'unpublished'
        ? (['link_unpublished', '指向的文章尚未发布'] as const)
        : status === 'retracted'
          ? (['link_retracted', '指向的文章已撤稿'] as const)
          : (['link_missing', '指向的文章不存在'] as const);
    add({
      code,
      severity: 'error',
      field: 'body',
      message: `${label}${problem}，发布后将成为无效链接`,
      start: link.start,
      end: link.end,
      snippet: snippetOf(body.text, link.start, link.end),
    });
  }
}

/**
 * Whether a wrong form sits inside its own correct form here (pair "不能" → "不能不" would otherwise
 * flag every correct "不能不").
 */
function isInsideCorrectForm(text: string, start: number, wrong: string, correct: string): boolean {
  const fw = foldForMatch(wrong);
  const fc = foldForMatch(correct);
  for (let j = fc.indexOf(fw); j >= 0; j = fc.indexOf(fw, j + 1)) {
    const from = start - j;
    if (from >= 0 && foldForMatch(text.slice(from, from + fc.length)) === fc) return true;
  }
  return false;
}

/** ±15 characters around [start, end), never splitting a surrogate pair; newlines become spaces. */
export function snippetOf(text: string, start: number, end: number): string {
  let a = Math.max(0, start - SNIPPET_RADIUS);
  let b = Math.min(text.length, end + SNIPPET_RADIUS);
  if (a > 0 && isLowSurrogate(text.charCodeAt(a))) a--;
  if (b < text.length && isLowSurrogate(text.charCodeAt(b))) b++;
  return text.slice(a, b).replace(/[\n\r\t]/g, ' ');
}

const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function fileName(src: string): string {
  const path = src.split(/[?#]/)[0] ?? src;
  return path.slice(path.lastIndexOf('/') + 1) || src;
}

function shorten(s: string, max = 30): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
