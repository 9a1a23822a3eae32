/**
 * Requests and answers of the guides room (办事指南), shared by server and admin.
 */
import { z } from 'zod';
import {
  AUDIENCES,
  LIFE_EVENT_NAMES,
  ONLINE_LEVELS,
  SERVICE_CATEGORIES,
  SERVICE_CODE,
  SERVICE_ELEMENTS,
  TOPIC_NAMES,
  said,
  type GuideSettings,
  type OnlineLevel,
  type ServiceElement,
  type ServiceGuide,
  type ServiceState,
} from '../service-items.ts';
import { calendarDate, optionalPlainText, pickedId, plainText } from './text.ts';

const text = (max: number, label: string) =>
  optionalPlainText(max, label).transform((v) => (v === undefined || v === null || v === '' ? null : v));

const fileId = z
  .string()
  .min(1)
  .max(40)
  .nullable()
  .optional()
  .transform((v) => v ?? null);

/** A telephone element: any wording, but a number must be in it (at least five digits in a row: 12345 counts). */
const phone = (label: string) =>
  text(200, label).refine((v) => v === null || !said(v) || /\d{5,}|\d{3,4}[-－—]\d{5,8}/.test(v), `${label}应包含电话号码`);

export const ServiceMaterialSchema = z.strictObject({
  name: plainText(200, '材料名称'),
  form: text(100, '材料形式'),
  required: z.boolean().default(true),
  note: text(500, '材料说明'),
  formFileId: fileId,
  sampleFileId: fileId,
});

export const ServiceStepSchema = z.strictObject({
  title: plainText(100, '环节名称'),
  description: text(1000, '环节说明'),
});

export const ServiceFaqSchema = z.strictObject({
  question: plainText(300, '问题'),
  answer: plainText(2000, '解答'),
});

const codes = (names: ReadonlyMap<string, string>, label: string) =>
  z
    .array(z.string().max(8))
    .max(20)
    .default([])
    .refine((list) => list.every((c) => names.has(c)), `${label}不在可选范围内`)
    .transform((list) => [...new Set(list)]);

