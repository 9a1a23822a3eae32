/**
 * Pre-publication checks benchmark: `runChecks` on a 20,000-character article against a
 * 50,000-word sensitive-word dictionary, 2,000 common-error pairs and a 200-person leader index.
 * Target: p99 under 20 ms per article (checks run on every submit and every approval, inline).
 * Baseline measured in the same run: the naive scan, `text.indexOf(word)` for every dictionary word.
 * Everything is generated from a seeded PRNG, so every run sees the same dictionary and article.
 *
 *   npx tsx bench/prepublish-checks.bench.ts
 *   PREPUBLISH_BENCH_RUNS=1000 npx tsx bench/prepublish-checks.bench.ts
 *
 * Exit code 1 when p99 exceeds the target.
 */
import {
  buildCommonErrorMatcher,
  buildLeaderIndex,
  buildSensitiveMatcher,
  extractHtmlText,
  runChecks,
  type CheckContext,
  type CheckInput,
  type CommonErrorPair,
  type LeaderRecord,
  type LinkStatus,
  type SensitiveWord,
} from '../server/content/checks/index.ts';
import { mulberry32 } from '../common/prng.ts';

const RUNS = Number(process.env.PREPUBLISH_BENCH_RUNS ?? 200);
const WARMUP = 30;
const NAIVE_RUNS = 5;
const TARGET_MS = 20;
const DICTIONARY_WORDS = 50_000;
const COMMON_ERROR_PAIRS = 2_000;
const LEADERS = 200;
const ARTICLE_CHARS = 20_000;

