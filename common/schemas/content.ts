/** Request schemas of the content API, shared by server and admin. */
import { z } from 'zod';
import { ARTICLE_TYPES, VALIDITY } from '../content.ts';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const instant = z.iso.datetime({ offset: true, message: '时间格式不正确' });
const id = z.string().min(1).max(40);

export const MetadataSchema = z.strictObject({
  author: z.string().trim().max(100).optional(),
  issuingOrg: z.string().trim().max(200).optional(),
  docNumber: z.string().trim().max(100).optional(),
  writtenOn: date.optional(),
  issuedOn: date.optional(),
  eventEndedAt: instant.optional(),
  isLivelihood: z.boolean().optional(),
  isNormative: z.boolean().optional(),
  isRegulation: z.boolean().optional(),
  keywords: z.array(z.string().trim().min(1).max(50)).max(20).optional(),
  topic: z.string().trim().max(100).optional(),
  validity: z.enum(VALIDITY, { message: '有效性应为 有效、已失效、已废止 或 已修改' }).optional(),
  replacedBy: id.optional(),
  effectiveOn: date.optional(),
  relatedPolicies: z.array(id).max(20).optional(),
  attachments: z
    .array(z.strictObject({ fileId: id, name: z.string().trim().min(1).max(200) }))
    .max(50)
    .optional(),
  correctionNote: z.string().trim().max(1000).optional(),
});
export type ArticleMetadata = z.infer<typeof MetadataSchema>;

/** Rich text is limited to 2 million characters (a long policy document with tables fits). */
export const BODY_MAX = 2_000_000;

const articleFields = {
  title: z.string().trim().min(1, '标题不能为空').max(300, '标题不能超过 300 个字'),
  bodyHtml: z.string().max(BODY_MAX, '正文过长'),
  summary: z.string().trim().max(1000, '摘要不能超过 1000 个字').nullable().optional(),
  source: z.string().trim().max(200, '来源不能超过 200 个字').nullable().optional(),
  metadata: MetadataSchema.optional(),
};

export const CreateArticleSchema = z.strictObject({
  siteId: id,
  columnId: id,
  type: z.enum(ARTICLE_TYPES, { message: '未知的信息类型' }),
  ...articleFields,
});
export type CreateArticleInput = z.input<typeof CreateArticleSchema>;

export const UpdateArticleSchema = z.strictObject({
  /** The version the editor loaded; a different current version means someone else saved first. */
  expectedVersion: z.number().int().min(1),
  columnId: id.optional(),
  ...articleFields,
});
export type UpdateArticleInput = z.input<typeof UpdateArticleSchema>;

export const ReviewDecisionSchema = z.strictObject({
  /** The revision the reviewer looked at. */
  revisionId: id,
  opinion: z.string().trim().max(2000, '审核意见不能超过 2000 个字').optional(),
  /** On the last stage: publish at once ('now') or at a time. */
  publish: z.union([z.literal('now'), instant]).optional(),
});

export const ReasonSchema = z.strictObject({ reason: z.string().trim().min(2, '请填写理由').max(2000) });
export const PublishSchema = z.strictObject({ at: instant.optional() });
export const ArticleListQuerySchema = z.strictObject({
  siteId: id.optional(),
  columnId: id.optional(),
  status: z.string().max(20).optional(),
  type: z.enum(ARTICLE_TYPES).optional(),
  q: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
});

export const DICTIONARY_KINDS = ['sensitive', 'commonError', 'leader'] as const;
export const DICTIONARY_KIND_LABELS: Record<(typeof DICTIONARY_KINDS)[number], string> = {
  sensitive: '敏感词',
  commonError: '易错词',
  leader: '领导姓名职务',
};

export const DictionaryEntrySchema = z.discriminatedUnion('kind', [
  z.strictObject({
    scope: z.string().min(1).max(40),
    kind: z.literal('sensitive'),
    word: z.string().trim().min(1).max(50),
    level: z.enum(['error', 'warning']).default('error'),
    note: z.string().trim().max(200).optional(),
  }),
  z.strictObject({
    scope: z.string().min(1).max(40),
    kind: z.literal('commonError'),
    word: z.string().trim().min(1).max(50),
    correct: z.string().trim().min(1, '请填写正确写法').max(50),
  }),
  z.strictObject({
    scope: z.string().min(1).max(40),
    kind: z.literal('leader'),
    word: z.string().trim().min(2, '请填写姓名').max(20),
    title: z.string().trim().min(1, '请填写现任职务').max(50),
    org: z.string().trim().max(100).optional(),
  }),
]);
export type DictionaryEntryInput = z.input<typeof DictionaryEntrySchema>;

export const CheckDraftSchema = z.strictObject({
  siteId: z.string().min(1).max(40),
  type: z.enum(ARTICLE_TYPES),
  title: z.string().max(300),
  bodyHtml: z.string().max(BODY_MAX),
  summary: z.string().max(1000).nullable().optional(),
  source: z.string().max(200).nullable().optional(),
  metadata: MetadataSchema.optional(),
});

