/**
 * Service items (办事事项) and their guides (办事指南), shared by server and admin: the elements a
 * guide has, the ten key element categories of the national indicator (2019, veto item 6 and the
 * 办事指南 deduction), the classifications citizens browse by (topic, life event, audience), and
 * the completeness rule. The list of required elements is configuration (setting
 * `guides.settings`); the ten national categories are its default.
 */

/** Every element of a guide, in the order an item page shows them. */
export const SERVICE_ELEMENTS = [
  'name',
  'code',
  'category',
  'legalBasis',
  'conditions',
  'materials',
  'handlingOrg',
  'place',
  'officeHours',
  'timeLimit',
  'fees',
  'process',
  'phone',
  'onlineUrl',
  'faq',
] as const;
export type ServiceElement = (typeof SERVICE_ELEMENTS)[number];

export const SERVICE_ELEMENT_LABELS: Record<ServiceElement, string> = {
  name: '事项名称',
  code: '事项编码',
  category: '事项类型',
  legalBasis: '设定依据',
  conditions: '申请条件',
  materials: '办理材料',
  handlingOrg: '办理机构',
  place: '办理地点',
  officeHours: '办理时间',
  timeLimit: '办理时限',
  fees: '收费标准',
  process: '办理流程',
  phone: '联系电话',
  onlineUrl: '在线办理',
  faq: '常见问题',
};

/**
 * The ten 办事指南重点要素类别 of the 2019 national indicator: 事项名称、设定依据、申请条件、办理材料、
 * 办理地点、办理机构、收费标准、办理时间、联系电话、办理流程 (indicators.md §1.3). A site fails
 * (服务不实用) when ≥ 5 items each miss ≥ 4 of them, or when it has fewer than 5 items and every
 * one misses ≥ 4.
 */
export const NATIONAL_KEY_ELEMENTS: readonly ServiceElement[] = [
  'name',
  'legalBasis',
  'conditions',
  'materials',
  'place',
  'handlingOrg',
  'fees',
  'officeHours',
  'phone',
  'process',
];
/** Missing this many key categories makes an item count towards the veto. */
export const VETO_MISSING_CATEGORIES = 4;
/** This many such items veto the site. */
export const VETO_ITEM_COUNT = 5;

export const SERVICE_CATEGORIES = [
  '行政许可',
  '行政给付',
  '行政确认',
  '行政奖励',
  '行政裁决',
  '行政征收',
  '其他行政权力',
  '公共服务',
] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];

export const AUDIENCES = ['person', 'legal'] as const;
export type Audience = (typeof AUDIENCES)[number];
export const AUDIENCE_LABELS: Record<Audience, string> = { person: '个人办事', legal: '法人办事' };

/** How far an item can be handled online; `full` is 全程网办 (the annual report counts these). */
export const ONLINE_LEVELS = ['none', 'appointment', 'partial', 'full'] as const;
export type OnlineLevel = (typeof ONLINE_LEVELS)[number];
export const ONLINE_LEVEL_LABELS: Record<OnlineLevel, string> = {
  none: '仅窗口办理',
  appointment: '在线预约',
  partial: '在线申报、窗口领取',
  full: '全程网办',
};

interface Classification {
  code: string;
  name: string;
}

/** 主题分类 (the national service platform's topics; one list for both audiences). Codes are stable: they are in public URLs. */
export const SERVICE_TOPICS: readonly Classification[] = [
  ['t01', '生育收养'],
  ['t02', '户籍办理'],
  ['t03', '教育科研'],
  ['t04', '就业创业'],
  ['t05', '社会保障'],
  ['t06', '医疗卫生'],
  ['t07', '住房保障'],
  ['t08', '婚姻登记'],
  ['t09', '证件办理'],
  ['t10', '交通出行'],
  ['t11', '出境入境'],
  ['t12', '民族宗教'],
  ['t13', '优待抚恤'],
  ['t14', '离职退休'],
  ['t15', '死亡殡葬'],
  ['t16', '设立变更'],
  ['t17', '准营准办'],
  ['t18', '资质认证'],
  ['t19', '税收财务'],
  ['t20', '人力资源'],
  ['t21', '投资审批'],
  ['t22', '规划建设'],
  ['t23', '农林牧渔'],
  ['t24', '环保绿化'],
  ['t25', '安全生产'],
  ['t26', '文化体育'],
  ['t27', '知识产权'],
  ['t28', '司法公证'],
  ['t29', '公用事业'],
  ['t30', '法人注销'],
  ['t99', '其他'],
].map(([code, name]) => ({ code: code!, name: name! }));

/** 人生事件 for citizens and the life of a business for legal persons (按生命周期). */
export const LIFE_EVENTS: readonly (Classification & { audience: Audience })[] = [
  ['p01', '出生', 'person'],
  ['p02', '上学', 'person'],
  ['p03', '就业', 'person'],
  ['p04', '婚育', 'person'],
  ['p05', '住房', 'person'],
  ['p06', '出行', 'person'],
  ['p07', '就医', 'person'],
  ['p08', '退休养老', 'person'],
  ['p09', '身后事', 'person'],
  ['l01', '开办企业', 'legal'],
  ['l02', '经营许可', 'legal'],
  ['l03', '投资建设', 'legal'],
  ['l04', '招聘用工', 'legal'],
  ['l05', '纳税缴费', 'legal'],
  ['l06', '变更登记', 'legal'],
  ['l07', '注销退出', 'legal'],
].map(([code, name, audience]) => ({ code: code!, name: name!, audience: audience as Audience }));

export const TOPIC_NAMES: ReadonlyMap<string, string> = new Map(SERVICE_TOPICS.map((t) => [t.code, t.name]));
export const LIFE_EVENT_NAMES: ReadonlyMap<string, string> = new Map(LIFE_EVENTS.map((t) => [t.code, t.name]));

