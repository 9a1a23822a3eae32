/** Shared test data for the renderer tests (pure, no I/O). */
import type { ArticleView, ColumnView, Links, RenderContext, SiteView } from './types.ts';

export const NOW = '2026-03-02T04:05:06Z';

export function site(over: Partial<SiteView> = {}): SiteView {
  return {
    name: '攀枝花市人民政府',
    code: '5104000001',
    domain: 'www.panzhihua.gov.cn',
    sponsorName: '攀枝花市人民政府办公室',
    contact: { phone: '0812-1234567', email: 'zfb@panzhihua.gov.cn', address: '攀枝花市东区炳草岗大街' },
    icp: '蜀ICP备05001234号',
    psb: { number: '川公网安备 51040202000123号', recordCode: '51040202000123' },
    conacId: 'ABC123456789',
    theme: {
      colors: ['#a61c1c', '#1f4e79'],
      logoUrl: '/files/logo.png',
      bannerUrl: '/files/banner.jpg',
      homeBlocks: ['news', 'notices', 'catalogue', 'search'],
    },
    ...over,
  };
}

export const links: Links = {
  home: '/',
  siteMap: '/sitemap.html',
  search: '/search',
  disclosureRequest: '/ysqgk',
  catalogue: '/gkml',
  guide: '/gkzn',
  section: (kind) => `/${kind}/`,
  page: (p) => p,
  article: (id) => (id.startsWith('missing') ? null : `/art/${id}.html`),
  file: (id) => (id.startsWith('missing') ? null : `/files/${id}`),
  column: (c, page) => (page === 1 ? `${c.path}/` : `${c.path}/index_${page}.html`),
  rss: (c) => `${c.path}/rss.xml`,
  asset: (name) => `/assets/${name}`,
};

export function ctx(over: Partial<SiteView> = {}): RenderContext {
  return { site: site(over), nav: [{ id: 'c1', name: '新闻动态', path: '/xwdt' }], links, pagePath: '/', now: NOW };
}

export function column(over: Partial<ColumnView> = {}): ColumnView {
  return {
    id: 'c2',
    name: '政务要闻',
    slug: 'zwyw',
    path: '/xwdt/zwyw',
    typeLabel: '动态要闻类',
    parentId: 'c1',
    ancestors: [{ id: 'c1', name: '新闻动态', path: '/xwdt' }],
    description: '市政府政务要闻',
    keywords: '要闻,政务',
    ...over,
  };
}

export function article(over: Partial<ArticleView> = {}): ArticleView {
  return {
    id: 'a1',
    title: '关于印发《攀枝花市营商环境优化方案》的通知',
    summary: '优化营商环境的方案。',
    bodyHtml: '<p>正文内容。</p>',
    source: '市发展改革委',
    author: null,
    keywords: '营商环境',
    publishedAt: '2025-07-13T17:59:00Z',
    typeLabel: '政策文件',
    metadata: {
      indexNo: '510400-01-2025-000123',
      topic: '综合政务\\政务公开',
      issuingOrg: '攀枝花市人民政府办公室',
      writtenOn: '2025-07-10',
      docNumber: '攀办发〔2025〕12号',
      validity: 'valid',
      replacedBy: null,
    },
    attachments: [],
    relatedPolicies: [],
    relatedInterpretations: [],
    correction: null,
    ...over,
  };
}

export const summaries = (n: number, prefix = 'a') =>
  Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i + 1}`, title: `标题${i + 1}`, publishedAt: '2025-07-13T17:59:00Z' }));