// ---------------------------------------------------------------------------------------
// Responses. Declared once here: the server's presenters and queries return these types and
// the admin reads them, so a field renamed on one side fails the type check on the other.

export type CheckSeverity = 'error' | 'warning';

export type CheckCode =
  | 'required_missing'
  | 'doc_number_invalid'
  | 'body_empty'
  | 'sensitive_word'
  | 'common_error'
  | 'leader_title_mismatch'
  | 'leader_name_suspect'
  | 'link_unpublished'
  | 'link_retracted'
  | 'link_missing'
  | 'image_alt_missing';

/** One finding of the pre-publication checks (发布前检查). */
export interface CheckResult {
  /** Stable code for filters, statistics and tests. */
  code: CheckCode;
  severity: CheckSeverity;
  /** For the user, in Chinese, naming the place and the fix. */
  message: string;
  /** 'title', 'summary', 'body', 'docNumber' or a metadata field key. */
  field?: string;
  /** Up to 15 characters either side of the finding, newlines shown as spaces. */
  snippet?: string;
  /** Offsets into the plain text of `field` (for the body: its extracted text). */
  start?: number;
  end?: number;
}

/** A run of the checks: counts and findings (POST /api/articles/check, workflow answers). */
export interface CheckOutcome {
  errors: number;
  warnings: number;
  results: CheckResult[];
}

/** The latest stored run on an article's current revision. */
export interface StoredCheck extends CheckOutcome {
  revisionId: string;
  context: string;
  at: string;
}

/** An article in lists, the review queue and the deadline board. */
export interface ArticleSummary {
  id: string;
  siteId: string;
  columnId: string;
  type: string;
  typeLabel: string;
  title: string;
  status: string;
  stage: string | null;
  stageLabel: string | null;
  version: number;
  live: boolean;
  emergency: boolean;
  dueAt: string | null;
  dueRule: string | null;
  /** none | ok | dueSoon | overdue | onTime | late */
  deadline: string;
  lateMinutes: number | null;
  publishedAt: string | null;
  scheduledAt: string | null;
  updatedAt: string;
}

export interface ArticleStage {
  key: string;
  label: string;
  roles: string[];
}

export interface ArticleRevision {
  id: string;
  number: number;
  title: string;
  summary: string | null;
  source: string | null;
  bodyHtml: string;
  metadata: Record<string, unknown>;
  createdBy: string;
  createdByName: string;
  createdAt: string;
}

export interface ArticleEvent {
  kind: string;
  stage: string | null;
  actorName: string;
  actorId: string | null;
  opinion: string | null;
  revisionId: string | null;
  at: string;
}

/** GET /api/articles/:id: the article with its current revision, stages, checks and history. */
export interface ArticleDetail extends ArticleSummary {
  /** 索引号, given at first publication and never changed. */
  indexNo: string | null;
  emergencyReason: string | null;
  emergencyDueAt: string | null;
  retractedAt: string | null;
  retractReason: string | null;
  createdBy: string;
  createdAt: string;
  stages: ArticleStage[];
  current: ArticleRevision | null;
  liveRevisionId: string | null;
  liveRevisionNumber: number | null;
  checks: StoredCheck | null;
  events: ArticleEvent[];
  interpretations: string[];
  policies: string[];
}

/** The answer to creating or editing an article. */
export interface SavedArticle {
  id: string;
  version: number;
  status: string;
  revisionId: string;
  revisionNumber: number;
}

/** One revision in GET /api/articles/:id/revisions. */
export interface RevisionSummary {
  id: string;
  number: number;
  title: string;
  createdByName: string;
  createdAt: string;
  live: boolean;
}

export type DiffKind = 'added' | 'removed' | 'same';

export interface DiffPart {
  kind: DiffKind;
  text: string;
}

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** GET /api/articles/:id/compare. */
export interface Comparison {
  from: { id: string; number: number };
  to: { id: string; number: number };
  fields: FieldChange[];
  title: DiffPart[];
  body: DiffPart[];
}

/** The answer to a workflow action (submit, approve, reject, withdraw, publish, retract…). */
export interface WorkflowResult {
  id: string;
  status: string;
  stage: string | null;
  version: number;
  checks?: CheckOutcome;
}

/** GET /api/deadlines. */
export interface DeadlineBoard {
  dueSoon: ArticleSummary[];
  overdue: ArticleSummary[];
  publishedLate: ArticleSummary[];
}

/** An uploaded attachment or image. */
export interface UploadedFile {
  fileId: string;
  name: string;
  size: number;
  mime: string;
  image: boolean;
}

/** A 公文 read from pasted text or a file (POST /api/documents/parse). */
export interface ParsedDocument {
  docNumber: string | null;
  title: string | null;
  issuingOrg: string | null;
  recipients: string[] | null;
  writtenOn: string | null;
  attachments: string[] | null;
  disclosure: string | null;
  /** The 正文, one <p> per paragraph, escaped. */
  bodyHtml: string;
}

/** An entry of a check dictionary. */
export interface DictionaryEntry {
  id: string;
  scope: string;
  kind: string;
  word: string;
  extra: Record<string, string>;
  createdAt: string;
}
