/**
 * A deterministic synthetic corpus of Chinese government articles for benchmarks (search,
 * full-site publishing). Streaming: articles are generated one at a time from a seeded PRNG,
 * so a million of them cost no memory. About 1,500 characters of body per article, sentences
 * from templates over issuing bodies, document types, verbs and ~100 policy topics drawn
 * Zipf-like (营商环境 and 政务服务 are common, 对口支援 rare); 20 columns; dates 2015–2025,
 * increasing with the index (as articles are published).
 */
import { mulberry32 } from '../../common/prng.ts';

export { mulberry32 };

export interface SyntheticArticle {
  index: number;
  /** 0..19, round-robin. */
  column: number;
  title: string;
  bodyHtml: string;
  bodyText: string;
  /** ISO timestamp (UTC), 2015-01-01 … 2025-12-31, non-decreasing with the index. */
  publishedAt: string;
}

export const COLUMN_NAMES = [
  '政务要闻',
  '通知公告',
  '政策文件',
  '政策解读',
  '部门动态',
  '基层动态',
  '人事信息',
  '规划计划',
  '统计数据',
  '财政信息',
  '重点领域',
  '行政执法',
  '建议提案',
  '新闻发布',
  '民生实事',
  '招商引资',
  '应急管理',
  '公共服务',
  '互动回应',
  '专题专栏',
] as const;

export const ISSUERS = [
  '市人民政府',
  '市人民政府办公室',
  '市发展和改革委员会',
  '市教育局',
  '市科学技术局',
  '市工业和信息化局',
  '市公安局',
  '市民政局',
  '市司法局',
  '市财政局',
  '市人力资源和社会保障局',
  '市自然资源和规划局',
  '市生态环境局',
  '市住房和城乡建设局',
  '市交通运输局',
  '市水利局',
  '市农业农村局',
  '市商务局',
  '市文化和旅游局',
  '市卫生健康委员会',
  '市应急管理局',
  '市审计局',
  '市市场监督管理局',
  '市统计局',
  '市医疗保障局',
];
export const DOC_TYPES = [
  '通知',
  '意见',
  '实施方案',
  '工作要点',
  '管理办法',
  '实施细则',
  '决定',
  '公告',
  '通报',
  '批复',
  '报告',
  '行动计划',
];
export const VERBS = [
  '加强',
  '推进',
  '做好',
  '深化',
  '规范',
  '优化',
  '完善',
  '落实',
  '开展',
  '促进',
  '提升',
  '强化',
  '推动',
  '健全',
  '加快',
  '巩固',
  '保障',
  '统筹',
  '创新',
  '改进',
  '扎实推进',
  '全面加强',
  '持续深化',
  '进一步做好',
  '切实加强',
  '大力推进',
];
/** The policy topics, most frequent first (drawn with Zipf weights 1/rank). */
export const TOPICS = [
  '政务服务',
  '营商环境',
  '安全生产',
  '政务公开',
  '社保',
  '医保',
  '乡村振兴',
  '生态环境保护',
  '城市管理',
  '食品安全',
  '义务教育',
  '就业创业',
  '养老服务',
  '住房保障',
  '疫情防控',
  '防汛抗旱',
  '科技创新',
  '数字政府',
  '减税降费',
  '招商引资',
  '民营经济',
  '中小企业',
  '公共文化',
  '全民健身',
  '交通运输',
  '水污染防治',
  '大气污染防治',
  '垃圾分类',
  '老旧小区改造',
  '物业管理',
  '消防安全',
  '特种设备',
  '药品安全',
  '医疗救助',
  '最低生活保障',
  '社会救助',
  '残疾人',
  '退役军人',
  '优抚对象',
  '公共法律服务',
  '法律援助',
  '行政执法',
  '行政复议',
  '信用信息',
  '双随机一公开',
  '告知承诺制',
  '证明事项',
  '一网通办',
  '跨省通办',
  '政务热线',
  '政府采购',
  '公共资源交易',
  '国有资产',
  '预算',
  '决算',
  '专项资金',
  '专项债券',
  '重大项目',
  '工程建设项目',
  '不动产登记',
  '户籍',
  '居住证',
  '婚姻登记',
  '预防接种',
  '家庭医生',
  '分级诊疗',
  '公立医院',
  '学前教育',
  '职业教育',
  '高校毕业生',
  '农民工',
  '根治欠薪',
  '劳动仲裁',
  '最低工资',
  '住房公积金',
  '保障性租赁住房',
  '棚户区改造',
  '城中村改造',
  '高标准农田',
  '粮食安全',
  '耕地保护',
  '农村集体经济',
  '数字经济',
  '智慧城市',
  '产业园区',
  '跨境电商',
  '消费券',
  '以旧换新',
  '碳达峰',
  '节能减排',
  '河长制',
  '林长制',
  '应急预案',
  '平安建设',
  '扫黑除恶',
  '信访工作',
  '普法',
  '人才引进',
  '统计数据',
  '对口支援',
];
const NOUNS = [
  '工作机制',
  '体制机制',
  '制度体系',
  '服务体系',
  '监管体系',
  '责任制',
  '工作方案',
  '标准规范',
  '考核评价',
  '督查检查',
  '信息化建设',
  '队伍建设',
  '宣传引导',
  '风险防控',
  '示范创建',
  '基础设施',
  '公共服务',
  '数据共享',
  '协同联动',
  '长效机制',
  '资金保障',
  '政策措施',
  '办事流程',
  '服务质量',
  '工作成效',
  '群众满意度',
];
const SUBJECTS = ['各区县人民政府', '市政府各部门', '各有关单位', '各乡镇街道', '各开发区管委会', '市直各单位', '各级各部门'];
const CONNECTIVES = ['同时', '此外', '与此同时', '另外', '在此基础上', '为此', '下一步', '据了解', '会议指出', '会议强调'];
const CLOSINGS = [
  '本通知自印发之日起施行。',
  '请各单位结合实际认真贯彻执行。',
  '执行中遇到的问题，请及时向市政府办公室反映。',
  '特此通知。',
  '各地各部门要高度重视，确保各项任务落到实处。',
];

