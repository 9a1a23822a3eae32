/**
 * The article form: metadata values ↔ form values by field kind, request bodies, the
 * required-field check before submitting, and which columns take a type. Pure.
 *
 * Times are edited as Beijing wall-clock time whatever the browser's zone (the platform
 * reports every time in Asia/Shanghai), and sent as ISO strings with the +08:00 offset.
 */
import dayjs, { type Dayjs } from 'dayjs';
import {
  ARTICLE_TYPE_CONFIG,
  columnAccepts,
  FIELD_LABELS,
  METADATA_FIELDS,
  VALIDITY,
  VALIDITY_LABELS,
  type ArticleType,
  type MetadataField,
  type Validity,
} from '../../../../common/content.ts';
import { isApiError, type FieldError } from '../../api/client.ts';
import type { ArticleDetail, CheckOutcome, ParsedDocument } from '../../api/content.ts';
import type { Column } from '../../api/sites.ts';
import { formatDateTime } from '../../lib/datetime.ts';

export type MetadataKind = (typeof METADATA_FIELDS)[MetadataField]['kind'];

export interface AttachmentRef {
  fileId: string;
  name: string;
}

export interface ArticleFormValues {
  siteId?: string | null;
  type?: ArticleType;
  columnId?: string | null;
  title?: string;
  source?: string;
  summary?: string;
  bodyHtml?: string;
  metadata?: Record<string, unknown>;
}

/** The article content as CreateArticleSchema / UpdateArticleSchema / CheckDraftSchema expect it. */
export interface ArticleContent {
  title: string;
  bodyHtml: string;
  summary: string | null;
  source: string | null;
  metadata: Record<string, unknown>;
}

const BEIJING_OFFSET_MS = 8 * 3_600_000;

export function kindOf(field: MetadataField): MetadataKind {
  return METADATA_FIELDS[field].kind;
}

export function isArticleType(v: unknown): v is ArticleType {
  return typeof v === 'string' && Object.hasOwn(ARTICLE_TYPE_CONFIG, v);
}

/** An instant as a picker value showing Beijing wall-clock time. */
export function isoToBeijing(iso: string): Dayjs | undefined {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return undefined;
  // The shifted instant's UTC fields are Beijing's wall clock; without a zone dayjs reads them as-is.
  return dayjs(new Date(t + BEIJING_OFFSET_MS).toISOString().slice(0, 19));
}

/** A picker value (Beijing wall-clock time) as an ISO instant. */
export function beijingToIso(value: Dayjs): string {
  return `${value.format('YYYY-MM-DDTHH:mm:ss')}+08:00`;
}

const isDayjs = (v: unknown): v is Dayjs => dayjs.isDayjs(v) && v.isValid();
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function attachmentsOf(v: unknown): AttachmentRef[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((x) => {
    const r = typeof x === 'object' && x !== null ? (x as Record<string, unknown>) : null;
    return r && typeof r.fileId === 'string' && typeof r.name === 'string' ? [{ fileId: r.fileId, name: r.name }] : [];
  });
}

/** One stored metadata value as the form control for its kind holds it. */
export function toFormValue(field: MetadataField, value: unknown): unknown {
  switch (kindOf(field)) {
    case 'text':
    case 'docNumber':
    case 'articleRef':
      return typeof value === 'string' ? value : undefined;
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? dayjs(value) : undefined;
    case 'datetime':
      return typeof value === 'string' ? isoToBeijing(value) : undefined;
    case 'boolean':
      return value === true;
    case 'tags':
    case 'articleRefs':
      return strings(value);
    case 'validity':
      return typeof value === 'string' && (VALIDITY as readonly string[]).includes(value) ? value : undefined;
    case 'files':
      return attachmentsOf(value);
  }
}

/** One form control's value as stored metadata; undefined means "leave the field out". */
export function fromFormValue(field: MetadataField, value: unknown): unknown {
  switch (kindOf(field)) {
    case 'text':
    case 'docNumber':
    case 'articleRef':
    case 'validity': {
      const s = typeof value === 'string' ? value.trim() : '';
      return s || undefined;
    }
    case 'date':
      return isDayjs(value) ? value.format('YYYY-MM-DD') : undefined;
    case 'datetime':
      return isDayjs(value) ? beijingToIso(value) : undefined;
    case 'boolean':
      // Absent and false mean the same to the rules (they test `=== true`); keep metadata small.
      return value === true ? true : undefined;
    case 'tags': {
      const tags = [...new Set(strings(value).map((t) => t.trim()))].filter(Boolean);
      return tags.length ? tags : undefined;
    }
    case 'articleRefs': {
      const ids = [...new Set(strings(value))];
      return ids.length ? ids : undefined;
    }
    case 'files': {
      const files = attachmentsOf(value);
      return files.length ? files : undefined;
    }
  }
}

/** Stored metadata → form values, for the fields the type has. */
export function metadataToForm(type: ArticleType, metadata: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(ARTICLE_TYPE_CONFIG[type].fields.map((f) => [f, toFormValue(f, metadata[f])]));
}

/** Form values → metadata, only the type's fields and only those filled in. */
export function formToMetadata(type: ArticleType, values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of ARTICLE_TYPE_CONFIG[type].fields) {
    const v = fromFormValue(f, values[f]);
    if (v !== undefined) out[f] = v;
  }
  return out;
}

/** The form's values for an article being edited. */
export function articleFormValues(article: ArticleDetail): ArticleFormValues {
  const type = isArticleType(article.type) ? article.type : 'other';
  const rev = article.current;
  return {
    siteId: article.siteId,
    type,
    columnId: article.columnId,
    title: rev?.title ?? article.title,
    source: rev?.source ?? '',
    summary: rev?.summary ?? '',
    bodyHtml: rev?.bodyHtml ?? '',
    metadata: metadataToForm(type, rev?.metadata ?? {}),
  };
}