const rnd = mulberry32(20240601);
const int = (n: number) => Math.floor(rnd() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;

// About 600 of the most frequent characters in modern Chinese text.
const POOL = [
  ...new Set(
    '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞'.split(
      '',
    ),
  ),
];
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split(
    '',
  );
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建文辉力民永俊峰亮宇晨旭鹏飞斌浩凯志国庆海波云林东宁雪梅兰'.split('');
const TITLES = [
  ['市长', '市人民政府'],
  ['副市长', '市人民政府'],
  ['常务副市长', '市人民政府'],
  ['市委书记', '中共攀枝花市委'],
  ['市委副书记', '中共攀枝花市委'],
  ['秘书长', '市人民政府'],
  ['副秘书长', '市人民政府'],
  ['局长', '市教育局'],
  ['副局长', '市教育局'],
  ['局长', '市财政局'],
  ['主任', '市发展改革委'],
  ['副主任', '市发展改革委'],
  ['主任', '市政府办公室'],
  ['区长', '东区人民政府'],
  ['副区长', '东区人民政府'],
  ['县长', '米易县人民政府'],
  ['副县长', '米易县人民政府'],
  ['书记', '东区区委'],
  ['党组书记', '市卫生健康委'],
] as const;
const PHRASES =
  '为深入贯彻落实 党的二十大精神 进一步推进 政务公开 标准化规范化建设 根据 有关文件要求 结合我市实际 现将有关事项通知如下 各区县人民政府 市级各部门 要高度重视 加强组织领导 明确责任分工 确保各项任务落到实处 着力提升 政府网站 集约化水平 优化营商环境 持续深化 放管服改革 切实做好 信息发布 解读回应 办事服务 互动交流 工作 建立健全 长效机制 强化督促检查 定期通报 对工作不力的 严肃追责问责 请于每月底前 报送 工作进展情况 会议强调 坚持以人民为中心 统筹发展和安全 扎实推进 高质量发展 加快建设 现代化 产业体系 全面提升 基层治理 能力 联系人及电话 特此通知'.split(
    ' ',
  );
// Real entries, so the run exercises the paths a real article hits.
const REAL_SENSITIVE: SensitiveWord[] = [
  { word: '绝密', level: 'error', note: '涉密标识不得公开' },
  { word: '机密', level: 'error', note: '涉密标识不得公开' },
  { word: '内部资料', level: 'error' },
  { word: '内部使用', level: 'warning' },
  { word: '最高级', level: 'warning', note: '广告法禁用语' },
  { word: '国家级产品', level: 'warning', note: '广告法禁用语' },
  { word: '第一品牌', level: 'warning', note: '广告法禁用语' },
];
const REAL_ERRORS = [
  ['既使', '即使'],
  ['再接再励', '再接再厉'],
  ['截止目前', '截至目前'],
  ['按步就班', '按部就班'],
  ['迫不急待', '迫不及待'],
  ['一愁莫展', '一筹莫展'],
  ['针贬时弊', '针砭时弊'],
  ['美仑美奂', '美轮美奂'],
  ['默守成规', '墨守成规'],
  ['谈笑风声', '谈笑风生'],
  ['貌和神离', '貌合神离'],
  ['甘败下风', '甘拜下风'],
  ['自抱自弃', '自暴自弃'],
  ['穿流不息', '川流不息'],
  ['一股作气', '一鼓作气'],
  ['变本加利', '变本加厉'],
  ['名列前矛', '名列前茅'],
  ['委屈求全', '委曲求全'],
  ['走头无路', '走投无路'],
  ['重蹈复辙', '重蹈覆辙'],
  ['出奇不意', '出其不意'],
  ['记忆尤新', '记忆犹新'],
  ['布署', '部署'],
  ['做为', '作为'],
] as const;

// 1. Dictionaries. Lengths lean to 3–4 characters, as real lists do; a 2-character entry made of
// common characters is also a common word, so they are kept rare to keep hits realistic.
function genWord(): string {
  const r = rnd();
  const len = r < 0.05 ? 2 : r < 0.3 ? 3 : r < 0.65 ? 4 : r < 0.85 ? 5 : 6;
  let w = '';
  for (let i = 0; i < len; i++) w += pick(POOL);
  return w;
}
const sensitiveWords: SensitiveWord[] = [...REAL_SENSITIVE];
const seen = new Set(sensitiveWords.map((w) => w.word));
while (sensitiveWords.length < DICTIONARY_WORDS) {
  const word = genWord();
  if (seen.has(word)) continue;
  seen.add(word);
  sensitiveWords.push({ word, level: rnd() < 0.1 ? 'error' : 'warning' });
}
const errorPairs: CommonErrorPair[] = REAL_ERRORS.map(([wrong, correct]) => ({ wrong, correct }));
while (errorPairs.length < COMMON_ERROR_PAIRS) {
  const correct = Array.from({ length: 4 }, () => pick(POOL)).join('');
  const k = int(4);
  errorPairs.push({ wrong: correct.slice(0, k) + pick(POOL) + correct.slice(k + 1), correct });
}
const leaderRecords: LeaderRecord[] = [];
const leaderNames = new Set<string>();
while (leaderRecords.length < LEADERS) {
  const name = pick(SURNAMES) + pick(GIVEN) + (rnd() < 0.6 ? pick(GIVEN) : '');
  if (leaderNames.has(name)) continue;
  leaderNames.add(name);
  const [title, org] = pick(TITLES);
  leaderRecords.push({ name, title, org });
}

// 2. The article: HTML paragraphs of government prose with leader mentions (some with the wrong
// title), the odd typo, links (a few to unpublished or missing articles) and images.
const statuses = new Map<string, LinkStatus>();
type Piece = { text: string; html: string };
const pieces: Piece[][] = [];
let visible = 0; // a running estimate; the exact count is taken after generation
let para: Piece[] = [];
let links = 0;
const push = (p: Piece) => {
  para.push(p);
  visible += p.text.length;
};
while (visible < ARTICLE_CHARS) {
  const sentence = Array.from({ length: 3 + int(6) }, () => pick(PHRASES)).join(rnd() < 0.5 ? '，' : '');
  push({ text: sentence, html: sentence });
  const roll = rnd();
  if (roll < 0.08) {
    const l = pick(leaderRecords);
    const title = rnd() < 0.2 ? pick(TITLES)[0] : l.title;
    const s = rnd() < 0.5 ? `，${title}${l.name}指出` : `，${l.name}${title}强调`;
    push({ text: s, html: s });
  } else if (roll < 0.1) {
    const [wrong] = pick(REAL_ERRORS);
    push({ text: `，${wrong}`, html: `，${wrong}` });
  } else if (roll < 0.13) {
    const href = `/articles/${1000 + links++}`;
    statuses.set(href, rnd() < 0.9 ? 'published' : rnd() < 0.5 ? 'unpublished' : 'missing');
    push({ text: '，详见《相关政策解读》', html: `，详见<a href="${href}">《相关政策解读》</a>` });
  } else if (roll < 0.14) {
    push({ text: '', html: `<img src="/uploads/${int(1e6)}.jpg" alt="${rnd() < 0.8 ? '会议现场' : ''}">` });
  }
  push({ text: '。', html: '。' });
  if (rnd() < 0.2) {
    pieces.push(para);
    para = [];
    visible += 1; // the line break between paragraphs
  }
}
pieces.push(para);
// Drop pieces from the end until under the target, then pad with plain prose to hit it exactly.
const textLength = () => pieces.reduce((n, p) => n + p.reduce((m, x) => m + x.text.length, 0), 0) + pieces.length - 1;
while (textLength() >= ARTICLE_CHARS) {
  const p = pieces.at(-1)!;
  p.pop();
  if (p.length === 0) pieces.pop();
}
const filler = PHRASES.join('')
  .repeat(10)
  .slice(0, ARTICLE_CHARS - textLength());
pieces.at(-1)!.push({ text: filler, html: filler });
const bodyHtml = pieces.map((p) => `<p>${p.map((x) => x.html).join('')}</p>`).join('\n');
const bodyText = extractHtmlText(bodyHtml).text;
if (bodyText.length !== ARTICLE_CHARS) throw new Error(`generated ${bodyText.length} characters, not ${ARTICLE_CHARS}`);

const input: CheckInput = {
  title: '关于进一步推进政务公开标准化规范化建设的通知',
  summary: '为深入贯彻落实党的二十大精神，进一步推进政务公开标准化规范化建设，现将有关事项通知如下。',
  bodyHtml,
  fields: { publisher: '市人民政府办公室', topics: ['综合政务'], indexNo: '11510400MB1234567A/2024-00001' },
  requiredFields: [
    { field: 'publisher', label: '发布机构' },
    { field: 'topics', label: '主题分类' },
    { field: 'indexNo', label: '索引号' },
  ],
  docNumber: '攀府办发〔2024〕12号',
};

// 3. Build times.
const ms = (t0: number) => performance.now() - t0;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.ceil((p / 100) * xs.length) - 1]!;

