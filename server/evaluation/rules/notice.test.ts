import { describe, expect, it } from 'vitest';
import { noticeDate, noticeModel, type NoticeSite } from './notice.ts';
import { NATIONAL_2019 } from './systems/index.ts';

const site = (name: string, over: Partial<NoticeSite> = {}): NoticeSite => ({
  name,
  repeatFailure: false,
  rank: 1,
  verdict: 'pass',
  score: 100,
  vetoes: [],
  deductions: [],
  ...over,
});

describe('the circular’s content', () => {
  it('writes the date in Arabic numerals without leading zeros', () => {
    expect(noticeDate('2026-01-05')).toBe('2026年1月5日');
    expect(noticeDate('2026-10-15')).toBe('2026年10月15日');
  });

  it('praises from the line, criticises the failing, names those failing twice running, and groups the problems by kind', () => {
    const m = noticeModel({
      issuer: '某市人民政府办公室',
      docNumber: '某办函〔2026〕1号',
      recipients: '各县（区）人民政府，市级各部门',
      date: '2026-07-06',
      period: '2026-H1',
      asOf: '2026-06-30',
      system: NATIONAL_2019,
      sampled: true,
      praiseFrom: 95,
      rectifyDays: 20,
      sites: [
        site('甲网站', { score: 98.5, rank: 1 }),
        site('乙网站', {
          score: 90,
          rank: 2,
          deductions: [
            { code: 'd.news', indicator: '发布解读/动态要闻', points: 5, findingCount: 1 },
            { code: 'd.links', indicator: '功能设计/可用性', points: 1, findingCount: 12 },
          ],
        }),
        site('丙网站', {
          verdict: 'fail',
          score: null,
          rank: 3,
          repeatFailure: true,
          vetoes: [{ code: 'veto.interaction', indicator: '互动回应差', findingCount: 2 }],
        }),
        site('丁网站', { verdict: null, score: null, rank: null }),
      ],
    });
    expect(m.title).toBe('关于2026年上半年全市政府网站抽查情况的通报');
    expect(m.praised).toEqual(['甲网站']);
    expect(m.criticised).toEqual(['丙网站']);
    expect(m.repeatOffenders).toEqual(['丙网站']);
    const text = m.paragraphs.map((p) => p.text).join('\n');
    expect(text).toContain('本次共检查政府网站3个，合格2个，合格率66.7%；不合格1个，其中存在单项否决问题的1个。');
    expect(text).toContain('丙网站等1个网站连续两次检查不合格，将约谈其主办单位负责人。');
    expect(text).toContain('（一）更新不及时。共1个网站存在此类问题，主要是：动态要闻（1个网站）。');
    expect(text).toContain('（二）互动不回应。');
    expect(text).toContain('（三）功能和可用性。');
    expect(text).toContain('20日内完成');
    expect(m.table).toEqual([
      ['1', '甲网站', '98.5', '合格', '—'],
      ['2', '乙网站', '90', '合格', '动态要闻扣5分；可用性扣1分'],
      ['3', '丙网站', '—', '不合格', '互动回应差（单项否决）'],
    ]);
    expect(m.date).toBe('2026年7月6日');
  });
});