const trimmedOrNull = (v: string | undefined) => v?.trim() || null;

/** The content part of every article body (create, update, check). */
export function articleContent(type: ArticleType, values: ArticleFormValues): ArticleContent {
  return {
    title: values.title ?? '',
    bodyHtml: values.bodyHtml ?? '',
    summary: trimmedOrNull(values.summary),
    source: trimmedOrNull(values.source),
    metadata: formToMetadata(type, values.metadata ?? {}),
  };
}

/** Dotted names of the fields the form shows for a type (where errors can be placed). */
export function articleFieldNames(type: ArticleType | undefined): string[] {
  const meta = type ? ARTICLE_TYPE_CONFIG[type].fields.map((f) => `metadata.${f}`) : [];
  return ['siteId', 'type', 'columnId', 'title', 'source', 'summary', 'bodyHtml', ...meta];
}

export function isRequired(type: ArticleType | undefined, field: 'summary' | 'source' | MetadataField): boolean {
  return type ? ARTICLE_TYPE_CONFIG[type].required.includes(field) : field === 'source';
}

/**
 * Required fields left empty, checked before submitting for review (a draft may be saved
 * incomplete; the server's checks would refuse the submission anyway).
 */
export function requiredProblems(type: ArticleType, values: ArticleFormValues): FieldError[] {
  const content = articleContent(type, values);
  const out: FieldError[] = [];
  for (const f of ARTICLE_TYPE_CONFIG[type].required) {
    const filled =
      f === 'summary' ? content.summary !== null : f === 'source' ? content.source !== null : content.metadata[f] !== undefined;
    if (!filled) out.push({ field: f === 'summary' || f === 'source' ? f : `metadata.${f}`, message: `请填写${FIELD_LABELS[f]}` });
  }
  return out;
}

/** True when the column takes articles of this type (its own list, else its freshness class's defaults). */
export function columnAcceptsType(column: Pick<Column, 'accepts' | 'freshnessClass'>, type: ArticleType): boolean {
  return columnAccepts(column, type);
}

/** Open columns that take the type; `keepId` (the article's current column) stays listed even if not. */
export function columnsForType<C extends Column>(columns: readonly C[], type: ArticleType | undefined, keepId?: string | null): C[] {
  return columns.filter((c) => c.id === keepId || (c.status === 'active' && (type === undefined || columnAcceptsType(c, type))));
}

/** A metadata (or title/summary/source) value as one line of text, for the view and comparisons. */
export function formatFieldValue(field: string, value: unknown, titleOf: (articleId: string) => string = (id) => id): string {
  if (value === null || value === undefined || value === '') return '';
  const kind = Object.hasOwn(METADATA_FIELDS, field) ? kindOf(field as MetadataField) : 'text';
  switch (kind) {
    case 'boolean':
      return value === true ? '是' : '否';
    case 'datetime':
      return typeof value === 'string' ? formatDateTime(value) || value : String(value);
    case 'validity':
      return VALIDITY_LABELS[value as Validity] ?? String(value);
    case 'tags':
      return strings(value).join('、');
    case 'articleRef':
      return typeof value === 'string' ? titleOf(value) : '';
    case 'articleRefs':
      return strings(value).map(titleOf).join('；');
    case 'files':
      return attachmentsOf(value)
        .map((a) => a.name)
        .join('；');
    default:
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}

/** The label of a field named in an error, a comparison or a check result. */
export function fieldLabel(field: string): string {
  const key = field.replace(/^metadata\./, '');
  return (FIELD_LABELS as Record<string, string>)[key] ?? (key === 'bodyHtml' ? '正文' : key);
}

/** The check results a refused submission carries (409 with details.checks), or null. */
export function checksFromError(e: unknown): CheckOutcome | null {
  if (!isApiError(e)) return null;
  const c = e.details.checks;
  if (typeof c !== 'object' || c === null) return null;
  const r = c as Record<string, unknown>;
  if (!Array.isArray(r.results)) return null;
  return {
    errors: typeof r.errors === 'number' ? r.errors : 0,
    warnings: typeof r.warnings === 'number' ? r.warnings : 0,
    results: r.results as CheckOutcome['results'],
  };
}

export interface DocumentPatch {
  title?: string;
  bodyHtml?: string;
  /** Metadata form values to set (only fields the type has). */
  metadata: Record<string, unknown>;
  /** Labels of recognised fields the type does not have. */
  skipped: string[];
}

/** What 导入公文 fills in: title, body, and 文号 / 发布机构 / 成文日期 where the type has them. */
export function documentPatch(type: ArticleType | undefined, doc: ParsedDocument): DocumentPatch {
  const fields: readonly MetadataField[] = type ? ARTICLE_TYPE_CONFIG[type].fields : [];
  const patch: DocumentPatch = { metadata: {}, skipped: [] };
  if (doc.title) patch.title = doc.title;
  if (doc.bodyHtml) patch.bodyHtml = doc.bodyHtml;
  const found: [MetadataField, string | null][] = [
    ['docNumber', doc.docNumber],
    ['issuingOrg', doc.issuingOrg],
    ['writtenOn', doc.writtenOn],
  ];
  for (const [field, value] of found) {
    if (!value) continue;
    if (fields.includes(field)) patch.metadata[field] = toFormValue(field, value);
    else patch.skipped.push(METADATA_FIELDS[field].label);
  }
  return patch;
}
