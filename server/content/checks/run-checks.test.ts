import { describe, expect, it, vi } from 'vitest';
import { buildCommonErrorMatcher, buildSensitiveMatcher } from './dictionaries.ts';
import { extractHtmlText } from './html-text.ts';
import { buildLeaderIndex } from './leaders.ts';
import { MAX_FINDINGS_PER_KIND, runChecks, type CheckContext, type CheckInput, type CheckResult, type LinkStatus } from './run-checks.ts';

function buildInput(over: Partial<CheckInput> = {}): CheckInput {
  return {
    title: '关于开展政务公开工作的通知',
    summary: null,
    bodyHtml: '<p>各区县人民政府，市级各部门：现将有关事项通知如下。</p>',
    fields: {},
    requiredFields: [],
    docNumber: null,
    ...over,
  };
}

function buildContext(over: Partial<CheckContext> = {}): CheckContext {
  return {
    sensitive: buildSensitiveMatcher([
      { word: '绝密', level: 'error', note: '涉密标识不得公开' },
      { word: '内部资料', level: 'error' },
      { word: '内部', level: 'warning' },
      { word: 'VPN', level: 'warning' },
    ]),
    commonErrors: buildCommonErrorMatcher([
      { wrong: '既使', correct: '即使' },
      { wrong: '再接再励', correct: '再接再厉' },
      { wrong: '截止目前', correct: '截至目前' },
      { wrong: '不能', correct: '不能不' }, // a wrong form inside its own correct form
    ]),
    leaders: buildLeaderIndex([
      { name: '张三', title: '副市长' },
      { name: '李四', title: '市长' },
    ]),
    linkStatus: () => 'external',
    docNumberProblems: () => [],
    ...over,
  };
}

const run = (input: Partial<CheckInput> = {}, ctx: Partial<CheckContext> = {}) => runChecks(buildInput(input), buildContext(ctx));
const codesOf = (rs: CheckResult[]) => rs.map((r) => r.code);

