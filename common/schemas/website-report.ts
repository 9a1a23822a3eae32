/**
 * The 政府网站工作年度报表 (国办函〔2018〕12号; domain-rules §2.7): the form every website
 * files for the year just ended, by 31 January, shown on its home page. Each field says where
 * its figure comes from: the platform's own data, the sum of other fields, or a person (the
 * fields no system of the platform knows: 办件量, 在线访谈, 安全防护, 移动新媒体…), and the
 * form and its export say so too.
 */
import { z } from 'zod';
import { optionalPlainText } from './text.ts';

export const REPORT_SECTIONS = [
  '基本信息',
  '信息发布',
  '专栏专题',
  '解读回应',
  '办事服务',
  '互动交流',
  '安全防护',
  '移动新媒体',
  '创新发展',
] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

export type ReportFieldType = 'count' | 'number' | 'yesno' | 'text';
export type ReportFieldSource = 'platform' | 'manual' | 'sum';
export const REPORT_SOURCE_LABELS: Record<ReportFieldSource, string> = { platform: '平台统计', manual: '人工填报', sum: '合计' };

export interface ReportField {
  key: string;
  section: ReportSection;
  label: string;
  unit?: string;
  type: ReportFieldType;
  source: ReportFieldSource;
  /** A sum: the fields it adds up. */
  parts?: readonly string[];
  /** How the platform counts it, shown beside the figure. */
  basis?: string;
}

const f = (
  section: ReportSection,
  key: string,
  label: string,
  type: ReportFieldType,
  source: ReportFieldSource,
  more: Partial<ReportField> = {},
) => ({ section, key, label, type, source, ...more }) as ReportField;

