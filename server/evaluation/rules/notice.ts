/**
 * The circular (通报) of a spot check, as content: the office's draft to edit, laid out by the
 * DOCX writer in 公文 form (GB/T 9704-2012). Title, recipients (主送), the body — what was
 * checked, the overall result, the sites praised and criticised, the problems found by kind,
 * what must be done —, the results table, the signature and the date in Arabic numerals. Pure.
 */
import { periodName } from '../../../common/periods.ts';
import {
  PROBLEM_CATEGORIES,
  PROBLEM_CATEGORY_LABELS,
  type IndicatorSystem,
  type ProblemCategory,
} from '../../../common/schemas/evaluation.ts';

export interface NoticeSite {
  name: string;
  /** Failed in the previous period too. */
  repeatFailure: boolean;
  rank: number | null;
  verdict: 'pass' | 'fail' | null;
  score: number | null;
  vetoes: { code: string; indicator: string; findingCount: number }[];
  deductions: { code: string; indicator: string; points: number; findingCount: number }[];
}

export interface NoticeInput {
  issuer: string;
  docNumber: string;
  recipients: string;
  /** YYYY-MM-DD */
  date: string;
  period: string;
  asOf: string;
  system: Pick<IndicatorSystem, 'name' | 'items'>;
  sampled: boolean;
  sites: readonly NoticeSite[];
  /** Sites at or above this score are praised. */
  praiseFrom: number;
  /** Days the criticised sites have to rectify. */
  rectifyDays: number;
}

export interface NoticeModel {
  issuer: string;
  docNumber: string;
  title: string;
  recipients: string;
  paragraphs: { heading?: boolean; text: string }[];
  tableTitle: string;
  tableHeader: string[];
  table: string[][];
  signature: string;
  date: string;
  praised: string[];
  criticised: string[];
  /** Failed two periods running: their organs are to be interviewed (约谈). */
  repeatOffenders: string[];
}

/** `2026-10-15` → `2026年10月15日` (Arabic numerals, no leading zeros: GB/T 9704-2012 §7.3.5.3). */
export const noticeDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};
const points = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0$/, ''));

/** The problems of one site in a few words: its vetoes, then its largest deductions. */
function problemsOf(s: NoticeSite): string {
  if (s.vetoes.length) return s.vetoes.map((v) => `${v.indicator}（单项否决）`).join('；');
  const top = [...s.deductions].sort((a, b) => b.points - a.points).slice(0, 3);
  return top.length ? top.map((d) => `${d.indicator.split('/').at(-1)}扣${points(d.points)}分`).join('；') : '—';
}

export function noticeModel(input: NoticeInput): NoticeModel {
  const period = periodName(input.period);
  const scored = input.sites.filter((s) => s.verdict !== null);
  const passed = scored.filter((s) => s.verdict === 'pass');
  const vetoed = scored.filter((s) => s.vetoes.length > 0);
  const failed = scored.filter((s) => s.verdict === 'fail');
  const rate = scored.length ? ((100 * passed.length) / scored.length).toFixed(1) : '0.0';
  const praised = passed.filter((s) => (s.score ?? 0) >= input.praiseFrom).map((s) => s.name);
  const criticised = failed.map((s) => s.name);
  const repeatOffenders = failed.filter((s) => s.repeatFailure).map((s) => s.name);

  const categoryOf = new Map(input.system.items.map((i) => [i.code, i.category ?? 'function'] as const));
  const byCategory = new Map<ProblemCategory, { sites: Set<string>; items: Map<string, number> }>();
  for (const s of scored)
    for (const p of [...s.vetoes, ...s.deductions]) {
      const cat = categoryOf.get(p.code) ?? 'function';
      let c = byCategory.get(cat);
      if (!c) byCategory.set(cat, (c = { sites: new Set(), items: new Map() }));
      c.sites.add(s.name);
      const label = p.indicator.split('/').at(-1)!;
      c.items.set(label, (c.items.get(label) ?? 0) + 1);
    }

  const paragraphs: NoticeModel['paragraphs'] = [
    {
      text:
        `按照政府网站监管工作要求，${period}对全市政府网站进行了${input.sampled ? '随机抽查' : '全面检查'}，` +
        `依据《${input.system.name}》，检查截至${noticeDate(input.asOf)}的网站情况。现将有关情况通报如下。`,
    },
    { heading: true, text: '一、总体情况' },
    {
      text:
        `本次共检查政府网站${scored.length}个，合格${passed.length}个，合格率${rate}%；不合格${failed.length}个，` +
        `其中存在单项否决问题的${vetoed.length}个。各网站得分和主要问题见下表。`,
    },
    { heading: true, text: '二、表扬和批评' },
    {
      text: praised.length
        ? `${praised.join('、')}等${praised.length}个网站得分在${input.praiseFrom}分以上，内容更新及时、服务实用，予以表扬。`
        : `本次没有网站得分达到${input.praiseFrom}分。`,
    },
    {
      text: criticised.length
        ? `${criticised.join('、')}等${criticised.length}个网站检查不合格，予以通报批评。`
        : '本次检查没有不合格网站。',
    },
    ...(repeatOffenders.length
      ? [{ text: `${repeatOffenders.join('、')}等${repeatOffenders.length}个网站连续两次检查不合格，将约谈其主办单位负责人。` }]
      : []),
    { heading: true, text: '三、发现的主要问题' },
  ];
  let n = 0;
  for (const cat of PROBLEM_CATEGORIES) {
    const c = byCategory.get(cat);
    if (!c) continue;
    n++;
    const items = [...c.items.entries()].sort((a, b) => b[1] - a[1]).map(([label, count]) => `${label}（${count}个网站）`);
    paragraphs.push({
      text: `（${'一二三四五'[n - 1]}）${PROBLEM_CATEGORY_LABELS[cat]}。共${c.sites.size}个网站存在此类问题，主要是：${items.join('、')}。`,
    });
  }
  if (n === 0) paragraphs.push({ text: '本次检查未发现扣分问题。' });
  paragraphs.push(
    { heading: true, text: '四、工作要求' },
    {
      text:
        `各网站主办单位要对照检查发现的问题逐项整改，于通报印发之日起${input.rectifyDays}日内完成，并将整改情况报送。` +
        '不合格网站所在单位要认真分析原因，落实整改责任；连续两次检查不合格或整改逾期的，将约谈有关单位负责人。',
    },
  );

  const ranked = [...scored].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9));
  return {
    issuer: input.issuer,
    docNumber: input.docNumber,
    title: `关于${period}全市政府网站${input.sampled ? '抽查' : '检查'}情况的通报`,
    recipients: input.recipients,
    paragraphs,
    tableTitle: `${period}政府网站检查结果`,
    tableHeader: ['名次', '网站名称', '得分', '结论', '主要问题'],
    table: ranked.map((s) => [
      s.rank === null ? '—' : String(s.rank),
      s.name,
      s.score === null ? '—' : points(s.score),
      s.verdict === 'pass' ? '合格' : '不合格',
      problemsOf(s),
    ]),
    signature: input.issuer,
    date: noticeDate(input.date),
    praised,
    criticised,
    repeatOffenders,
  };
}
