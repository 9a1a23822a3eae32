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
