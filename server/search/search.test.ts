import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEARCH_MAX_MATCHES, type SearchQuery, type SearchResult } from '#common/schemas/search.ts';
import { isAppError } from '#server/platform/errors.ts';
import { inTransaction } from '#server/platform/db/transaction.ts';
import { createTestDeps, dialectUnderTest, type TestDeps } from '#test/support.ts';
import {
  governmentTerms,
  removeSearchDocuments,
  removeSiteDocuments,
  searchArticles,
  segmentQuery,
  upsertSearchDocuments,
  type SearchDocument,
} from './index.ts';
import { docKey } from './rules/doc-key.ts';
import { segmentForIndex } from './segmenter.ts';

let seq = 0;
function doc(over: Partial<SearchDocument> = {}): SearchDocument {
  const id = over.articleId ?? `a-${String(++seq).padStart(6, '0')}`;
  return {
    articleId: id,
    siteId: 'site-city',
    columnId: 'col-news',
    columnName: '政务要闻',
    type: 'news',
    title: '市政府召开常务会议',
    bodyText: '会议研究部署近期重点工作。',
    publishedAt: '2025-06-01T02:00:00.000Z',
    url: `/xwdt/zwyw/202506/${id}.html`,
    ...over,
  };
}

const titles = (r: SearchResult) => r.items.map((i) => i.title);
const ids = (r: SearchResult) => r.items.map((i) => i.articleId);

