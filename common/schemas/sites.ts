/** Request schemas of the sites API (sites and columns), shared by server and admin. */
import { z } from 'zod';
import { CATALOGUE_CATEGORY_CODES } from '../catalogue.ts';
import { SITE_CODE_PATTERN } from '../codes.ts';
import { ARTICLE_TYPES } from '../content.ts';

export const SITE_KINDS = ['portal', 'department'] as const;
export const SITE_KIND_LABELS: Record<(typeof SITE_KINDS)[number], string> = { portal: '门户网站', department: '部门网站' };
export const SITE_HOSTINGS = ['hosted', 'external'] as const;
export const SITE_HOSTING_LABELS: Record<(typeof SITE_HOSTINGS)[number], string> = { hosted: '平台托管', external: '外部网站（仅监测）' };
export const SITE_STATUSES = ['planned', 'active', 'migrating', 'closing', 'closed', 'offline'] as const;
export type SiteStatus = (typeof SITE_STATUSES)[number];
export const SITE_STATUS_LABELS: Record<SiteStatus, string> = {
  planned: '筹建中',
  active: '运行中',
  migrating: '迁移中',
  closing: '关停公示中',
  closed: '已关停',
  offline: '临时下线',
};

export const FRESHNESS_CLASSES = ['news', 'notice', 'policy', 'personnel', 'plan', 'custom', 'none'] as const;
export type FreshnessClass = (typeof FRESHNESS_CLASSES)[number];
export const FRESHNESS_LABELS: Record<FreshnessClass, string> = {
  news: '动态要闻类（14 天）',
  notice: '通知公告类（6 个月）',
  policy: '政策文件类（6 个月）',
  personnel: '人事规划类（1 年）',
  plan: '规划计划类（1 年）',
  custom: '自定义天数',
  none: '不考核更新',
};

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9\u4e00-\u9fa5]([a-z0-9\u4e00-\u9fa5-]{0,61}[a-z0-9\u4e00-\u9fa5])?\.)+[a-z\u4e00-\u9fa5]{2,63}$/;

export const ContactSchema = z.strictObject({
  phone: z
    .string()
    .trim()
    .max(50, '不能超过 50 个字符')
    .regex(/^[\d\-+() ]*$/, '电话号码格式不正确')
    .optional(),
  email: z.union([z.email('电子邮箱格式不正确'), z.literal('')]).optional(),
  address: z.string().trim().max(200, '不能超过 200 个字符').optional(),
});

/** Blocks a site's home page can show, in the order the site chooses. */
export const HOME_BLOCKS = ['news', 'notices', 'policies', 'interpretations', 'catalogue', 'interaction', 'services', 'search'] as const;
export type HomeBlockKind = (typeof HOME_BLOCKS)[number];
export const HOME_BLOCK_LABELS: Record<HomeBlockKind, string> = {
  news: '新闻动态',
  notices: '通知公告',
  policies: '政策文件',
  interpretations: '政策解读',
  catalogue: '政府信息公开目录',
  interaction: '互动交流',
  services: '政务服务',
  search: '站内搜索',
};
export const DEFAULT_HOME_BLOCKS: readonly HomeBlockKind[] = HOME_BLOCKS;

const imageUrl = z
  .string()
  .trim()
  .max(500, '不能超过 500 个字符')
  .regex(/^(https:\/\/|\/(?!\/))[^\s"'<>\\]*$/, '图片地址应以 https:// 或 / 开头')
  .nullable()
  .optional();

/** A site's public look: up to three colours (primary, secondary, accent), logo, banner and home blocks. */
export const SiteThemeSchema = z.strictObject({
  colors: z
    .array(z.string().regex(/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, '颜色应为 #RRGGBB 格式'))
    .max(3, '最多 3 种颜色')
    .optional(),
  logoUrl: imageUrl,
  bannerUrl: imageUrl,
  homeBlocks: z
    .array(z.enum(HOME_BLOCKS, { message: '未知的首页板块' }))
    .max(HOME_BLOCKS.length)
    .refine((b) => new Set(b).size === b.length, '首页板块不能重复')
    .optional(),
});
export type SiteTheme = z.infer<typeof SiteThemeSchema>;

const siteFields = {
  code: z.string().trim().regex(SITE_CODE_PATTERN, '网站标识码应为 10 位数字，或 bm 加 8 位数字').nullable().optional(),
  name: z.string().trim().min(1, '不能为空').max(200, '不能超过 200 个字符'),
  kind: z.enum(SITE_KINDS, { message: '网站类型应为 门户网站 或 部门网站' }),
  sponsorOrgId: z.string().min(1, '请选择主办单位').max(40),
  parentSiteId: z.string().max(40).nullable().optional(),
  hosting: z.enum(SITE_HOSTINGS, { message: '请选择托管方式' }),
  baseUrl: z
    .url({ protocol: /^https?$/, message: '网址应以 http:// 或 https:// 开头' })
    .max(500)
    .nullable()
    .optional(),
  domains: z.array(z.string().trim().toLowerCase().regex(HOSTNAME, '域名格式不正确')).max(10, '域名不能超过 10 个').optional(),
  icpNumber: z.string().trim().max(64, '不能超过 64 个字符').nullable().optional(),
  psbNumber: z.string().trim().max(64, '不能超过 64 个字符').nullable().optional(),
  contact: ContactSchema.optional(),
  status: z.enum(SITE_STATUSES, { message: '未知的网站状态' }).optional(),
  theme: SiteThemeSchema.optional(),
  /** 党政机关网站标识 id issued by bszs.conac.cn. */
  conacId: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]{1,64}$/, '党政机关网站标识编号只能包含字母和数字')
    .nullable()
    .optional(),
  /** The organ provides services to the public (办事服务 is checked); false for departments without. */
  externalServices: z.boolean({ message: '请选择是否对外提供办事服务' }).optional(),
};

