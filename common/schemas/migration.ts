/** Request schemas and response types of the legacy import (集约化迁移), shared by server and admin. */
import { z } from 'zod';
import { ARTICLE_TYPES } from '../content.ts';

const id = z.string().min(1).max(40);

export const IMPORT_STATUSES = ['analysing', 'awaiting_confirmation', 'importing', 'done', 'failed', 'cancelled'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];
export const IMPORT_STATUS_LABELS: Record<ImportStatus, string> = {
  analysing: '分析中',
  awaiting_confirmation: '待确认栏目对应',
  importing: '导入中',
  done: '已完成',
  failed: '失败',
  cancelled: '已取消',
};

export const PAGE_OUTCOMES = ['pending', 'imported', 'updated', 'unchanged', 'duplicate', 'skipped', 'failed'] as const;
export type PageOutcome = (typeof PAGE_OUTCOMES)[number];
export const PAGE_OUTCOME_LABELS: Record<PageOutcome, string> = {
  pending: '待导入',
  imported: '已导入',
  updated: '已更新',
  unchanged: '未变化',
  duplicate: '重复',
  skipped: '未导入',
  failed: '失败',
};

export const PAGE_KINDS = ['home', 'list', 'article', 'frame', 'other', 'broken'] as const;
export type LegacyPageKind = (typeof PAGE_KINDS)[number];

export const IMPORT_DEFAULTS = { maxPages: 5_000, concurrency: 4, intervalMs: 10, reviewEach: false } as const;

export const ImportOptionsSchema = z.strictObject({
  maxPages: z.number().int().min(1, '页面上限至少为 1').max(100_000, '页面上限不能超过 100000').optional(),
  concurrency: z.number().int().min(1, '并发数至少为 1').max(16, '并发数不能超过 16').optional(),
  intervalMs: z.number().int().min(0).max(60_000, '请求间隔不能超过 60 秒').optional(),
  /** Imported articles go into the normal review one by one instead of being published at once. */
  reviewEach: z.boolean().optional(),
});
export type ImportOptions = Required<z.infer<typeof ImportOptionsSchema>>;

export const CreateImportSchema = z.strictObject({
  /** The registered site being imported (usually an external one). */
  sourceSiteId: id,
  targetSiteId: id,
  startUrl: z
    .string()
    .trim()
    .max(2000, '网址过长')
    .refine((u) => {
      try {
        const p = new URL(u).protocol;
        return p === 'http:' || p === 'https:';
      } catch {
        return false;
      }
    }, '请输入以 http:// 或 https:// 开头的网址'),
  dryRun: z.boolean().optional(),
  options: ImportOptionsSchema.optional(),
});
export type CreateImportInput = z.input<typeof CreateImportSchema>;

export const ConfirmMappingSchema = z.strictObject({
  /** The import's version the admin looked at. */
  version: z.number().int().min(1),
  /** Legacy column key → target column id, or null to leave the column out. */
  mapping: z.record(z.string().min(1).max(100), id.nullable()).refine((m) => Object.keys(m).length <= 500, '栏目过多'),
});

export const StartImportSchema = z.strictObject({ version: z.number().int().min(1) });

export const ImportPagesQuerySchema = z.strictObject({
  outcome: z.enum(PAGE_OUTCOMES, { message: '未知的处理结果' }).optional(),
  kind: z.enum(PAGE_KINDS, { message: '未知的页面类型' }).optional(),
  columnKey: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  offset: z.coerce.number().int().min(0).max(10_000_000).optional(),
});

/** The content command's input for one legacy article (the migration room's only way to write articles). */
export const ImportArticleSchema = z.strictObject({
  siteId: id,
  columnId: id,
  type: z.enum(ARTICLE_TYPES),
  /** The article an earlier import made of this page: updated instead of duplicated. */
  articleId: id.nullable().optional(),
  title: z.string().trim().min(1, '标题不能为空').max(300),
  bodyHtml: z.string().max(2_000_000, '正文过长'),
  source: z.string().trim().max(200).nullable().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  /** The legacy publication date (YYYY-MM-DD): the public site shows it as the first publication. */
  publishedOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
  legacyUrl: z.string().min(1).max(2000),
  legacyIndexNo: z.string().trim().max(100).nullable().optional(),
  /** Create a draft and submit it into the normal review instead of publishing. */
  review: z.boolean().optional(),
  /** The caller rebuilds the whole site afterwards (a bulk import): no publish job per article. */
  publishLater: z.boolean().optional(),
});
export type ImportArticleInput = z.input<typeof ImportArticleSchema>;

export interface ImportCounts {
  pagesSeen: number;
  articlesFound: number;
  imported: number;
  updated: number;
  unchanged: number;
  duplicates: number;
  skipped: number;
  failed: number;
  pending: number;
}

export interface LegacyColumnView {
  key: string;
  name: string;
  listUrl: string | null;
  listPages: number;
  articles: number;
  /** `confidence`: 0–100. */
  suggestion: { columnId: string | null; columnName: string | null; confidence: number; basis: 'exact' | 'synonym' | 'similar' | 'none' };
  /** The confirmed target (undefined until confirmed; null = left out). */
  target?: string | null;
  /** The article type the articles get in the suggested or confirmed column. */
  articleType: string | null;
}

export interface ImportSummaryView {
  id: string;
  sourceSiteId: string;
  targetSiteId: string;
  startUrl: string;
  status: ImportStatus;
  dryRun: boolean;
  counts: ImportCounts;
  createdBy: string;
  createdAt: string;
  finishedAt: string | null;
  version: number;
}

export interface ImportView extends ImportSummaryView {
  options: ImportOptions;
  columns: LegacyColumnView[];
  mapping: Record<string, string | null> | null;
  confirmedBy: string | null;
  confirmedAt: string | null;
  error: string | null;
  /** Pages done of those to import (importing), for a progress bar. */
  progress: { done: number; total: number };
  /** Per legacy column: pages by outcome (the dry run's report). */
  byColumn: { key: string; name: string; outcomes: Partial<Record<PageOutcome, number>> }[];
}

export interface ImportPageView {
  url: string;
  kind: LegacyPageKind;
  columnKey: string | null;
  title: string | null;
  date: string | null;
  outcome: PageOutcome;
  reason: string | null;
  articleId: string | null;
  duplicateOf: string | null;
}

export interface ImportPagesView {
  total: number;
  items: ImportPageView[];
}