/** Every field of the form, in its order. */
export const REPORT_FIELDS: readonly ReportField[] = [
  f('基本信息', 'siteName', '网站名称', 'text', 'platform'),
  f('基本信息', 'homeUrl', '首页网址', 'text', 'platform'),
  f('基本信息', 'sponsor', '主办单位', 'text', 'platform'),
  f('基本信息', 'siteType', '网站类型', 'text', 'platform'),
  f('基本信息', 'siteCode', '政府网站标识码', 'text', 'platform'),
  f('基本信息', 'icp', 'ICP备案号', 'text', 'platform'),
  f('基本信息', 'psb', '公安机关备案号', 'text', 'platform'),
  f('基本信息', 'uniqueVisitors', '独立用户访问总量', 'count', 'platform', {
    unit: '个',
    basis: '公开网站访问日志中全年不同的访问者（地址与浏览器），不含搜索引擎和监测程序',
  }),
  f('基本信息', 'pageViews', '网站总访问量', 'count', 'platform', {
    unit: '次',
    basis: '公开网站访问日志中全年的页面访问次数，不含搜索引擎和监测程序',
  }),

  f('信息发布', 'publishTotal', '信息发布总数', 'count', 'platform', { unit: '条', basis: '本年首次发布的信息' }),
  f('信息发布', 'overviewUpdates', '概况类信息更新量', 'count', 'platform', { unit: '条', basis: '机构概况、人事信息类' }),
  f('信息发布', 'newsUpdates', '政务动态信息更新量', 'count', 'platform', { unit: '条', basis: '工作动态、通知公告类' }),
  f('信息发布', 'catalogueUpdates', '信息公开目录信息更新量', 'count', 'platform', {
    unit: '条',
    basis: '对应政府信息公开目录的栏目中发布的信息',
  }),

  f('专栏专题', 'topicsMaintained', '维护数量', 'count', 'platform', { unit: '个', basis: '年末在用、名称含“专题”或“专栏”的栏目' }),
  f('专栏专题', 'topicsOpened', '新开设数量', 'count', 'platform', { unit: '个', basis: '其中本年新开设的' }),

  f('解读回应', 'interpretationTotal', '解读信息发布总数', 'count', 'sum', {
    unit: '条',
    parts: ['interpretationMaterials', 'interpretationProducts', 'mediaComments'],
  }),
  f('解读回应', 'interpretationMaterials', '解读材料数量', 'count', 'platform', { unit: '条', basis: '本年首次发布的政策解读' }),
  f('解读回应', 'interpretationProducts', '解读产品数量', 'count', 'manual', { unit: '条' }),
  f('解读回应', 'mediaComments', '媒体评论文章数量', 'count', 'manual', { unit: '条' }),
  f('解读回应', 'hotspotResponses', '回应公众关注热点或重大舆情数量', 'count', 'manual', { unit: '次' }),

  f('办事服务', 'serviceCatalogue', '是否发布服务事项目录', 'yesno', 'platform'),
  f('办事服务', 'registeredUsers', '注册用户数', 'count', 'manual', { unit: '个' }),
  f('办事服务', 'serviceItems', '政务服务事项数量', 'count', 'platform', { unit: '项', basis: '已发布的服务事项' }),
  f('办事服务', 'fullyOnlineItems', '可全程在线办理政务服务事项数量', 'count', 'platform', { unit: '项' }),
  f('办事服务', 'casesTotal', '办件量', 'count', 'sum', { unit: '件', parts: ['casesNatural', 'casesLegal'] }),
  f('办事服务', 'casesNatural', '自然人办件量', 'count', 'manual', { unit: '件' }),
  f('办事服务', 'casesLegal', '法人办件量', 'count', 'manual', { unit: '件' }),

  f('互动交流', 'unifiedPlatform', '是否使用统一平台', 'yesno', 'platform', { basis: '留言办理在全市统一平台上' }),
  f('互动交流', 'lettersReceived', '收到留言数量', 'count', 'platform', { unit: '条' }),
  f('互动交流', 'lettersClosed', '办结留言数量', 'count', 'platform', { unit: '条' }),
  f('互动交流', 'lettersAverageDays', '平均办理时间', 'number', 'platform', { unit: '天' }),
  f('互动交流', 'lettersPublished', '公开答复数量', 'count', 'platform', { unit: '条' }),
  f('互动交流', 'surveys', '征集调查期数', 'count', 'platform', { unit: '期' }),
  f('互动交流', 'surveyOpinions', '收到意见数量', 'count', 'platform', { unit: '条' }),
  f('互动交流', 'surveyResults', '公布调查结果期数', 'count', 'platform', { unit: '期' }),
  f('互动交流', 'interviews', '在线访谈期数', 'count', 'manual', { unit: '期' }),
  f('互动交流', 'interviewMessages', '网民留言数量', 'count', 'manual', { unit: '条' }),
  f('互动交流', 'interviewAnswers', '答复网民提问数量', 'count', 'manual', { unit: '条' }),
  f('互动交流', 'smartQa', '是否提供智能问答功能', 'yesno', 'manual'),

  f('安全防护', 'securityAssessments', '安全检测评估次数', 'count', 'manual', { unit: '次' }),
  f('安全防护', 'securityProblems', '发现问题数量', 'count', 'manual', { unit: '个' }),
  f('安全防护', 'securityFixed', '问题整改数量', 'count', 'manual', { unit: '个' }),
  f('安全防护', 'securityMonitoring', '是否建立安全监测预警机制', 'yesno', 'manual'),
  f('安全防护', 'emergencyDrill', '是否开展应急演练', 'yesno', 'manual'),
  f('安全防护', 'securityOfficer', '是否明确网站安全责任人', 'yesno', 'manual'),

  f('移动新媒体', 'newMedia', '是否有移动新媒体', 'yesno', 'manual'),
  f('移动新媒体', 'weiboName', '微博名称', 'text', 'manual'),
  f('移动新媒体', 'weiboPosts', '微博信息发布量', 'count', 'manual', { unit: '条' }),
  f('移动新媒体', 'weiboFollowers', '微博关注量', 'count', 'manual', { unit: '个' }),
  f('移动新媒体', 'wechatName', '微信名称', 'text', 'manual'),
  f('移动新媒体', 'wechatPosts', '微信信息发布量', 'count', 'manual', { unit: '条' }),
  f('移动新媒体', 'wechatSubscribers', '微信订阅数', 'count', 'manual', { unit: '个' }),
  f('移动新媒体', 'otherMedia', '其他移动新媒体', 'text', 'manual'),

  f('创新发展', 'searchAsService', '搜索即服务', 'yesno', 'manual'),
  f('创新发展', 'multilingual', '多语言版本', 'yesno', 'manual'),
  f('创新发展', 'accessibility', '无障碍浏览', 'yesno', 'platform', { basis: '平台网站均提供无障碍和适老化浏览' }),
  f('创新发展', 'personalised', '千人千网', 'yesno', 'manual'),
  f('创新发展', 'otherInnovation', '其他', 'text', 'manual'),
];