export const CreateSiteSchema = z.strictObject(siteFields);
export type CreateSiteInput = z.input<typeof CreateSiteSchema>;
export const UpdateSiteSchema = z.strictObject(siteFields).partial();
export type UpdateSiteInput = z.input<typeof UpdateSiteSchema>;

export const SiteListQuerySchema = z.strictObject({
  status: z.enum(SITE_STATUSES).optional(),
  kind: z.enum(SITE_KINDS).optional(),
  hosting: z.enum(SITE_HOSTINGS).optional(),
  /** Sites whose sponsor is this county org or below it. */
  countyOrgId: z.string().max(40).optional(),
  q: z.string().max(100).optional(),
});

const columnFields = {
  name: z.string().trim().min(1, '不能为空').max(100, '不能超过 100 个字符'),
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, '栏目路径只能包含小写字母、数字和短横线'),
  parentId: z.string().max(40).nullable().optional(),
  sortOrder: z.number().int().min(0).max(1_000_000).optional(),
  freshnessClass: z.enum(FRESHNESS_CLASSES, { message: '请选择更新要求' }),
  freshnessDays: z.number().int().min(1, '至少 1 天').max(3650, '不能超过 3650 天').nullable().optional(),
  ownerOrgId: z.string().max(40).nullable().optional(),
  /** Article types the column accepts; omitted or null: the types' defaults for its freshness class. */
  accepts: z
    .array(z.enum(ARTICLE_TYPES, { message: '未知的信息类型' }))
    .max(ARTICLE_TYPES.length)
    .nullable()
    .optional(),
  /** The 政府信息公开目录 category the column feeds (common/catalogue.ts), or null. */
  catalogueCategory: z.enum(CATALOGUE_CATEGORY_CODES, { message: '未知的公开目录分类' }).nullable().optional(),
};

/** Top-level paths the platform's own pages use (common/public-paths.ts, 办事服务, search, assets): no column may take them. */
export const RESERVED_COLUMN_SLUGS = ['hdjl', 'bsfw', 'ysqgk', 'ysqgkcx', 'gkml', 'gkzn', 'search', 'assets', 'sites'] as const;

const reservedSlug = (v: { slug?: string; parentId?: string | null }) =>
  !(v.slug && !v.parentId && (RESERVED_COLUMN_SLUGS as readonly string[]).includes(v.slug));
const RESERVED_MESSAGE = { message: '该栏目路径为平台页面保留，请换一个', path: ['slug'] };

export const CreateColumnSchema = z.strictObject(columnFields).refine(reservedSlug, RESERVED_MESSAGE);
export type CreateColumnInput = z.input<typeof CreateColumnSchema>;
export const UpdateColumnSchema = z.strictObject(columnFields).partial().refine(reservedSlug, RESERVED_MESSAGE);
export const CloseColumnSchema = z.strictObject({ reason: z.string().trim().min(2, '请填写关闭原因').max(500) });

// ---------------------------------------------------------------------------------------
// Responses. Declared once here: the server's presenters return these types and the admin
// reads them, so a field renamed on one side fails the type check on the other.

export interface SiteContact {
  phone?: string;
  email?: string;
  address?: string;
}

/** A site as the API returns it (GET /api/sites, POST/PATCH answers). */
export interface Site {
  id: string;
  code: string | null;
  name: string;
  kind: string;
  sponsorOrgId: string;
  parentSiteId: string | null;
  hosting: string;
  baseUrl: string | null;
  domains: string[];
  icpNumber: string | null;
  psbNumber: string | null;
  contact: SiteContact;
  status: string;
  theme: SiteTheme;
  conacId: string | null;
  /** The organ provides services to the public; without them 办事服务 is not checked. */
  externalServices: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A column (栏目) as the API returns it. */
export interface Column {
  id: string;
  siteId: string;
  parentId: string | null;
  name: string;
  slug: string;
  sortOrder: number;
  freshnessClass: string;
  /** Days allowed without an update (derived from the class), or null when not checked. */
  freshnessDays: number | null;
  ownerOrgId: string | null;
  /** Article types accepted, or null for the defaults of the freshness class. */
  accepts: string[] | null;
  /** The 政府信息公开目录 category the column feeds, or null. */
  catalogueCategory: string | null;
  status: string;
  createdAt: string;
  updatedAt: string;
}
