/**
 * Article types and their metadata, declared once and shared by server and admin: which
 * fields each type has, which are required, which deadline rule applies and which columns
 * accept it. Adding a type is adding an entry here, not copying code.
 */

export const ARTICLE_TYPES = [
  'news',
  'notice',
  'policy',
  'interpretation',
  'statistics',
  'enforcement',
  'basicInfo',
  'personnel',
  'plan',
  'finance',
  'other',
] as const;
export type ArticleType = (typeof ARTICLE_TYPES)[number];

/** Metadata fields an article may carry besides title, body, summary and source. */
export const METADATA_FIELDS = {
  author: { label: '作者', kind: 'text' },
  issuingOrg: { label: '发布机构', kind: 'text' },
  docNumber: { label: '文号', kind: 'docNumber' },
  writtenOn: { label: '成文日期', kind: 'date' },
  issuedOn: { label: '印发日期', kind: 'date' },
  eventEndedAt: { label: '活动结束时间', kind: 'datetime' },
  isLivelihood: { label: '民生活动类信息', kind: 'boolean' },
  isNormative: { label: '行政规范性文件', kind: 'boolean' },
  isRegulation: { label: '政府规章', kind: 'boolean' },
  keywords: { label: '关键词', kind: 'tags' },
  topic: { label: '主题分类', kind: 'text' },
  validity: { label: '有效性', kind: 'validity' },
  replacedBy: { label: '替代文件', kind: 'articleRef' },
  effectiveOn: { label: '实施日期', kind: 'date' },
  relatedPolicies: { label: '解读的政策文件', kind: 'articleRefs' },
  attachments: { label: '附件', kind: 'files' },
  correctionNote: { label: '更正说明', kind: 'text' },
} as const;
export type MetadataField = keyof typeof METADATA_FIELDS;

export const VALIDITY = ['valid', 'expired', 'repealed', 'amended'] as const;
export type Validity = (typeof VALIDITY)[number];
export const VALIDITY_LABELS: Record<Validity, string> = { valid: '有效', expired: '已失效', repealed: '已废止', amended: '已修改' };

/**
 * Publication deadline rules (攀办函〔2017〕122号; 条例 第二十六条). Each names the field its clock
 * starts from; the first rule whose condition holds applies.
 */
export type DeadlineRule =
  | { kind: 'hoursAfter'; field: 'eventEndedAt'; hours: number; when?: MetadataField; label: string }
  | { kind: 'workdaysAfter'; field: 'issuedOn' | 'writtenOn'; workdays: number; when?: MetadataField; label: string }
  | { kind: 'withPolicy'; label: string };

export interface ArticleTypeConfig {
  label: string;
  fields: readonly MetadataField[];
  required: readonly ('summary' | 'source' | MetadataField)[];
  deadlines: readonly DeadlineRule[];
  /** Column freshness classes whose columns accept this type (a column may override with its own list). */
  columns: readonly string[];
}

const LIVELIHOOD_24H: DeadlineRule = {
  kind: 'hoursAfter',
  field: 'eventEndedAt',
  hours: 24,
  when: 'isLivelihood',
  label: '民生活动类信息应在活动结束后 24 小时内发布',
};
const NORMATIVE_3WD: DeadlineRule = {
  kind: 'workdaysAfter',
  field: 'issuedOn',
  workdays: 3,
  when: 'isNormative',
  label: '行政规范性文件应在纸质文件印发后 3 个工作日内发布',
};
const PROACTIVE_20WD: DeadlineRule = {
  kind: 'workdaysAfter',
  field: 'writtenOn',
  workdays: 20,
  label: '主动公开信息应在形成之日起 20 个工作日内公开（条例第二十六条）',
};

const DOC_FIELDS = [
  'author',
  'issuingOrg',
  'docNumber',
  'writtenOn',
  'issuedOn',
  'keywords',
  'topic',
  'validity',
  'replacedBy',
  'effectiveOn',
  'attachments',
  'correctionNote',
] as const;
const BASIC_FIELDS = ['author', 'issuingOrg', 'writtenOn', 'keywords', 'topic', 'attachments', 'correctionNote'] as const;