describe('runChecks', () => {
  it('passes a clean article without findings', () => {
    expect(run()).toEqual([]);
  });

  describe('required metadata', () => {
    const requiredFields = [
      { field: 'publisher', label: '发布机构' },
      { field: 'topics', label: '主题分类' },
      { field: 'source', label: '信息来源' },
      { field: 'indexNo', label: '索引号' },
    ];

    it('reports each missing, blank or empty field as an error', () => {
      const rs = run({ requiredFields, fields: { publisher: ' \u3000 ', topics: [], source: null } });
      expect(rs).toEqual([
        { code: 'required_missing', severity: 'error', field: 'publisher', message: '必填项“发布机构”未填写' },
        { code: 'required_missing', severity: 'error', field: 'topics', message: '必填项“主题分类”未填写' },
        { code: 'required_missing', severity: 'error', field: 'source', message: '必填项“信息来源”未填写' },
        { code: 'required_missing', severity: 'error', field: 'indexNo', message: '必填项“索引号”未填写' },
      ]);
    });

    it('accepts filled fields, including 0 and false', () => {
      const rs = run({ requiredFields, fields: { publisher: '市政府办公室', topics: ['综合政务'], source: 0, indexNo: false } });
      expect(rs).toEqual([]);
    });

    it('looks at the article’s own title, summary and doc number when fields lack them', () => {
      const req = [
        { field: 'summary', label: '摘要' },
        { field: 'docNumber', label: '文号' },
        { field: 'title', label: '标题' },
      ];
      expect(run({ requiredFields: req, summary: '摘要', docNumber: '攀府发〔2024〕1号' })).toEqual([]);
      expect(codesOf(run({ requiredFields: req, summary: ' ' }))).toEqual(['required_missing', 'required_missing']);
    });
  });

  describe('doc number', () => {
    it('turns every problem into a blocking error', () => {
      const rs = run({ docNumber: ' 攀府发[2024]1号 ' }, { docNumberProblems: () => ['年份应使用六角括号“〔〕”', '序号不应编虚位'] });
      expect(rs).toEqual([
        {
          code: 'doc_number_invalid',
          severity: 'error',
          field: 'docNumber',
          message: '文号“攀府发[2024]1号”有误：年份应使用六角括号“〔〕”',
        },
        { code: 'doc_number_invalid', severity: 'error', field: 'docNumber', message: '文号“攀府发[2024]1号”有误：序号不应编虚位' },
      ]);
    });

    it('does not ask about an absent doc number', () => {
      const docNumberProblems = vi.fn(() => ['不应调用']);
      expect(run({ docNumber: null }, { docNumberProblems })).toEqual([]);
      expect(run({ docNumber: '  ' }, { docNumberProblems })).toEqual([]);
      expect(docNumberProblems).not.toHaveBeenCalled();
    });
  });

  describe('sensitive words', () => {
    it('reports each word at its level, with the note', () => {
      const rs = run({ bodyHtml: '<p>本件为绝密文件。</p><p>请勿使用VPN。</p>' });
      expect(rs).toEqual([
        {
          code: 'sensitive_word',
          severity: 'error',
          field: 'body',
          message: '正文第1段含禁用词“绝密”（涉密标识不得公开），请修改或核实',
          start: 3,
          end: 5,
          snippet: '本件为绝密文件。 请勿使用VPN。',
        },
        expect.objectContaining({ code: 'sensitive_word', severity: 'warning', message: '正文第2段含敏感词“VPN”，请修改或核实' }),
      ]);
    });

    it('reports overlapping dictionary words once, as the longest', () => {
      const rs = run({ bodyHtml: '<p>此为内部资料，仅供内部使用</p>' });
      expect(rs.map((r) => [r.severity, r.message])).toEqual([
        ['error', '正文第1段含禁用词“内部资料”，请修改或核实'],
        ['warning', '正文第1段含敏感词“内部”，请修改或核实'],
      ]);
    });

    it('finds full-width Latin and reports it as written, at its own offsets', () => {
      const [r] = run({ summary: '关于ｖｐｎ的说明' });
      expect(r).toMatchObject({
        code: 'sensitive_word',
        field: 'summary',
        start: 2,
        end: 5,
        message: '摘要含敏感词“ｖｐｎ”，请修改或核实',
      });
    });

    it('keeps the strictest level when a word is listed twice', () => {
      const sensitive = buildSensitiveMatcher([
        { word: '内部', level: 'warning' },
        { word: '内部', level: 'error' },
      ]);
      expect(run({ bodyHtml: '<p>内部</p>' }, { sensitive })[0]?.severity).toBe('error');
    });
  });

  describe('common errors', () => {
    it('warns in the body, with the correction and a snippet', () => {
      const [r] = run({ bodyHtml: '<p>关于开展既使遇到困难也要完成的工作</p>' });
      expect(r).toEqual({
        code: 'common_error',
        severity: 'warning',
        field: 'body',
        message: '正文第1段疑似错别字“既使”，应为“即使”',
        start: 4,
        end: 6,
        snippet: '关于开展既使遇到困难也要完成的工作',
      });
    });

    it('blocks in the title', () => {
      expect(run({ title: '再接再励 推进政务公开' })).toEqual([
        expect.objectContaining({
          code: 'common_error',
          severity: 'error',
          field: 'title',
          message: '标题疑似错别字“再接再励”，应为“再接再厉”',
        }),
      ]);
    });

    it('does not flag a wrong form that is part of its own correct form', () => {
      expect(run({ bodyHtml: '<p>我们不能不重视。</p>' })).toEqual([]);
      expect(codesOf(run({ bodyHtml: '<p>我们不能重视。</p>' }))).toEqual(['common_error']);
    });
  });

  describe('leaders', () => {
    it('blocks a leader written with a title that is not theirs, in any text field', () => {
      const rs = run({ title: '市长张三调研政务公开工作', summary: '副市长张三调研', bodyHtml: '<p>张三同志（市长）指出……</p>' });
      expect(rs.map((r) => [r.field, r.code, r.severity, r.message])).toEqual([
        ['title', 'leader_title_mismatch', 'error', '标题：“张三”的现任职务为“副市长”，文中写作“市长”'],
        ['body', 'leader_title_mismatch', 'error', '正文第1段：“张三”的现任职务为“副市长”，文中写作“市长”'],
      ]);
    });

    it('passes correct titles and names without titles', () => {
      expect(run({ bodyHtml: '<p>市长李四、副市长张三出席。张三指出……</p>' })).toEqual([]);
    });

    it('warns about a leader name that looks misspelt', () => {
      expect(run({ bodyHtml: '<p>副市长张山出席</p>' }).map((r) => [r.code, r.severity])).toEqual([['leader_name_suspect', 'warning']]);
    });
  });

  describe('links', () => {
    const html =
      '<p><a href="/a/1">已发布</a><a href="/a/2">草稿文章</a><a href="/a/3">撤下的</a><a href="/a/4"><img src="/i.png" alt="图"></a><a href="https://www.gov.cn/">外部</a><a href="/a/2">又一次</a></p>';
    const statuses: Record<string, LinkStatus> = { '/a/1': 'published', '/a/2': 'unpublished', '/a/3': 'retracted', '/a/4': 'missing' };

    it('blocks links to unpublished, retracted and missing articles, once per occurrence', () => {
      const linkStatus = vi.fn((href: string) => statuses[href] ?? 'external');
      const rs = run({ bodyHtml: html }, { linkStatus });
      expect(rs.map((r) => [r.code, r.severity, r.message])).toEqual([
        ['link_unpublished', 'error', '链接“草稿文章”指向的文章尚未发布，发布后将成为无效链接'],
        ['link_retracted', 'error', '链接“撤下的”指向的文章已撤稿，发布后将成为无效链接'],
        ['link_missing', 'error', '链接“/a/4”指向的文章不存在，发布后将成为无效链接'],
        ['link_unpublished', 'error', '链接“又一次”指向的文章尚未发布，发布后将成为无效链接'],
      ]);
      const body = extractHtmlText(html).text;
      expect(body.slice(rs[0]!.start, rs[0]!.end)).toBe('草稿文章');
      expect(linkStatus).toHaveBeenCalledTimes(5); // once per distinct href
    });

    it('passes published and external links', () => {
      expect(
        run(
          { bodyHtml: '<p><a href="/a/1">正文</a><a href="https://www.gov.cn/">外部</a></p>' },
          { linkStatus: (h) => statuses[h] ?? 'external' },
        ),
      ).toEqual([]);
    });
  });

  describe('images', () => {
    it('blocks images whose alt is absent, empty or blank', () => {
      const rs = run({
        bodyHtml:
          '<p>图示<img src="/a/1.jpg"><img src="/a/2.jpg?v=1" alt=""><img src="/a/3.jpg" alt=" "><img src="/a/4.jpg" alt="会议现场"></p>',
      });
      expect(rs.map((r) => r.message)).toEqual([
        '正文第1张图片（1.jpg）缺少替代文字（alt），请填写图片说明',
        '正文第2张图片（2.jpg）缺少替代文字（alt），请填写图片说明',
        '正文第3张图片（3.jpg）缺少替代文字（alt），请填写图片说明',
      ]);
      expect(rs.every((r) => r.code === 'image_alt_missing' && r.severity === 'error' && r.start === 2)).toBe(true);
    });
  });

  describe('empty body', () => {
    it.each(['', '<p></p>', '<p> &nbsp; </p>', '<div><br></div>', '<p>\u3000</p>'])('blocks %j', (bodyHtml) => {
      expect(run({ bodyHtml })).toEqual([{ code: 'body_empty', severity: 'error', field: 'body', message: '正文为空' }]);
    });

    it('accepts a body that is only an image', () => {
      expect(run({ bodyHtml: '<p><img src="/a.jpg" alt="通知原件"></p>' })).toEqual([]);
    });
  });

  describe('offsets and snippets', () => {
    it('point into the extracted body text across tags and entities', () => {
      const bodyHtml =
        '<p>前&amp;言：<b>各&nbsp;单位</b></p><p><span>关于</span>开展&ldquo;<i>截止目前</i>&rdquo;的统计工作，既使时间紧也要按期完成。</p>';
      const text = extractHtmlText(bodyHtml).text;
      const rs = run({ bodyHtml });
      expect(rs.map((r) => text.slice(r.start, r.end))).toEqual(['截止目前', '既使']);
      for (const r of rs) {
        const from = Math.max(0, r.start! - 15);
        expect(r.snippet).toBe(text.slice(from, r.end! + 15).replace(/\n/g, ' '));
      }
      expect(rs[0]?.message).toBe('正文第2段疑似错别字“截止目前”，应为“截至目前”');
    });
  });

  describe('ordering', () => {
    it('puts metadata first, then title, summary and body, each by position, and is deterministic', () => {
      const input = buildInput({
        title: '既使如此',
        summary: '内部通报',
        bodyHtml: '<p>既使<img src="/x.jpg">绝密</p>',
        requiredFields: [{ field: 'publisher', label: '发布机构' }],
        docNumber: 'x',
      });
      const ctx = buildContext({ docNumberProblems: () => ['格式有误'] });
      const rs = runChecks(input, ctx);
      expect(rs.map((r) => `${r.field}:${r.code}`)).toEqual([
        'publisher:required_missing',
        'docNumber:doc_number_invalid',
        'title:common_error',
        'summary:sensitive_word',
        'body:common_error',
        'body:image_alt_missing',
        'body:sensitive_word',
      ]);
      expect(runChecks(input, ctx)).toEqual(rs);
    });
  });

  describe('hostile input', () => {
    it('finishes on deeply nested tags', () => {
      const bodyHtml = '<div><a href="/a/1"><span>'.repeat(30_000) + '绝密' + '</span></a></div>'.repeat(30_000);
      const rs = run({ bodyHtml }, { linkStatus: () => 'missing' });
      expect(rs.filter((r) => r.code === 'sensitive_word')).toHaveLength(1);
    });

    it('finishes on a megabyte of text and caps repeated findings with a summary line', () => {
      const bodyHtml = `<p>${'既使绝密，副市长张山，'.repeat(100_000)}</p>`;
      expect(bodyHtml.length).toBeGreaterThan(1_000_000);
      const rs = run({ bodyHtml });
      const common = rs.filter((r) => r.code === 'common_error');
      expect(common).toHaveLength(MAX_FINDINGS_PER_KIND + 1);
      expect(common.at(-1)).toMatchObject({
        severity: 'warning',
        message: `正文另有${100_000 - MAX_FINDINGS_PER_KIND}处同类问题（错别字）未逐一列出`,
      });
      const sensitive = rs.filter((r) => r.code === 'sensitive_word');
      expect(sensitive.at(-1)).toMatchObject({ severity: 'error' });
      expect(rs.filter((r) => r.code === 'leader_name_suspect')).toHaveLength(MAX_FINDINGS_PER_KIND + 1);
    });

    it('finishes on broken markup', () => {
      expect(() => run({ bodyHtml: "<<p>>&&#xZZ;<a href=<img alt='><p <<b>绝密</" })).not.toThrow();
    });
  });
});