export const REPORT_FIELD_BY_KEY: ReadonlyMap<string, ReportField> = new Map(REPORT_FIELDS.map((x) => [x.key, x]));
export const MANUAL_FIELDS = REPORT_FIELDS.filter((x) => x.source === 'manual');

export type ReportValue = number | boolean | string | null;

/** A value as the form prints it: 是/否, numbers with their unit, 无 for an empty text, — when unknown. */
export function displayValue(field: ReportField, value: ReportValue): string {
  if (value === null || value === undefined) return '—';
  if (field.type === 'yesno') return value ? '是' : '否';
  if (field.type === 'text') return String(value).trim() || '无';
  return `${value}${field.unit ? ` ${field.unit}` : ''}`;
}

const manualValue = (field: ReportField) => {
  switch (field.type) {
    case 'count':
      return z
        .number({ message: `${field.label}应为数字` })
        .int(`${field.label}应为整数`)
        .min(0, `${field.label}不能为负数`)
        .max(1e12, `${field.label}过大`)
        .nullable()
        .optional();
    case 'number':
      return z
        .number({ message: `${field.label}应为数字` })
        .min(0)
        .max(1e9)
        .nullable()
        .optional();
    case 'yesno':
      return z
        .boolean({ message: `${field.label}应为“是”或“否”` })
        .nullable()
        .optional();
    case 'text':
      return optionalPlainText(200, field.label);
  }
};

/** The hand-entered fields; a field left out or null is not filled in yet. */
export const ManualValuesSchema = z.strictObject(Object.fromEntries(MANUAL_FIELDS.map((x) => [x.key, manualValue(x)])));
export type ManualValues = Record<string, ReportValue | undefined>;

export const SaveWebsiteReportSchema = z.strictObject({
  /** The version the form was loaded at (0: nothing saved yet). */
  expectedVersion: z.number().int().min(0),
  values: ManualValuesSchema,
});

export const WebsiteReportKeySchema = z.strictObject({
  siteId: z.string().min(1).max(40),
  year: z.coerce.number().int().min(2000).max(2100),
});

export const WEBSITE_REPORT_STATES = ['draft', 'submitted', 'published'] as const;
export type WebsiteReportState = (typeof WEBSITE_REPORT_STATES)[number];
export const WEBSITE_REPORT_STATE_LABELS: Record<WebsiteReportState, string> = {
  draft: '填报中',
  submitted: '审核中',
  published: '已发布',
};

/** A site's report for a year: every field's value and source, the hand-entered ones still empty, and where it stands. */
export interface WebsiteReport {
  siteId: string;
  siteName: string;
  year: number;
  /** 0 until the hand-entered fields are first saved. */
  version: number;
  values: Record<string, ReportValue>;
  /** Hand-entered fields not filled in yet. */
  missing: string[];
  state: WebsiteReportState;
  article: { id: string; status: string; publishedAt: string | null } | null;
  /** The last day to publish it: 31 January of the next year. */
  deadline: string;
  updatedBy: string | null;
  updatedAt: string | null;
}

/** One site's line in the supervisors' list of the year's reports. */
export interface WebsiteReportStatus {
  siteId: string;
  siteName: string;
  state: WebsiteReportState;
  missing: number;
  publishedAt: string | null;
  /** Not published and the deadline passed. */
  late: boolean;
}