export const ARTICLE_TYPE_CONFIG: Record<ArticleType, ArticleTypeConfig> = {
  news: {
    label: '工作动态',
    fields: ['author', 'issuingOrg', 'eventEndedAt', 'isLivelihood', 'keywords', 'topic', 'attachments', 'correctionNote'],
    required: ['source'],
    deadlines: [LIVELIHOOD_24H],
    columns: ['news', 'custom', 'none'],
  },
  notice: {
    label: '通知公告',
    fields: [...BASIC_FIELDS, 'eventEndedAt', 'isLivelihood'],
    required: ['source', 'issuingOrg'],
    deadlines: [LIVELIHOOD_24H, PROACTIVE_20WD],
    columns: ['notice', 'custom', 'none'],
  },
  policy: {
    label: '政策文件',
    fields: [...DOC_FIELDS, 'isNormative', 'isRegulation'],
    required: ['source', 'issuingOrg', 'writtenOn', 'validity'],
    deadlines: [NORMATIVE_3WD, PROACTIVE_20WD],
    columns: ['policy', 'custom', 'none'],
  },
  interpretation: {
    label: '政策解读',
    fields: ['author', 'issuingOrg', 'writtenOn', 'keywords', 'topic', 'relatedPolicies', 'attachments', 'correctionNote'],
    required: ['source', 'issuingOrg', 'relatedPolicies'],
    deadlines: [{ kind: 'withPolicy', label: '政策解读应与政策文件同步发布' }],
    columns: ['policy', 'custom', 'none'],
  },
  statistics: {
    label: '统计信息',
    fields: BASIC_FIELDS,
    required: ['source', 'issuingOrg'],
    deadlines: [PROACTIVE_20WD],
    columns: ['notice', 'plan', 'custom', 'none'],
  },
  enforcement: {
    label: '行政执法',
    fields: [...BASIC_FIELDS, 'docNumber'],
    required: ['source', 'issuingOrg'],
    deadlines: [PROACTIVE_20WD],
    columns: ['notice', 'custom', 'none'],
  },
  basicInfo: {
    label: '机构信息',
    fields: BASIC_FIELDS,
    required: ['source'],
    deadlines: [PROACTIVE_20WD],
    columns: ['none', 'custom', 'personnel'],
  },
  personnel: {
    label: '人事信息',
    fields: [...BASIC_FIELDS, 'docNumber'],
    required: ['source', 'issuingOrg'],
    deadlines: [PROACTIVE_20WD],
    columns: ['personnel', 'custom', 'none'],
  },
  plan: {
    label: '规划计划',
    fields: [...DOC_FIELDS],
    required: ['source', 'issuingOrg', 'writtenOn'],
    deadlines: [PROACTIVE_20WD],
    columns: ['plan', 'custom', 'none'],
  },
  finance: {
    label: '财政资金',
    fields: BASIC_FIELDS,
    required: ['source', 'issuingOrg'],
    deadlines: [PROACTIVE_20WD],
    columns: ['plan', 'notice', 'custom', 'none'],
  },
  other: {
    label: '其他',
    fields: [...DOC_FIELDS, 'eventEndedAt'],
    required: ['source'],
    deadlines: [PROACTIVE_20WD],
    columns: ['news', 'notice', 'policy', 'personnel', 'plan', 'custom', 'none'],
  },
};

export const FIELD_LABELS: Record<'title' | 'summary' | 'source' | 'body' | MetadataField, string> = {
  title: '标题',
  summary: '摘要',
  source: '来源',
  body: '正文',
  ...Object.fromEntries(Object.entries(METADATA_FIELDS).map(([k, v]) => [k, v.label])),
} as Record<'title' | 'summary' | 'source' | 'body' | MetadataField, string>;

export const ARTICLE_STATUSES = ['draft', 'in_review', 'approved', 'scheduled', 'published', 'rejected', 'withdrawn', 'retracted'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];
export const ARTICLE_STATUS_LABELS: Record<ArticleStatus, string> = {
  draft: '草稿',
  in_review: '审核中',
  approved: '已审签待发布',
  scheduled: '定时发布',
  published: '已发布',
  rejected: '已退回',
  withdrawn: '已撤回',
  retracted: '已撤稿',
};

/** True when a column takes articles of this type: its own list, else its freshness class's defaults. */
export function columnAccepts(column: { accepts: readonly string[] | null; freshnessClass: string }, type: ArticleType): boolean {
  return column.accepts ? column.accepts.includes(type) : ARTICLE_TYPE_CONFIG[type].columns.includes(column.freshnessClass);
}
