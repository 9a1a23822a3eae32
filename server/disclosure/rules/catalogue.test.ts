import { describe, expect, it } from 'vitest';
import { CATALOGUE_CATEGORIES, categoriesFor, categoryIndexSegment } from '../../../common/catalogue.ts';
import { catalogueCoverage, catalogueEntry, MAX_FILTER_CHARS, parseCatalogueQuery, type CatalogueSource } from './catalogue.ts';

const source = (over: Partial<CatalogueSource> = {}): CatalogueSource => ({
  articleId: 'a1',
  siteId: 's1',
  columnId: 'c1',
  category: 'art20.1',
  title: '关于印发《示例市城乡居民医疗保险办法》的通知',
  summary: null,
  bodyText: '  为进一步完善\n城乡居民医疗保险制度，现印发如下。 ',
  metadata: {
    docNumber: '示府办发〔2026〕3号',
    topic: '卫生、体育',
    issuingOrg: '示例市人民政府办公室',
    writtenOn: '2026-03-02',
    validity: 'valid',
  },
  publishedAt: '2026-03-05T02:00:00.000Z',
  firstPublishedAt: '2026-03-04T02:00:00.000Z',
  url: 'zcwj/202603/a1.html',
  ...over,
});

describe('catalogue items', () => {
  it('carry 索引号, 名称, 内容概述 and 生成日期 (条例 12) with 文号, topic and issuing org', () => {
    const e = catalogueEntry(source(), { indexNo: '11510400MB0000000X/2026-00001', orgId: 'o1' });
    expect(e).toMatchObject({
      indexNo: '11510400MB0000000X/2026-00001',
      orgId: 'o1',
      title: '关于印发《示例市城乡居民医疗保险办法》的通知',
      summary: '为进一步完善 城乡居民医疗保险制度，现印发如下。',
      docNumber: '示府办发〔2026〕3号',
      topic: '卫生、体育',
      issuingOrg: '示例市人民政府办公室',
      generatedOn: '2026-03-02',
      year: 2026,
    });
  });

  it('date an item without a 成文日期 by its first publication in Beijing, and prefer the summary', () => {
    const e = catalogueEntry(
      source({ metadata: { writtenOn: '2026-02-30' }, summary: '摘要', firstPublishedAt: '2025-12-31T17:30:00.000Z' }),
      { indexNo: null, orgId: 'o1' },
    );
    expect(e.generatedOn).toBe('2026-01-01');
    expect(e.year).toBe(2026);
    expect(e.summary).toBe('摘要');
    expect(e.docNumber).toBeNull();
  });

  it('fall back to the title when the article has no text, and cut long values', () => {
    const e = catalogueEntry(source({ bodyText: '   ', summary: '', metadata: { topic: 'x'.repeat(300) } }), {
      indexNo: null,
      orgId: 'o1',
    });
    expect(e.summary).toBe(source().title);
    expect(e.topic).toHaveLength(100);
  });
});

const known = { categories: new Set(CATALOGUE_CATEGORIES.map((c) => c.code)) };

describe('catalogue queries', () => {
  it('read the visitor’s filters, blank fields being no filter', () => {
    const { query, problems } = parseCatalogueQuery(
      {
        category: 'art20.1',
        topic: '',
        year: '2026',
        q: ' 医疗  保险 ',
        wh: '〔2026〕3号',
        from: '2026-01-01',
        to: '2026-03-31',
        page: '2',
      },
      known,
    );
    expect(problems).toEqual([]);
    expect(query).toMatchObject({ category: 'art20.1', topic: null, year: 2026, title: '医疗  保险', docNumber: '〔2026〕3号', page: 2 });
  });

  it('collect every problem of a hostile query', () => {
    const { problems } = parseCatalogueQuery(
      {
        category: 'nope',
        year: '20261',
        from: '2026-02-30',
        to: '2025-01-01',
        page: '0',
        q: 'x'.repeat(MAX_FILTER_CHARS + 1),
        wh: 'a\u0000b',
        topic: ['a', 'b'],
      },
      known,
    );
    expect(problems.map((p) => p.field).sort()).toEqual(['category', 'from', 'page', 'q', 'topic', 'wh', 'year']);
  });

  it('refuse a reversed date range', () => {
    const { problems } = parseCatalogueQuery({ from: '2026-03-01', to: '2026-02-01' }, known);
    expect(problems).toEqual([{ field: 'to', message: '截止日期不能早于起始日期' }]);
  });
});