let t0 = performance.now();
const sensitive = buildSensitiveMatcher(sensitiveWords);
const buildColdMs = ms(t0);
const buildRuns: number[] = [];
for (let i = 0; i < 5; i++) {
  t0 = performance.now();
  buildSensitiveMatcher(sensitiveWords);
  buildRuns.push(ms(t0));
}
t0 = performance.now();
const commonErrors = buildCommonErrorMatcher(errorPairs);
const leaders = buildLeaderIndex(leaderRecords);
const buildOthersMs = ms(t0);

const ctx: CheckContext = {
  sensitive,
  commonErrors,
  leaders,
  linkStatus: (href) => statuses.get(href) ?? 'external',
  docNumberProblems: (d) => (/^\S+〔\d{4}〕[1-9]\d*号$/.test(d) ? [] : ['格式应为“机关代字〔年份〕序号号”']),
};

// 4. runChecks, after warm-up so the JIT has settled.
let results = runChecks(input, ctx);
for (let i = 0; i < WARMUP; i++) results = runChecks(input, ctx);
const runs: number[] = [];
for (let i = 0; i < RUNS; i++) {
  t0 = performance.now();
  results = runChecks(input, ctx);
  runs.push(ms(t0));
}
const scanRuns: number[] = [];
for (let i = 0; i < 50; i++) {
  t0 = performance.now();
  sensitive.findAll(bodyText);
  scanRuns.push(ms(t0));
}

// 5. Baseline: every dictionary word looked up with indexOf, every occurrence.
let naiveHits = 0;
const naiveRuns: number[] = [];
for (let r = 0; r < NAIVE_RUNS; r++) {
  naiveHits = 0;
  t0 = performance.now();
  for (const { word } of sensitiveWords) for (let at = bodyText.indexOf(word); at >= 0; at = bodyText.indexOf(word, at + 1)) naiveHits++;
  naiveRuns.push(ms(t0));
}
// Same hits both ways (the generated words are all Chinese, so case and width folding change nothing).
const acHits = sensitive.findAll(bodyText, { overlapping: true }).length;

const med = median(runs);
const p99 = percentile(runs, 99);
const naive = median(naiveRuns);
const r2 = (x: number) => Math.round(x * 100) / 100;
const bySeverity = (s: string) => results.filter((r) => r.severity === s).length;
console.log(
  `matcher build: ${DICTIONARY_WORDS}-word dictionary cold ${r2(buildColdMs)} ms, warm median ${r2(median(buildRuns))} ms; ` +
    `${COMMON_ERROR_PAIRS} error pairs + ${LEADERS} leaders ${r2(buildOthersMs)} ms`,
);
console.log(
  `dictionary scan alone: ${bodyText.length} chars, median ${r2(median(scanRuns))} ms; hits ${acHits} (naive indexOf finds ${naiveHits})`,
);
console.log(
  `prepublish checks: ${bodyText.length} chars, ${DICTIONARY_WORDS}-word dictionary: median ${r2(med)} ms, p99 ${r2(p99)} ms ` +
    `(target ${TARGET_MS} ms, ratio ${r2(p99 / TARGET_MS)}); naive indexOf baseline ${r2(naive)} ms, ratio ${(med / naive).toFixed(4)} (${Math.round(naive / med)}× faster)`,
);
console.log(`findings per run: ${results.length} (${bySeverity('error')} errors, ${bySeverity('warning')} warnings)`);
const summary = {
  chars: bodyText.length,
  htmlBytes: bodyHtml.length,
  dictionaryWords: DICTIONARY_WORDS,
  commonErrorPairs: COMMON_ERROR_PAIRS,
  leaders: LEADERS,
  runs: RUNS,
  buildColdMs: r2(buildColdMs),
  buildWarmMedianMs: r2(median(buildRuns)),
  scanMedianMs: r2(median(scanRuns)),
  medianMs: r2(med),
  p99Ms: r2(p99),
  targetMs: TARGET_MS,
  p99ToTarget: r2(p99 / TARGET_MS),
  naiveMedianMs: r2(naive),
  medianToNaive: Math.round((med / naive) * 10000) / 10000,
  dictionaryHits: acHits,
  naiveHits,
  findings: results.length,
};
if (process.env.PREPUBLISH_BENCH_SHOW) for (const r of results) console.log(r.code, r.severity, r.message);
console.log(`BENCH prepublish-checks ${JSON.stringify(summary)}`);
if (acHits !== naiveHits) {
  console.error('dictionary scan and naive baseline disagree on the number of hits');
  process.exitCode = 1;
}
if (p99 > TARGET_MS) process.exitCode = 1;