/** The guide as an editor saves it. */
export const ServiceGuideSchema = z.strictObject({
  name: plainText(200, '事项名称'),
  code: z
    .string({ message: '请填写事项编码' })
    .trim()
    .min(1, '请填写事项编码')
    .regex(SERVICE_CODE, '事项编码只能包含字母、数字和 - _ .，不超过 64 位'),
  category: z.enum(SERVICE_CATEGORIES, { message: '事项类型不在可选范围内' }).nullable().default(null),
  audiences: z
    .array(z.enum(AUDIENCES))
    .min(1, '请选择服务对象')
    .transform((l) => [...new Set(l)]),
  topics: codes(TOPIC_NAMES, '主题分类'),
  lifeEvents: codes(LIFE_EVENT_NAMES, '人生事件'),
  legalBasis: text(5000, '设定依据'),
  conditions: text(5000, '申请条件'),
  materials: z.array(ServiceMaterialSchema).max(100, '办理材料不能超过 100 项').default([]),
  handlingOrg: text(200, '办理机构'),
  place: text(500, '办理地点'),
  officeHours: text(500, '办理时间'),
  legalTimeLimit: text(200, '法定时限'),
  promisedTimeLimit: text(200, '承诺时限'),
  fees: text(2000, '收费标准'),
  feeBasis: text(2000, '收费依据'),
  process: z.array(ServiceStepSchema).max(50, '办理流程不能超过 50 个环节').default([]),
  phone: phone('联系电话'),
  complaintPhone: phone('监督投诉电话'),
  onlineUrl: text(500, '在线办理地址').refine(
    (v) => v === null || /^https?:\/\/[^\s/?#]+\.[^\s]*$/i.test(v),
    '在线办理地址应以 http:// 或 https:// 开头',
  ),
  onlineLevel: z.enum(ONLINE_LEVELS, { message: '网办深度不在可选范围内' }).default('none'),
  faq: z.array(ServiceFaqSchema).max(50, '常见问题不能超过 50 条').default([]),
}) satisfies z.ZodType<ServiceGuide, unknown>;

export const SaveServiceItemSchema = ServiceGuideSchema.extend({
  orgId: pickedId('所属部门'),
  /** The version the editor started from (optimistic locking); absent when creating. */
  version: z.number().int().min(1).optional(),
});
export type SaveServiceItemInput = z.input<typeof SaveServiceItemSchema>;

export const VersionSchema = z.strictObject({ version: z.number().int().min(1) });

export const PublishServiceItemsSchema = z.strictObject({
  ids: z.array(z.string().min(1).max(40)).min(1, '请选择事项').max(500, '一次最多发布 500 个事项'),
});

export const ServiceItemQuerySchema = z.strictObject({
  state: z.enum(['draft', 'published', 'withdrawn', 'changed']).optional(),
  incomplete: z.enum(['true', 'false']).optional(),
  orgId: z.string().max(40).optional(),
  q: z.string().trim().max(50).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const SaveGuideSettingsSchema = z.strictObject({
  requiredElements: z
    .array(z.enum(SERVICE_ELEMENTS))
    .min(1, '至少选择一个必备要素')
    .refine((l) => l.includes('name'), '事项名称必须列为必备要素')
    .transform((l) => [...new Set(l)]),
  reviewIntervalDays: z
    .number({ message: '请填写复核周期' })
    .int('复核周期应为整数')
    .min(30, '复核周期不少于 30 天')
    .max(1095, '复核周期不超过 1095 天'),
}) satisfies z.ZodType<GuideSettings, unknown>;

export const MarkReviewedSchema = z.strictObject({ version: z.number().int().min(1), reviewedOn: calendarDate.optional() });

/** One link check of an item: its online-handling address or a form/sample download. */
export interface LinkCheckView {
  url: string;
  kind: 'online' | 'form' | 'sample';
  label: string;
  ok: boolean;
  httpStatus: number | null;
  error: string | null;
  checkedAt: string;
}

/** What one run of the link check covered. */
export interface LinkCheckSummary {
  items: number;
  links: number;
  broken: number;
}

export interface ServiceItemSummary {
  id: string;
  siteId: string;
  orgId: string;
  orgName: string;
  code: string;
  name: string;
  state: ServiceState;
  /** Saved changes not yet published (a published item keeps showing its published version). */
  changed: boolean;
  missing: ServiceElement[];
  /** Key national categories missing (≥ 4 counts towards the veto). */
  missingKey: number;
  onlineLevel: OnlineLevel;
  reviewedOn: string | null;
  reviewDue: boolean;
  brokenLinks: number;
  updatedAt: string;
  publishedAt: string | null;
  version: number;
}

export interface ServiceItemView extends ServiceItemSummary {
  guide: ServiceGuide;
  updatedBy: string | null;
  publishedBy: string | null;
  /** Public page of the item on its site (site-root path), when published. */
  pagePath: string | null;
  linkChecks: LinkCheckView[];
  /** Names of the stored files the materials reference. */
  files: Record<string, { name: string; size: number }>;
}

export interface ServiceItemList {
  items: ServiceItemSummary[];
  total: number;
  page: number;
  pageSize: number;
}

/** What an import did, row by row (lines are the spreadsheet's own row numbers). */
export interface ImportReport {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Rows that landed but lack required elements: they cannot be published until fixed. */
  incomplete: { line: number; code: string; name: string; missing: ServiceElement[] }[];
  /** Rows that did not land, each problem with its line and column. */
  failed: { line: number; field: string; message: string }[];
}

export interface PublishResult {
  published: string[];
  refused: { id: string; code: string; name: string; reason: string }[];
}

export interface GuideSiteOversight {
  siteId: string;
  siteName: string;
  items: number;
  published: number;
  incomplete: number;
  /** Published items lacking ≥ 4 of the ten national key categories. */
  poorItems: number;
  veto: string | null;
  brokenLinks: number;
  reviewDue: number;
  fullyOnline: number;
}

export interface ServiceStatistics {
  siteId: string;
  /** Published items. */
  items: number;
  /** Published items handled fully online (全程网办). */
  fullyOnline: number;
  /** Whether the site shows a service catalogue (at least one published item). */
  cataloguePublished: boolean;
  byCategory: Record<string, number>;
  byOnlineLevel: Record<OnlineLevel, number>;
}
