/**
 * The standard structure of an org's 政府信息公开目录 (条例 12, 20, 21; 国办公开办函〔2019〕61号;
 * domain-rules §4): the 指南, the 制度, the statutory proactive content by 条例 art. 20 item (and
 * the art. 21 items for city, county and township governments and their departments), the annual
 * reports and the 依申请公开 entry. A site's columns are mapped onto these categories; the
 * catalogue lists what the mapped columns publish. Shared by server and admin.
 */
import type { OrgLevel } from './schemas/accounts.ts';

export interface CatalogueCategory {
  /** Stable code stored on the column (site_columns.catalogue_category). */
  code: string;
  label: string;
  /** The group it is shown under. */
  group: CatalogueGroup;
  /** 条例 article and item it implements, shown as a note. */
  basis: string | null;
  /** Org levels this category applies to (null: every level). */
  levels: readonly OrgLevel[] | null;
}

export const CATALOGUE_GROUPS = ['guide', 'rules', 'statutory', 'local', 'annualReport', 'request'] as const;
export type CatalogueGroup = (typeof CATALOGUE_GROUPS)[number];
export const CATALOGUE_GROUP_LABELS: Record<CatalogueGroup, string> = {
  guide: '政府信息公开指南',
  rules: '政府信息公开制度',
  statutory: '法定主动公开内容',
  local: '法定主动公开内容（第二十一条）',
  annualReport: '政府信息公开年报',
  request: '依申请公开',
};

/** Item texts of 条例 第二十条 (domain-rules §4.3), in order. */
const ARTICLE_20_ITEMS = [
  '行政法规、规章和规范性文件',
  '机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名',
  '国民经济和社会发展规划、专项规划、区域规划及相关政策',
  '国民经济和社会发展统计信息',
  '办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果',
  '实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定',
  '财政预算、决算信息',
  '行政事业性收费项目及其依据、标准',
  '政府集中采购项目的目录、标准及实施情况',
  '重大建设项目的批准和实施情况',
  '扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况',
  '突发公共事件的应急预案、预警信息及应对情况',
  '环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况',
  '公务员招考的职位、名额、报考条件等事项以及录用结果',
  '法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息',
] as const;

const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];

/** 条例 第二十一条: city and county governments and their departments. */
const CITY_COUNTY_ITEMS = [
  ['urbanConstruction', '市政建设'],
  ['publicService', '公共服务'],
  ['publicWelfare', '公益事业'],
  ['landExpropriation', '土地征收'],
  ['housingExpropriation', '房屋征收'],
  ['publicSecurity', '治安管理'],
  ['socialAssistance', '社会救助'],
] as const;

/** 条例 第二十一条: townships (乡、镇). */
const TOWNSHIP_ITEMS = [
  ['ruralPolicy', '农业农村政策落实'],
  ['irrigation', '农田水利工程建设运营'],
  ['landContractTransfer', '农村土地承包经营权流转'],
  ['homestead', '宅基地使用情况审核'],
  ['landExpropriation', '土地征收'],
  ['housingExpropriation', '房屋征收'],
  ['fundraising', '筹资筹劳'],
  ['socialAssistance', '社会救助'],
] as const;

const CITY_COUNTY: readonly OrgLevel[] = ['city', 'county', 'department'];
const TOWNSHIP: readonly OrgLevel[] = ['township'];

function localItems(items: readonly (readonly [string, string])[], levels: readonly OrgLevel[], prefix: string): CatalogueCategory[] {
  return items.map(([code, label]) => ({ code: `${prefix}.${code}`, label, group: 'local', basis: '条例第二十一条', levels }));
}

/** Every category, in the order the catalogue shows them. */
export const CATALOGUE_CATEGORIES: readonly CatalogueCategory[] = [
  { code: 'guide', label: '政府信息公开指南', group: 'guide', basis: '条例第十二条', levels: null },
  { code: 'rules', label: '政府信息公开制度', group: 'rules', basis: null, levels: null },
  ...ARTICLE_20_ITEMS.map((label, i): CatalogueCategory => ({
    code: `art20.${i + 1}`,
    label,
    group: 'statutory',
    basis: `条例第二十条第（${CHINESE_NUMERALS[i]}）项`,
    levels: null,
  })),
  ...localItems(CITY_COUNTY_ITEMS, CITY_COUNTY, 'art21'),
  ...localItems(TOWNSHIP_ITEMS, TOWNSHIP, 'art21t'),
  { code: 'annualReport', label: '政府信息公开年报', group: 'annualReport', basis: '条例第四十九条', levels: null },
  { code: 'request', label: '依申请公开', group: 'request', basis: '条例第二十七条', levels: null },
];

export type CatalogueCategoryCode = string;
const BY_CODE = new Map(CATALOGUE_CATEGORIES.map((c) => [c.code, c]));
export const CATALOGUE_CATEGORY_CODES = CATALOGUE_CATEGORIES.map((c) => c.code) as [string, ...string[]];

/** The category of this code, or undefined. */
export function catalogueCategory(code: string | null | undefined): CatalogueCategory | undefined {
  return code ? BY_CODE.get(code) : undefined;
}

/** The categories an org of this level's catalogue shows (art. 21 items depend on the level). */
export function categoriesFor(level: OrgLevel): CatalogueCategory[] {
  return CATALOGUE_CATEGORIES.filter((c) => !c.levels || c.levels.includes(level));
}

/**
 * Categories whose items are published articles in mapped columns. The 指南 is a page built from
 * the org's guide fields (a column may still hold the guide's document); 依申请公开 is the request
 * form and tracking pages.
 */
export function holdsArticles(code: string): boolean {
  return code !== 'request';
}

/** The category the 索引号 template's `{category}` segment uses: the art. 20 item number, or a short code. */
export function categoryIndexSegment(code: string | null | undefined): string | null {
  const c = catalogueCategory(code);
  if (!c) return null;
  const m = /^art20\.(\d+)$/.exec(c.code);
  if (m) return m[1]!.padStart(2, '0');
  return c.code.replace(/[^A-Za-z0-9]/g, '').slice(0, 12);
}