describe('catalogue structure and coverage', () => {
  it('shows the art. 21 items by level: city and county items, or township items', () => {
    const dept = categoriesFor('department').map((c) => c.code);
    const town = categoriesFor('township').map((c) => c.code);
    expect(dept).toContain('art21.urbanConstruction');
    expect(dept).not.toContain('art21t.homestead');
    expect(town).toContain('art21t.homestead');
    expect(categoriesFor('city').filter((c) => c.group === 'statutory')).toHaveLength(15);
  });

  it('gives the 索引号 a category segment: the art. 20 item number or a short code', () => {
    expect(categoryIndexSegment('art20.7')).toBe('07');
    expect(categoryIndexSegment('annualReport')).toBe('annualReport');
    expect(categoryIndexSegment(null)).toBeNull();
    expect(categoryIndexSegment('unknown')).toBeNull();
  });

  it('flags categories without a column or without items, an unfilled guide and a missing annual report', () => {
    const coverage = catalogueCoverage({
      level: 'department',
      columns: [
        { id: 'c1', name: '政策文件', category: 'art20.1' },
        { id: 'c2', name: '统计信息', category: 'art20.4' },
        { id: 'c3', name: '年报', category: 'annualReport' },
      ],
      counts: new Map([['art20.1', { items: 3, newestPublishedAt: '2026-11-01T00:00:00.000Z' }]]),
      guideComplete: false,
      reportYears: [2025],
      today: '2026-11-28',
    });
    const by = new Map(coverage.map((c) => [c.category.code, c]));
    expect(by.get('art20.1')!.problems).toEqual([]);
    expect(by.get('art20.1')!.items).toBe(3);
    expect(by.get('art20.4')!.problems).toEqual(['对应栏目尚无公开信息']);
    expect(by.get('art20.7')!.problems).toEqual(['没有栏目对应此分类']);
    expect(by.get('guide')!.problems[0]).toContain('指南');
    // In November 2026 the report on 2025 must be out; one published in 2025 is the report on 2024.
    expect(by.get('annualReport')!.problems).toEqual(['未发布 2025 年度政府信息公开工作年度报告']);
    expect(by.get('request')!.problems).toEqual([]);
  });

  it('accepts last year’s report published this year, and waits until 31 March for it', () => {
    const base = {
      level: 'city' as const,
      columns: [{ id: 'c3', name: '年报', category: 'annualReport' }],
      counts: new Map(),
      guideComplete: true,
    };
    const annual = (today: string, reportYears: number[]) =>
      catalogueCoverage({ ...base, today, reportYears }).find((c) => c.category.code === 'annualReport')!.problems;
    expect(annual('2026-11-28', [2026])).toEqual([]);
    expect(annual('2026-03-31', [2025])).toEqual([]);
    expect(annual('2026-04-01', [2025])).toEqual(['未发布 2025 年度政府信息公开工作年度报告']);
  });

  it('expects a department’s report by 31 January', () => {
    const annual = (today: string) =>
      catalogueCoverage({
        level: 'department',
        columns: [{ id: 'c3', name: '年报', category: 'annualReport' }],
        counts: new Map(),
        guideComplete: true,
        today,
        reportYears: [2025],
      }).find((c) => c.category.code === 'annualReport')!.problems;
    expect(annual('2026-01-31')).toEqual([]);
    expect(annual('2026-02-15')).toEqual(['未发布 2025 年度政府信息公开工作年度报告']);
  });
});