describe(`search on ${dialectUnderTest}`, () => {
  let deps: TestDeps;
  const search = (q: SearchQuery) => searchArticles(deps, q);

  beforeEach(async () => {
    deps = await createTestDeps();
  });
  afterEach(async () => {
    await deps.db.close();
  });

  describe('segmentation', () => {
    it('keeps the dictionary’s government terms whole in queries and indexes their parts too', () => {
      expect(governmentTerms().length).toBeGreaterThan(300);
      expect(segmentQuery('进一步做好政务公开和营商环境工作')).toEqual(expect.arrayContaining(['政务公开', '营商环境']));
      expect(segmentQuery('行政规范性文件')).toEqual(['行政规范性文件']);
      const indexed = segmentForIndex('关于进一步加强全市政务公开工作，持续优化营商环境的通知').split(' ');
      expect(indexed).toEqual(expect.arrayContaining(['政务公开', '政务', '公开', '优化营商环境', '营商环境', '通知', '政', '务']));
    });

    it('splits mixed Latin text into letter and digit runs, lower-cased and half-width', () => {
      expect(segmentQuery('ＣＯＶＩＤ-19 疫苗')).toEqual(['covid', '19', '疫苗']);
    });
  });

  describe('indexing', () => {
    it('finds what was upserted, replaces it on a second upsert, and forgets it when removed', async () => {
      const a = doc({ title: '关于调整城乡居民医保缴费标准的通知' });
      await upsertSearchDocuments(deps.db, [a, doc({ title: '全市安全生产工作会议召开' })]);
      expect(titles(await search({ q: '医保' }))).toEqual([a.title]);

      await upsertSearchDocuments(deps.db, [{ ...a, title: '关于调整社保缴费基数的通知' }]);
      await upsertSearchDocuments(deps.db, [{ ...a, title: '关于调整社保缴费基数的通知' }]);
      expect((await search({ q: '医保' })).total).toBe(0);
      expect(ids(await search({ q: '社保' }))).toEqual([a.articleId]);
      expect((await search({ q: '通知' })).total).toBe(1);

      await removeSearchDocuments(deps.db, [a.articleId, 'no-such-article']);
      expect((await search({ q: '社保' })).total).toBe(0);
      expect((await search({ q: '安全生产' })).total).toBe(1);
    });

    it('writes inside the caller’s transaction, so a rollback leaves the index as it was', async () => {
      await expect(
        inTransaction(deps.db, async (tx) => {
          await upsertSearchDocuments(tx, [doc({ title: '营商环境优化提升行动方案' })]);
          throw new Error('publish failed');
        }),
      ).rejects.toThrow('publish failed');
      expect((await search({ q: '营商环境' })).total).toBe(0);
    });

    it('removes a site’s documents and leaves the others', async () => {
      await upsertSearchDocuments(deps.db, [doc({ siteId: 'site-a' }), doc({ siteId: 'site-a' }), doc({ siteId: 'site-b' })]);
      expect(await removeSiteDocuments(deps.db, 'site-a')).toBe(2);
      const r = await search({ q: '常务会议' });
      expect(r.items.map((i) => i.siteId)).toEqual(['site-b']);
    });

    it('gives articles published in the same second distinct keys even when their hashes collide', async () => {
      const at = '2025-06-01T02:00:00.000Z';
      const byKey = new Map<number, string>();
      let pair: [string, string] | undefined;
      for (let i = 0; !pair; i++) {
        const id = `collide-${i}`;
        const other = byKey.get(docKey(at, id));
        if (other) pair = [other, id];
        else byKey.set(docKey(at, id), id);
      }
      await upsertSearchDocuments(deps.db, [doc({ articleId: pair[0], publishedAt: at })]);
      await upsertSearchDocuments(deps.db, [doc({ articleId: pair[1], publishedAt: at })]);
      expect(ids(await search({ q: '常务会议' })).sort()).toEqual([...pair].sort());
    });
  });

  describe('words and characters', () => {
    beforeEach(async () => {
      await upsertSearchDocuments(deps.db, [
        doc({ articleId: 'shebao', title: '社保卡申领指南', bodyText: '参保人可在线申领社会保障卡。' }),
        doc({ articleId: 'yibao', title: '异地就医备案流程', bodyText: '城乡居民医保参保人异地就医须先备案。' }),
        doc({ articleId: 'both', title: '社保医保一件事一次办', bodyText: '社保和医保业务实现一窗通办。' }),
        doc({ articleId: 'tax', title: '市税务局发布减税降费政策解读', bodyText: '小微企业个税优惠政策延续实施。' }),
      ]);
    });

    it('finds two-character terms, alone and together', async () => {
      expect(ids(await search({ q: '社保' })).sort()).toEqual(['both', 'shebao']);
      expect(ids(await search({ q: '医保' })).sort()).toEqual(['both', 'yibao']);
      expect(ids(await search({ q: '社保 医保' }))).toEqual(['both']);
      expect(ids(await search({ q: '社保医保' }))).toEqual(['both']);
    });

    it('finds a single character inside words (税 in 税务, 个税)', async () => {
      expect(ids(await search({ q: '税' }))).toEqual(['tax']);
      expect(ids(await search({ q: '卡' }))).toEqual(['shebao']);
    });

    it('returns highlighted parts, not HTML', async () => {
      const [hit] = (await search({ q: '社保卡' })).items;
      expect(hit?.titleParts).toEqual([
        { text: '社保卡', hit: true },
        { text: '申领指南', hit: false },
      ]);
      const tax = (await search({ q: '个税' })).items[0];
      expect(tax?.snippetParts).toEqual([
        { text: '小微企业', hit: false },
        { text: '个税', hit: true },
        { text: '优惠政策延续实施。', hit: false },
      ]);
    });
  });

  describe('filters, order and pages', () => {
    it('filters by site, column, type and publication dates (Beijing calendar days)', async () => {
      await upsertSearchDocuments(deps.db, [
        doc({ articleId: 'city-news', publishedAt: '2025-03-31T15:59:59.000Z' }), // 2025-03-31 23:59:59 Beijing
        doc({ articleId: 'city-notice', type: 'notice', columnId: 'col-notice', publishedAt: '2025-03-31T16:00:00.000Z' }),
        doc({ articleId: 'county-news', siteId: 'site-county', publishedAt: '2025-04-30T15:59:59.000Z' }),
        doc({ articleId: 'county-late', siteId: 'site-county', publishedAt: '2025-04-30T16:00:00.000Z' }),
      ]);
      const q = '常务会议';
      expect(ids(await search({ q }))).toEqual(['county-late', 'county-news', 'city-notice', 'city-news']);
      expect(ids(await search({ q, siteId: 'site-county' }))).toEqual(['county-late', 'county-news']);
      expect(ids(await search({ q, columnId: 'col-notice' }))).toEqual(['city-notice']);
      expect(ids(await search({ q, type: 'notice' }))).toEqual(['city-notice']);
      expect(ids(await search({ q, from: '2025-04-01', to: '2025-04-30' }))).toEqual(['county-news', 'city-notice']);
      expect(ids(await search({ q, to: '2025-03-31' }))).toEqual(['city-news']);
      expect(ids(await search({ q, siteId: 'site-city', type: 'news', from: '2025-03-31', to: '2025-03-31' }))).toEqual(['city-news']);
      expect(ids(await search({ q, siteId: 'site-nowhere' }))).toEqual([]);
    });

    it('pages newest first, 20 to a page, without gaps or repeats', async () => {
      const docs = Array.from({ length: 45 }, (_, i) =>
        doc({ articleId: `p-${String(i).padStart(2, '0')}`, publishedAt: new Date(Date.UTC(2024, 0, 1 + i, 2)).toISOString() }),
      );
      await upsertSearchDocuments(deps.db, docs);
      const pages = await Promise.all([1, 2, 3, 4].map((page) => search({ q: '会议', page })));
      expect(pages.map((p) => p.items.length)).toEqual([20, 20, 5, 0]);
      // Matches are counted as far as the page asked for, plus one to know there is a next page.
      expect(pages[0]).toMatchObject({ total: 20, totalIsLowerBound: true, pages: 2, page: 1 });
      expect(pages[1]).toMatchObject({ total: 40, totalIsLowerBound: true, pages: 3, page: 2 });
      expect(pages[2]).toMatchObject({ total: 45, totalIsLowerBound: false, pages: 3, page: 3 });
      expect(pages.flatMap(ids)).toEqual(docs.map((d) => d.articleId).reverse());
    });

    it('ranks title hits above body hits when sorting by relevance', async () => {
      await upsertSearchDocuments(deps.db, [
        doc({ articleId: 'old-title', title: '营商环境优化提升行动方案', publishedAt: '2020-01-01T00:00:00.000Z' }),
        doc({ articleId: 'new-body', bodyText: '会议指出，要持续优化营商环境。', publishedAt: '2025-01-01T00:00:00.000Z' }),
        // Articles without the word, as in any real index (a word in every document carries no weight).
        ...Array.from({ length: 5 }, () => doc()),
      ]);
      expect(ids(await search({ q: '营商环境' }))).toEqual(['new-body', 'old-title']);
      expect(ids(await search({ q: '营商环境', sort: 'relevance' }))).toEqual(['old-title', 'new-body']);
    });

    it('finds rare words in old articles far below the newest ones, in both sorts', async () => {
      // PostgreSQL tests the newest 500 rows one by one, then asks the GIN index for older matches.
      const docs = Array.from({ length: 600 }, (_, i) =>
        doc({
          title: i < 3 ? `对口支援工作简报第${i + 1}期` : '市政府召开常务会议',
          bodyText: i === 599 ? '对口支援' : '会议研究部署近期重点工作。',
          publishedAt: new Date(Date.UTC(2020, 0, 1) + i * 3_600_000).toISOString(),
        }),
      );
      await upsertSearchDocuments(deps.db, docs);
      const want = [docs[599]!, docs[2]!, docs[1]!, docs[0]!].map((d) => d.articleId);
      expect(ids(await search({ q: '对口支援' }))).toEqual(want);
      expect(ids(await search({ q: '对口支援', sort: 'relevance' })).sort()).toEqual([...want].sort());
      expect(ids(await search({ q: '对口支援', to: '2020-01-01' }))).toEqual([docs[2]!.articleId, docs[1]!.articleId, docs[0]!.articleId]);
    });

    it(`counts at most ${SEARCH_MAX_MATCHES} matches and says the total is a lower bound`, async () => {
      const docs = Array.from({ length: SEARCH_MAX_MATCHES + 5 }, (_, i) =>
        doc({ title: '通知', bodyText: '', publishedAt: new Date(Date.UTC(2020, 0, 1) + i * 3_600_000).toISOString() }),
      );
      await upsertSearchDocuments(deps.db, docs);
      const r = await search({ q: '通知', page: 50 });
      expect(r).toMatchObject({ total: SEARCH_MAX_MATCHES, totalIsLowerBound: true, pages: 50 });
      expect(r.items).toHaveLength(20);
      await expect(search({ q: '通知', page: 51 })).rejects.toMatchObject({ code: 'GK_ERR_VALIDATION', status: 400 });
    });
  });

  describe('hostile input', () => {
    beforeEach(async () => {
      await upsertSearchDocuments(deps.db, [doc({ title: '政务公开工作要点', bodyText: 'a OR b NEAR drop table x' })]);
    });

    const cases: [string, unknown][] = [
      ['an empty query', { q: '' }],
      ['blanks only', { q: ' \t\n ' }],
      ['10,000 characters', { q: '政务公开'.repeat(2500) }],
      ['FTS5 syntax', { q: '"a" OR NEAR(b) * ^ - :' }],
      ['column filters and prefix stars', { q: 'title:政务* {body}: AND NOT' }],
      ['tsquery syntax', { q: "政务 & !公开 | (a <-> b) 'x':*" }],
      ['an SQL fragment', { q: "'; DROP TABLE search_documents; --" }],
      ['control characters', { q: '政务\u0000\u0007\u001b[31m公开\u007f' }],
      ['a lone surrogate', { q: '政务\ud800公开\udfff' }],
      ['emoji only', { q: '😀🇨🇳👍🏽' }],
      ['punctuation only', { q: '，。！？、…——' }],
      ['a non-string query', { q: { $ne: '' } }],
      ['a missing query', {}],
      ['an unknown field', { q: '政务', where: '1=1' }],
      ['a bad page', { q: '政务', page: '1; DROP' }],
      ['a page beyond the cap', { q: '政务', page: 10_000 }],
      ['a negative page', { q: '政务', page: -1 }],
      ['a bad date', { q: '政务', from: '2025-02-30' }],
      ['dates the wrong way round', { q: '政务', from: '2025-05-01', to: '2025-04-01' }],
      ['an unknown type', { q: '政务', type: "news' OR 1=1" }],
      ['an unknown sort', { q: '政务', sort: 'rank; DROP' }],
      ['a long site id', { q: '政务', siteId: 'x'.repeat(1000) }],
      ['many words', { q: Array.from({ length: 40 }, (_, i) => `词${i}`).join(' ') }],
      ['quotes and backslashes', { q: '"政务\\" \'公开\'' }],
    ];

    it.each(cases)('answers %s with results or a 400, never a server error', async (_label, input) => {
      try {
        const r = await searchArticles(deps, input);
        expect(r.total).toBeGreaterThanOrEqual(0);
      } catch (e) {
        expect(isAppError(e) && e.code === 'GK_ERR_VALIDATION' && e.status === 400).toBe(true);
      }
    });

    it('treats operators and quotes as plain text: only the words are searched', async () => {
      expect((await search({ q: '"政务" OR "不存在的词"' })).total).toBe(0);
      expect((await search({ q: '"政务" (公开) OR' })).total).toBe(1); // OR is a word the body holds
      expect((await search({ q: '😀' })).terms).toEqual([]);
      await expect(search({ q: '政务公开'.repeat(2500) })).rejects.toMatchObject({ code: 'GK_ERR_VALIDATION', status: 400 });
      await expect(search({ q: '' })).rejects.toMatchObject({ code: 'GK_ERR_VALIDATION', status: 400 });
      // The table is still there.
      expect((await search({ q: '政务公开' })).total).toBe(1);
    });
  });
});
