import { DomUtils, parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import type { ServiceGuide } from '../../../common/service-items.ts';
import {
  fileFormat,
  renderServiceHome,
  renderServiceItem,
  renderServiceList,
  renderServicesSitemap,
  type ServiceFileView,
  type ServiceHomeView,
  type ServiceItemEntry,
} from './service-pages.ts';
import { ctx } from './test-fixtures.ts';
import type { RenderContext } from './types.ts';

type Doc = ReturnType<typeof parseDocument>;
type El = ReturnType<typeof DomUtils.getElementsByTagName>[number];
const parse = (s: string) => parseDocument(s);
const all = (doc: Doc | El, name: string) => DomUtils.getElementsByTagName(name, doc, true);
const text = (el: El) => DomUtils.textContent(el).replace(/\s+/g, ' ').trim();
const meta = (doc: Doc, name: string) => all(doc, 'meta').find((m) => m.attribs.name === name)?.attribs.content;
const main = (doc: Doc) => all(doc, 'main')[0]!;

const at = (pagePath: string): RenderContext => ({ ...ctx(), pagePath });

function guide(over: Partial<ServiceGuide> = {}): ServiceGuide {
  return {
    name: '失业保险金申领',
    code: '11510400MB0000001-001',
    category: '行政给付',
    audiences: ['person'],
    topics: ['t04'],
    lifeEvents: ['p03'],
    legalBasis: '《中华人民共和国社会保险法》第四十五条\n《失业保险条例》第十四条',
    conditions: '非因本人意愿中断就业\n已办理失业登记',
    materials: [
      { name: '身份证', form: '原件1份', required: true, note: '核验后退还', formFileId: null, sampleFileId: null },
      { name: '失业保险金申领表', form: '原件1份', required: false, note: null, formFileId: 'f1', sampleFileId: 'f2' },
    ],
    handlingOrg: '市社会保险事业管理局',
    place: '市政务服务中心二楼 8 号窗口',
    officeHours: '工作日 9:00—17:00',
    legalTimeLimit: '20个工作日',
    promisedTimeLimit: '5个工作日',
    fees: '不收费',
    feeBasis: '《行政事业性收费标准管理办法》',
    process: [
      { title: '申请', description: '提交申领表和身份证' },
      { title: '受理', description: null },
      { title: '审核', description: '5个工作日内审核' },
    ],
    phone: '0812-3335678',
    complaintPhone: '0812-12345',
    onlineUrl: 'https://tyrz.sczwfw.gov.cn/apply?item=1&from=site',
    onlineLevel: 'full',
    faq: [{ question: '领取期限有多长？', answer: '根据缴费年限确定。\n最长 24 个月。' }],
    ...over,
  };
}

function entry(over: Partial<ServiceItemEntry> = {}, g: Partial<ServiceGuide> = {}): ServiceItemEntry {
  return {
    id: 'i1',
    code: 'A1',
    path: '/bsfw/sx/A1.html',
    orgId: 'o1',
    orgName: '市人力资源和社会保障局',
    orgPath: '/bsfw/bm/o1.html',
    guide: guide(g),
    publishedAt: '2026-11-27T01:00:00Z',
    reviewedOn: '2026-11-20',
    ...over,
  };
}

const files: ReadonlyMap<string, ServiceFileView> = new Map([
  ['f1', { path: '/files/aa.docx', ext: 'docx', size: 20_480 }],
  ['f2', { path: '/files/bb.pdf', ext: 'pdf', size: 1_536 }],
]);

const home: ServiceHomeView = {
  total: 3,
  lifeEvents: {
    person: [
      { name: '出生', count: 0, path: null },
      { name: '就业', count: 2, path: '/bsfw/sj/p03.html' },
    ],
    legal: [{ name: '开办企业', count: 1, path: '/bsfw/sj/l01.html' }],
  },
  topics: [{ name: '就业创业', count: 2, path: '/bsfw/zt/t04.html' }],
  departments: [{ name: '市人力资源和社会保障局', count: 3, path: '/bsfw/bm/o1.html' }],
};

const listOf = (page: number, total: number, items = [entry()]) =>
  renderServiceList(at(`/bsfw/bm/o1${page > 1 ? `_${page}` : ''}.html`), {
    kindLabel: '部门',
    name: '市人力资源和社会保障局',
    items,
    page,
    total,
    pagePath: (p) => `/bsfw/bm/o1${p > 1 ? `_${p}` : ''}.html`,
  });

const pages: Record<string, string> = {
  home: renderServiceHome(at('/bsfw/index.html'), home),
  list: listOf(1, 1),
  item: renderServiceItem(at('/bsfw/sx/A1.html'), entry(), files),
};

const VOID = new Set(['meta', 'link', 'input', 'img', 'br', 'hr']);

/** Opening and closing tags match (void elements aside), and no id is used twice. */
function wellFormed(page: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  for (const m of page.replace(/<!DOCTYPE[^>]*>/i, '').matchAll(/<(\/?)([a-zA-Z][\w-]*)[^>]*>/g)) {
    const tag = m[2]!.toLowerCase();
    if (VOID.has(tag)) continue;
    if (!m[1]) stack.push(tag);
    else if (stack.pop() !== tag) problems.push(`unexpected </${tag}>`);
  }
  if (stack.length) problems.push(`unclosed ${stack.join(',')}`);
  const ids = [...page.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
  for (const id of new Set(ids)) if (ids.filter((x) => x === id).length > 1) problems.push(`duplicate id ${id}`);
  return problems;
}

describe('every 办事服务 page', () => {
  for (const [name, page] of Object.entries(pages)) {
    it(`${name}: is in the site frame, in Chinese, with one h1 and headings that never skip a level`, () => {
      const doc = parse(page);
      expect(all(doc, 'html')[0]?.attribs.lang).toBe('zh-CN');
      expect(all(doc, 'footer')).toHaveLength(1);
      expect(all(doc, 'h1')).toHaveLength(1);
      const levels = DomUtils.findAll((e) => /^h[1-6]$/.test(e.name), main(doc).children).map((h) => Number(h.name[1]));
      expect(levels[0]).toBe(1);
      for (let i = 1; i < levels.length; i++) expect(levels[i]! - levels[i - 1]!).toBeLessThanOrEqual(1);
      expect(wellFormed(page)).toEqual([]);
    });

    it(`${name}: marks 办事服务 as the current section of the navigation, with 政民互动 after it`, () => {
      const doc = parse(page);
      const nav = all(doc, 'nav').find((n) => n.attribs['aria-label'] === '主导航')!;
      const links = all(nav, 'a').map((a) => [text(a), a.attribs['aria-current'] ?? null]);
      expect(links).toEqual([
        ['首页', null],
        ['新闻动态', null],
        ['办事服务', 'page'],
        ['政民互动', null],
      ]);
      expect(all(nav, 'a').find((a) => text(a) === '办事服务')?.attribs.href).toBe('/services/');
    });

    it(`${name}: carries the column meta tags of 办事服务`, () => {
      const doc = parse(page);
      expect(meta(doc, 'SiteIDCode')).toBe('5104000001');
      expect(meta(doc, 'ColumnName')).toBe('办事服务');
      expect(meta(doc, 'Url')).toMatch(/^https:\/\/www\.panzhihua\.gov\.cn\//);
    });

    it(`${name}: labels every visible field, scopes every table header, and has no script or style attribute`, () => {
      const doc = parse(page);
      const labels = all(doc, 'label').map((l) => l.attribs.for);
      for (const input of all(doc, 'input').filter((i) => i.attribs.type !== 'hidden')) expect(labels).toContain(input.attribs.id);
      for (const th of all(main(doc), 'th')) expect(['row', 'col']).toContain(th.attribs.scope);
      expect(all(doc, 'script')).toEqual([]);
      expect(DomUtils.findAll((e) => 'style' in e.attribs, doc.children)).toEqual([]);
    });
  }
});

describe('the catalogue home', () => {
  const doc = parse(pages.home!);

  it('offers citizens and businesses their life events, then topics and departments, with counts', () => {
    expect(all(main(doc), 'h2').map(text)).toEqual(['个人办事', '法人办事', '按主题查找', '按部门查找']);
    const person = all(doc, 'section').find((s) => s.attribs['aria-labelledby'] === 'bsfw-person')!;
    expect(all(person, 'li').map(text)).toEqual(['出生（暂无事项）', '就业（2 项）']);
    // A life event without items is shown, but not as a link that leads nowhere.
    expect(all(person, 'a').map((a) => [text(a), a.attribs.href])).toEqual([['就业', '/bsfw/sj/p03.html']]);
    expect(text(main(doc))).toContain('本站共发布办事事项 3 项');
    expect(all(main(doc), 'a').map((a) => a.attribs.href)).toEqual(
      expect.arrayContaining(['/bsfw/zt/t04.html', '/bsfw/bm/o1.html', '/bsfw/sj/l01.html']),
    );
  });

  it('searches the site search for service items with a plain GET form', () => {
    const form = all(doc, 'form').find((f) => f.attribs['aria-label'] === '搜索办事事项')!;
    expect(form.attribs).toMatchObject({ action: '/search', method: 'get', role: 'search' });
    const inputs = all(form, 'input').map((i) => [i.attribs.name, i.attribs.type, i.attribs.value ?? null]);
    expect(inputs).toEqual([
      ['q', 'search', null],
      ['type', 'hidden', 'serviceItem'],
    ]);
  });

  it('says so when the site has no items yet', () => {
    const empty = parse(renderServiceHome(at('/bsfw/index.html'), { ...home, total: 0 }));
    expect(text(main(empty))).toContain('本站暂未发布办事事项');
    expect(all(main(empty), 'form')).toEqual([]);
  });

  it('links its own URL as the folder in the Url meta tag', () => {
    expect(meta(doc, 'Url')).toBe('https://www.panzhihua.gov.cn/services/');
  });
});

describe('item lists', () => {
  it('show name (linked), type, online depth and handling org in a table with a caption', () => {
    const doc = parse(pages.list!);
    expect(all(main(doc), 'caption').map(text)).toEqual(['市人力资源和社会保障局：共 1 项']);
    expect(all(main(doc), 'thead')[0] && all(all(main(doc), 'thead')[0]!, 'th').map(text)).toEqual([
      '事项名称',
      '事项类型',
      '网办深度',
      '办理机构',
    ]);
    const row = all(all(main(doc), 'tbody')[0]!, 'tr')[0]!;
    expect([...all(row, 'th'), ...all(row, 'td')].map(text)).toEqual(['失业保险金申领', '行政给付', '全程网办', '市社会保险事业管理局']);
    expect(all(row, 'a')[0]?.attribs.href).toBe('/bsfw/sx/A1.html');
    expect(all(doc, 'nav').find((n) => n.attribs['aria-label'] === '分页')).toBeUndefined();
  });

  it('paginate at 20 with the numbered pagination, page 1 being the list itself', () => {
    const doc = parse(listOf(2, 45));
    const nav = all(doc, 'nav').find((n) => n.attribs['aria-label'] === '分页')!;
    expect(all(nav, 'a').map((a) => [text(a), a.attribs.href])).toEqual([
      ['上一页', '/bsfw/bm/o1.html'],
      ['1', '/bsfw/bm/o1.html'],
      ['2', '/bsfw/bm/o1_2.html'],
      ['3', '/bsfw/bm/o1_3.html'],
      ['下一页', '/bsfw/bm/o1_3.html'],
    ]);
    expect(all(doc, 'title').map(text)).toEqual(['市人力资源和社会保障局（第 2 页） - 攀枝花市人民政府']);
    expect(meta(doc, 'Url')).toBe('https://www.panzhihua.gov.cn/bsfw/bm/o1_2.html');
    expect(() => listOf(4, 45)).toThrow(RangeError);
  });

  it('lead back to 办事服务 through the breadcrumbs', () => {
    const doc = parse(pages.list!);
    const crumbs = all(doc, 'nav').find((n) => n.attribs['aria-label'] === '当前位置')!;
    expect(all(crumbs, 'li').map(text)).toEqual(['首页', '办事服务', '市人力资源和社会保障局']);
    expect(all(crumbs, 'a').map((a) => a.attribs.href)).toEqual(['/', '/services/']);
  });
});

describe('an item page', () => {
  const doc = parse(pages.item!);
  const section = (title: string) => all(main(doc), 'section').find((s) => all(s, 'h2').some((h) => text(h) === title));

  it('shows every element the guide states, in the national order', () => {
    expect(all(main(doc), 'h2').map(text)).toEqual([
      '设定依据',
      '申请条件',
      '办理材料',
      '办理机构',
      '办理地点',
      '办理时间',
      '办理时限',
      '收费标准',
      '办理流程',
      '联系电话',
      '在线办理',
      '常见问题',
    ]);
    expect(text(all(main(doc), 'h1')[0]!)).toBe('失业保险金申领');
  });

  it('starts with the basic information table', () => {
    const table = all(main(doc), 'table')[0]!;
    expect(text(all(table, 'caption')[0]!)).toBe('基本信息');
    expect(all(table, 'tr').map((tr) => [text(all(tr, 'th')[0]!), text(all(tr, 'td')[0]!)])).toEqual([
      ['事项名称', '失业保险金申领'],
      ['事项编码', '11510400MB0000001-001'],
      ['事项类型', '行政给付'],
      ['服务对象', '自然人'],
      ['所属部门', '市人力资源和社会保障局'],
      ['网办深度', '全程网办'],
    ]);
    expect(all(table, 'a').map((a) => a.attribs.href)).toEqual(['/bsfw/bm/o1.html']);
  });

  it('keeps the line breaks of plain text as paragraphs', () => {
    expect(all(section('设定依据')!, 'p').map(text)).toEqual(['《中华人民共和国社会保险法》第四十五条', '《失业保险条例》第十四条']);
    expect(all(section('常见问题')!, 'dd')[0] && all(all(section('常见问题')!, 'dd')[0]!, 'p').map(text)).toEqual([
      '根据缴费年限确定。',
      '最长 24 个月。',
    ]);
  });

  it('lists the materials in a table with downloads that say what they are, their format and size', () => {
    const table = all(section('办理材料')!, 'table')[0]!;
    expect(all(all(table, 'thead')[0]!, 'th').map((th) => [text(th), th.attribs.scope])).toEqual([
      ['材料名称', 'col'],
      ['材料形式', 'col'],
      ['是否必需', 'col'],
      ['说明', 'col'],
      ['空白表格', 'col'],
      ['示范文本', 'col'],
    ]);
    const rows = all(all(table, 'tbody')[0]!, 'tr').map((tr) => [...all(tr, 'th'), ...all(tr, 'td')].map(text));
    expect(rows).toEqual([
      ['身份证', '原件1份', '必需', '核验后退还', '无', '无'],
      [
        '失业保险金申领表',
        '原件1份',
        '非必需',
        '—',
        '下载“失业保险金申领表”空白表格（Word，20.0 KB）',
        '下载“失业保险金申领表”示范文本（PDF，1.5 KB）',
      ],
    ]);
    expect(all(table, 'a').map((a) => [a.attribs.href, a.attribs.download])).toEqual([
      ['/files/aa.docx', '失业保险金申领表（空白表格）.docx'],
      ['/files/bb.pdf', '失业保险金申领表（示范文本）.pdf'],
    ]);
  });

  it('gives the time limits, the fee basis, the steps in order and both phone numbers', () => {
    expect(all(section('办理时限')!, 'dt').map(text)).toEqual(['法定办结时限', '承诺办结时限']);
    expect(all(section('收费标准')!, 'h3').map(text)).toEqual(['收费依据']);
    const steps = all(section('办理流程')!, 'ol')[0]!;
    expect(
      DomUtils.getChildren(steps)
        .filter((n) => n.type === 'tag')
        .map((li) => text(li as El)),
    ).toEqual(['申请提交申领表和身份证', '受理', '审核5个工作日内审核']);
    expect(all(section('联系电话')!, 'dd').map(text)).toEqual(['0812-3335678', '0812-12345']);
  });

  it('links online handling prominently, says it is an external site, and opens it in the same tab', () => {
    const online = section('在线办理')!;
    const link = all(online, 'a')[0]!;
    expect(link.attribs.href).toBe('https://tyrz.sczwfw.gov.cn/apply?item=1&from=site');
    expect(link.attribs.class).toBe('service-online-link');
    expect(link.attribs.target).toBeUndefined();
    expect(link.attribs.rel).toContain('external');
    expect(text(link)).toBe('在线办理“失业保险金申领”（外部网站：tyrz.sczwfw.gov.cn）');
    expect(text(online)).toContain('网办深度：全程网办');
  });

  it('ends with the publication and last review dates', () => {
    const info = all(main(doc), 'p').filter((p) => p.attribs.class === 'article-info');
    expect(info.map(text)).toEqual(['发布日期：2026-11-27 最近复核日期：2026-11-20']);
  });

  it('carries the article meta tags of the guide', () => {
    expect(meta(doc, 'ArticleTitle')).toBe('失业保险金申领');
    expect(meta(doc, 'ColumnType')).toBe('办事指南');
    expect(meta(doc, 'PubDate')).toBe('2026-11-27 09:00');
    expect(meta(doc, 'ContentSource')).toBe('市人力资源和社会保障局');
    expect(meta(doc, 'Url')).toBe('https://www.panzhihua.gov.cn/bsfw/sx/A1.html');
    const crumbs = all(doc, 'nav').find((n) => n.attribs['aria-label'] === '当前位置')!;
    expect(all(crumbs, 'li').map(text)).toEqual(['首页', '办事服务', '市人力资源和社会保障局', '办事指南']);
  });

  it('omits every element the guide does not state, placeholders such as 暂无 included', () => {
    const bare = parse(
      renderServiceItem(
        at('/bsfw/sx/A1.html'),
        entry(
          { reviewedOn: null, orgPath: null },
          {
            category: null,
            legalBasis: null,
            conditions: '暂无',
            materials: [{ name: ' ', form: null, required: true, note: null, formFileId: null, sampleFileId: null }],
            handlingOrg: '',
            place: null,
            officeHours: null,
            legalTimeLimit: null,
            promisedTimeLimit: '待补充',
            fees: null,
            feeBasis: null,
            process: [],
            phone: '0812-3335678',
            complaintPhone: null,
            onlineUrl: null,
            onlineLevel: 'none',
            faq: [{ question: '问？', answer: '' }],
          },
        ),
        new Map(),
      ),
    );
    expect(all(main(bare), 'h2').map(text)).toEqual(['联系电话']);
    expect(all(main(bare), 'dt').map(text)).toEqual(['咨询电话']);
    const basic = all(main(bare), 'th').map(text);
    expect(basic).toEqual(['事项名称', '事项编码', '服务对象', '所属部门', '网办深度']);
    expect(all(main(bare), 'a')).toEqual([]);
    expect(text(main(bare))).not.toContain('最近复核日期');
  });

  it('drops a download whose file is not public and an online address that is not http(s)', () => {
    const page = renderServiceItem(at('/bsfw/sx/A1.html'), entry({}, { onlineUrl: 'javascript:alert(1)' }), new Map());
    expect(page).not.toMatch(/javascript:/i);
    const doc = parse(page);
    expect(all(main(doc), 'a').map((a) => a.attribs.href)).toEqual(['/bsfw/bm/o1.html']);
    expect(all(main(doc), 'h2').map(text)).not.toContain('在线办理');
  });
});

describe('hostile values', () => {
  const evil = `"><script>alert(1)</script><img src=x onerror=alert(2)>`;
  const page = renderServiceItem(
    at('/bsfw/sx/A1.html'),
    entry(
      { orgName: evil },
      {
        name: evil,
        code: evil,
        conditions: evil,
        legalBasis: `第一行\n${evil}`,
        materials: [{ name: evil, form: evil, required: true, note: evil, formFileId: 'f1', sampleFileId: null }],
        process: [{ title: evil, description: evil }],
        faq: [{ question: evil, answer: evil }],
        phone: evil,
        onlineUrl: `https://example.gov.cn/"><script>x</script>`,
      },
    ),
    files,
  );
  const listPage = listOf(1, 1, [entry({ orgName: evil }, { name: evil, handlingOrg: evil })]);
  const homePage = renderServiceHome(at('/bsfw/index.html'), {
    ...home,
    departments: [{ name: evil, count: 1, path: '/bsfw/bm/o1.html' }],
  });

  it('never open a tag or leave an attribute, on the item page, a list or the home', () => {
    for (const p of [page, listPage, homePage]) {
      const doc = parse(p);
      expect(all(doc, 'script')).toEqual([]);
      expect(all(main(doc), 'img')).toEqual([]);
      expect(DomUtils.findAll((e) => Object.keys(e.attribs).some((k) => k.startsWith('on')), doc.children)).toEqual([]);
      expect(wellFormed(p)).toEqual([]);
    }
    const doc = parse(page);
    expect(text(all(doc, 'h1')[0]!)).toBe(evil.replace(/\s+/g, ' '));
    expect(meta(doc, 'ArticleTitle')).toBe(evil);
    expect(all(doc, 'a').find((a) => a.attribs.download)?.attribs.download).toBe(`${evil}（空白表格）.docx`);
  });
});

describe('the services sitemap', () => {
  it('lists absolute URLs with the items’ publication as lastmod', () => {
    const xml = renderServicesSitemap(at('/sitemap-services.xml'), [
      { path: '/bsfw/', lastmod: null },
      { path: '/bsfw/sx/A1.html', lastmod: '2026-11-27T01:00:00Z' },
    ]);
    const doc = parseDocument(xml, { xmlMode: true });
    expect(all(doc, 'loc').map(text)).toEqual(['https://www.panzhihua.gov.cn/bsfw/', 'https://www.panzhihua.gov.cn/bsfw/sx/A1.html']);
    expect(all(doc, 'lastmod').map(text)).toEqual(['2026-11-27T09:00:00+08:00']);
  });

  it('names file formats for people', () => {
    expect(['docx', 'xls', 'pdf', 'ofd'].map(fileFormat)).toEqual(['Word', 'Excel', 'PDF', 'OFD']);
  });
});
