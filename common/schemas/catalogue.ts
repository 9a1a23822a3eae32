/** Schemas and response types of the 政府信息公开目录 API (the 指南 fields, the catalogue's coverage), shared by server and admin. */
import { z } from 'zod';

const line = (label: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不能超过 ${max} 个字`)
    // eslint-disable-next-line no-control-regex
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), `${label}不能含有换行或不可见字符`);
const text = (label: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不能超过 ${max} 个字`)
    // eslint-disable-next-line no-control-regex
    .refine((s) => !/[\u0000-\u0009\u000b-\u001f\u007f]/.test(s), `${label}不能含有不可见字符`);

/** The 政府信息公开指南's fields (条例 12): the office and its contacts, the arrangement, how to obtain information. */
export const GuideSchema = z.strictObject({
  officeName: line('工作机构名称', 200),
  address: line('办公地址', 300),
  postalCode: z
    .string()
    .regex(/^\d{6}$/, '邮政编码应为 6 位数字')
    .nullable()
    .optional(),
  officeHours: line('办公时间', 200),
  phone: line('联系电话', 64).refine((s) => !s || /^[0-9()（）\-—+、，, ]+$/.test(s), '联系电话只能包含数字、括号、短横线和分隔符'),
  fax: line('传真号码', 64).refine((s) => !s || /^[0-9()（）\-—+、，, ]+$/.test(s), '传真号码只能包含数字、括号、短横线和分隔符'),
  webContact: line('互联网联系方式', 300),
  arrangement: text('信息分类与编排体系说明', 5000),
  obtaining: text('获取方式说明', 5000),
});
export type GuideInput = z.input<typeof GuideSchema>;

/** An org's 指南 as the API returns it (null fields: not filled in yet). */
export interface Guide {
  orgId: string;
  orgName: string;
  officeName: string | null;
  address: string | null;
  postalCode: string | null;
  officeHours: string | null;
  phone: string | null;
  fax: string | null;
  webContact: string | null;
  arrangement: string | null;
  obtaining: string | null;
  updatedAt: string | null;
}

/** One category of a site's catalogue with what feeds it (GET /api/disclosure/catalogue/:siteId). */
export interface CatalogueCoverageItem {
  code: string;
  label: string;
  group: string;
  groupLabel: string;
  basis: string | null;
  columns: { id: string; name: string }[];
  items: number;
  newestPublishedAt: string | null;
  problems: string[];
}

export interface CatalogueCoverageView {
  siteId: string;
  orgId: string;
  orgName: string;
  categories: CatalogueCoverageItem[];
  /** Categories that need attention. */
  problemCount: number;
}

/** One hosted site in the supervision office's overview (GET /api/disclosure/catalogue). */
export interface CatalogueOverviewItem {
  siteId: string;
  siteName: string;
  orgName: string;
  /** Items in the site's catalogue. */
  items: number;
  problemCount: number;
  /** Labels of the categories that need attention. */
  missing: string[];
}