/** A material the applicant brings, with the blank form and a filled-in sample where there are any. */
export interface ServiceMaterial {
  name: string;
  /** e.g. 原件1份、复印件1份 */
  form: string | null;
  required: boolean;
  note: string | null;
  /** Stored file ids (the blank form to fill in and a sample). */
  formFileId: string | null;
  sampleFileId: string | null;
}

export interface ServiceStep {
  title: string;
  description: string | null;
}

export interface ServiceFaq {
  question: string;
  answer: string;
}

/** Everything a guide says, as the editor saves it (code and name identify the item on its site). */
export interface ServiceGuide {
  name: string;
  code: string;
  category: ServiceCategory | null;
  audiences: Audience[];
  topics: string[];
  lifeEvents: string[];
  legalBasis: string | null;
  conditions: string | null;
  materials: ServiceMaterial[];
  handlingOrg: string | null;
  place: string | null;
  officeHours: string | null;
  legalTimeLimit: string | null;
  promisedTimeLimit: string | null;
  fees: string | null;
  feeBasis: string | null;
  process: ServiceStep[];
  phone: string | null;
  complaintPhone: string | null;
  onlineUrl: string | null;
  onlineLevel: OnlineLevel;
  faq: ServiceFaq[];
}

/** The stored files a guide's materials offer (blank forms and samples), each once. */
export function materialFileIds(g: Pick<ServiceGuide, 'materials'>): string[] {
  return [...new Set(g.materials.flatMap((m) => [m.formFileId, m.sampleFileId]).filter((x): x is string => !!x))];
}

/** Text that stands in for an element without saying anything: treated as missing. */
const PLACEHOLDERS = new Set([
  '暂无',
  '待定',
  '待补充',
  '待完善',
  '略',
  '无内容',
  '-',
  '—',
  '--',
  '/',
  '\\',
  '空',
  'null',
  'n/a',
  'na',
  'tbd',
  '?',
  '？',
]);

/** Whether a text element says something (not blank, not a placeholder such as 暂无). */
export function said(v: string | null | undefined): boolean {
  if (!v) return false;
  const t = v.replace(/[\s\u3000]+/g, '').toLowerCase();
  return t.length > 0 && !PLACEHOLDERS.has(t);
}

/** Whether the guide states the element (a placeholder such as 暂无 or 待补充 does not count). */
export function hasElement(g: ServiceGuide, e: ServiceElement): boolean {
  switch (e) {
    case 'name':
      return said(g.name);
    case 'code':
      return said(g.code);
    case 'category':
      return g.category !== null;
    case 'materials':
      return g.materials.some((m) => said(m.name));
    case 'process':
      return g.process.some((s) => said(s.title));
    case 'faq':
      return g.faq.some((f) => said(f.question) && said(f.answer));
    case 'timeLimit':
      return said(g.legalTimeLimit) || said(g.promisedTimeLimit);
    case 'onlineUrl':
      return said(g.onlineUrl);
    case 'legalBasis':
    case 'conditions':
    case 'handlingOrg':
    case 'place':
    case 'officeHours':
    case 'fees':
    case 'phone':
      return said(g[e]);
  }
}

/** The required elements the guide lacks, in page order. */
export function missingElements(g: ServiceGuide, required: readonly ServiceElement[]): ServiceElement[] {
  const req = new Set(required);
  return SERVICE_ELEMENTS.filter((e) => req.has(e) && !hasElement(g, e));
}

/** How many of the ten national key categories the guide lacks. */
export function missingKeyCategories(g: ServiceGuide): number {
  return NATIONAL_KEY_ELEMENTS.filter((e) => !hasElement(g, e)).length;
}

export type ServiceVeto = 'noServices' | 'tooManyIncomplete' | 'allIncomplete' | null;

/**
 * The national veto rule 服务不实用 over a site's published items (for each, the number of key
 * categories it lacks): no items; ≥ 5 items each lacking ≥ 4; fewer than 5 items, all lacking ≥ 4.
 */
export function serviceVeto(missingPerItem: readonly number[]): ServiceVeto {
  if (missingPerItem.length === 0) return 'noServices';
  const poor = missingPerItem.filter((n) => n >= VETO_MISSING_CATEGORIES).length;
  if (poor >= VETO_ITEM_COUNT) return 'tooManyIncomplete';
  if (missingPerItem.length < VETO_ITEM_COUNT && poor === missingPerItem.length) return 'allIncomplete';
  return null;
}

export const SERVICE_VETO_LABELS: Record<Exclude<ServiceVeto, null>, string> = {
  noServices: '未提供办事服务',
  tooManyIncomplete: '办事指南重点要素缺失 4 类及以上的事项达到 5 个',
  allIncomplete: '事项不足 5 个且每个事项均缺失 4 类及以上重点要素',
};

export interface GuideSettings {
  /** Elements every item must state before it can be published. */
  requiredElements: ServiceElement[];
  /** An item not reviewed for this many days is listed for its org. */
  reviewIntervalDays: number;
}

export const DEFAULT_GUIDE_SETTINGS: GuideSettings = {
  requiredElements: [...NATIONAL_KEY_ELEMENTS],
  reviewIntervalDays: 365,
};

export const SERVICE_STATES = ['draft', 'published', 'withdrawn'] as const;
export type ServiceState = (typeof SERVICE_STATES)[number];
export const SERVICE_STATE_LABELS: Record<ServiceState, string> = { draft: '未发布', published: '已发布', withdrawn: '已下线' };

/** Item codes appear in public URLs: letters, digits and - _ . only. */
export const SERVICE_CODE = /^[0-9A-Za-z][0-9A-Za-z._-]{0,63}$/;