const START = Date.UTC(2015, 0, 1) - 8 * 3_600_000; // 2015-01-01 00:00 Beijing
const END = Date.UTC(2025, 11, 31, 23, 59, 59) - 8 * 3_600_000;

/** A Zipf(1) sampler over `n` ranks: returns 0 (most frequent) … n-1. */
export function zipf(n: number, rnd: () => number): () => number {
  const cumulative: number[] = [];
  let sum = 0;
  for (let k = 1; k <= n; k++) cumulative.push((sum += 1 / k));
  return () => {
    const x = rnd() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** `n` articles, the same for the same (n, seed). */
export function* syntheticArticles(n: number, seed = 42): Generator<SyntheticArticle> {
  const rnd = mulberry32(seed);
  const topic = zipf(TOPICS.length, rnd);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const sentence = () => {
    const t = TOPICS[topic()]!;
    switch (Math.floor(rnd() * 5)) {
      case 0:
        return `${pick(SUBJECTS)}要${pick(VERBS)}${t}${pick(NOUNS)}，${pick(VERBS)}${TOPICS[topic()]}${pick(NOUNS)}。`;
      case 1:
        return `${pick(CONNECTIVES)}，${pick(ISSUERS)}${pick(VERBS)}${t}工作，${pick(NOUNS)}不断完善，${pick(NOUNS)}明显提升。`;
      case 2:
        return `围绕${t}，${pick(VERBS)}${pick(NOUNS)}，${pick(VERBS)}${pick(NOUNS)}，切实${pick(VERBS)}${TOPICS[topic()]}。`;
      case 3:
        return `截至目前，全市${t}相关${pick(NOUNS)}已覆盖${1 + Math.floor(rnd() * 99)}个乡镇街道，惠及群众${1 + Math.floor(rnd() * 900)}万人次。`;
      default:
        return `${pick(CONNECTIVES)}，要把${t}作为${pick(NOUNS)}的重要内容，${pick(VERBS)}${pick(NOUNS)}。`;
    }
  };
  const span = END - START;
  for (let index = 0; index < n; index++) {
    const issuer = pick(ISSUERS);
    const mainTopic = TOPICS[topic()]!;
    const title = `${issuer}关于${pick(VERBS)}${mainTopic}工作的${pick(DOC_TYPES)}`;
    const paragraphs: string[] = [];
    let length = 0;
    const target = 1300 + Math.floor(rnd() * 400);
    while (length < target) {
      let p = paragraphs.length === 0 ? `为${pick(VERBS)}${mainTopic}，经研究，现就有关事项通知如下。` : '';
      for (let s = 2 + Math.floor(rnd() * 4); s > 0; s--) p += sentence();
      paragraphs.push(p);
      length += p.length;
    }
    paragraphs.push(`${pick(CLOSINGS)}${issuer}`);
    // Evenly spread over the span with jitter, so dates rise with the index.
    const at = START + Math.floor(((index + rnd()) / n) * span);
    yield {
      index,
      column: index % COLUMN_NAMES.length,
      title,
      bodyHtml: paragraphs.map((p) => `<p>${p}</p>`).join('\n'),
      bodyText: paragraphs.join('\n'),
      publishedAt: new Date(at).toISOString(),
    };
  }
}
