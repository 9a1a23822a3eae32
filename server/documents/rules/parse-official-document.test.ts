import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentSummary, parseOfficialDocument } from './parse-official-document.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../../test/fixtures/documents');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

const NOTICE = fixture('notice-panbanhan-2017-122.txt');
const NOTICE_TITLE = '关于进一步加强全市政务公开工作和政府网站建设的通知';
const NOTICE_SUMMARY = {
  docNumber: '攀办函〔2017〕122号',
  title: NOTICE_TITLE,
  issuingOrg: '攀枝花市人民政府办公室',
  recipients: ['各县（区）人民政府', '市级各部门'],
  writtenOn: '2017-11-02',
  attachments: null,
  disclosure: null,
};

/**
 * The notice as a PDF copy of a narrower layout gives it: paragraphs re-wrapped every 20
 * characters with full-width-space indents, the title letter-spaced, "— n —" / "- n -" page
 * numbers every 22 lines. `printedOrder` puts the 发文字号 and title on top, as printed
 * (the fixture itself has them in the middle of the body, as its PDF extraction did).
 */
function pdfCopy(source: string, { printedOrder = false, newline = '\n' } = {}): string {
  const docLines: string[] = [];
  const titleLines: string[] = [];
  const out: string[] = [];
  let para = '';
  const flush = () => {
    const chars = [...para];
    for (let k = 0; k < chars.length; k += 20) out.push((k === 0 ? '\u3000\u3000' : '') + chars.slice(k, k + 20).join(''));
    para = '';
  };
  for (const line of source.split('\n')) {
    const t = line.trim();
    if (!t) continue;
    const indent = line.length - line.trimStart().length;
    if (/^攀办函〔2017〕122$|^号$/.test(t)) {
      flush();
      (printedOrder ? docLines : out).push(t);
    } else if (NOTICE_TITLE.includes(t)) {
      flush();
      (printedOrder ? titleLines : out).push([...t].join(' '));
    } else if (indent >= 10 || t.endsWith('：')) {
      flush();
      out.push((indent >= 10 ? '\u3000'.repeat(8) : '') + t);
    } else if (indent >= 2) {
      flush();
      para = t;
    } else para += t;
  }
  flush();
  const lines = [...docLines, ...titleLines, ...out];
  const paged: string[] = [];
  lines.forEach((l, k) => {
    paged.push(l);
    const page = (k + 1) / 22;
    if (Number.isInteger(page)) paged.push('', page % 2 ? `— ${page} —` : `- ${page} -`, '');
  });
  return paged.join(newline);
}

describe('parsing the real notice 攀办函〔2017〕122号', () => {
  const doc = parseOfficialDocument(NOTICE);

  it('finds every field although its title and number sit in the middle of the body', () => {
    expect(documentSummary(doc)).toEqual(NOTICE_SUMMARY);
  });

  it('re-joins the hard-wrapped body into its nine paragraphs, headings on their own', () => {
    const paragraphs = doc.body.split('\n');
    expect(paragraphs).toHaveLength(9);
    expect(paragraphs[0]).toMatch(
      /^近日，省政府办公厅通报了2017年第三季度全省政府网站抽查情况，我市米易县公众信息网、钒钛高新技术产业园区网站被/,
    );
    expect(paragraphs[0]).toMatch(/现就有关事项通知如下。$/);
    expect(paragraphs[1]).toBe('一、加强政府网站信息发布工作');
    expect(paragraphs[2]).toContain('坚持以公开为常态、不公开为例外，第一时间发布');
    expect(paragraphs[5]).toBe('二、加快推进政府网站集约化建设');
    expect(paragraphs[7]).toBe('三、加强监督考核');
    expect(paragraphs[8]).toMatch(/效能建设3项年度目标考核。$/);
  });

  it('keeps citations of other documents in the body but not the title, the number, the recipients or the signature', () => {
    expect(doc.body).toContain('（攀办函〔2017〕19号）');
    expect(doc.body).not.toContain('122');
    expect(doc.body).not.toContain('建设的通知');
    expect(doc.body).not.toContain('市级各部门：');
    expect(doc.body).not.toContain('攀枝花市人民政府办公室');
    expect(doc.body).not.toContain('11月2日');
  });

  it('gives the same fields and body for a PDF copy with re-wrapped lines, a spaced title and page numbers', () => {
    const copy = pdfCopy(NOTICE);
    expect(copy).toContain('关 于 进 一 步');
    expect(copy).toContain('— 1 —');
    expect(copy).toContain('- 2 -');
    expect(copy).toContain('\u3000\u3000近日');
    const parsed = parseOfficialDocument(copy);
    expect(documentSummary(parsed)).toEqual(NOTICE_SUMMARY);
    expect(parsed.body).toBe(doc.body);
  });

  it('gives the same fields for a PDF copy in printed order with Windows line ends', () => {
    const parsed = parseOfficialDocument(pdfCopy(NOTICE, { printedOrder: true, newline: '\r\n' }));
    expect(documentSummary(parsed)).toEqual(NOTICE_SUMMARY);
    expect(parsed.body).toBe(doc.body);
  });
});

describe('parsing fictional 示例市 documents', () => {
  it('reads a 规范性文件 with a 版头, a two-line title, an 附件 list, a Chinese-numeral date and a 公开 note', () => {
    const doc = parseOfficialDocument(fixture('shili-guifan-2026-1.txt'));
    expect(documentSummary(doc)).toEqual({
      docNumber: '示府办规〔2026〕1号',
      title: '示例市人民政府办公室关于印发《示例市政府网站信息发布管理办法》的通知',
      issuingOrg: '示例市人民政府办公室',
      recipients: ['各区（县）人民政府', '市政府各部门', '各直属机构'],
      writtenOn: '2026-03-05',
      attachments: ['示例市政府网站信息发布管理办法', '示例市政府网站信息发布审核流程图'],
      disclosure: '此件公开发布',
    });
    expect(doc.body).toBe(
      '《示例市政府网站信息发布管理办法》已经市政府同意，现印发给你们，请认真贯彻执行。\n' +
        '各单位要按照本办法的要求，健全信息发布审核制度，落实“三审制度”，确保发布信息准确、及时、规范。执行中遇到的问题，请及时向市政府办公室反馈。',
    );
  });

  it('reads a 函 with 份号, 紧急程度 and a messy number, and keeps the 抄送 of the 版记 out of the recipients', () => {
    const doc = parseOfficialDocument(fixture('shili-jiaoyu-han-2026-18.txt'));
    expect(documentSummary(doc)).toEqual({
      docNumber: '示教函〔2026〕18号',
      title: '关于做好2026年示例市中小学校网站自查整改工作的函',
      issuingOrg: '示例市教育局',
      recipients: ['各区（县）教育局', '市直属各学校（含民办学校）', '各有关单位'],
      writtenOn: '2026-04-10',
      attachments: null,
      disclosure: '此件主动公开',
    });
    expect(doc.body).not.toMatch(/抄送|财政局|印发|联系人|000018|特急/);
    expect(doc.body.split('\n')).toHaveLength(2);
  });

  it('gives nulls for the number, date and signature a web copy lacks, and drops the page furniture above the title', () => {
    const doc = parseOfficialDocument(fixture('shili-no-number-no-date.txt'));
    expect(documentSummary(doc)).toEqual({
      docNumber: null,
      title: '关于做好示例市政府网站工作年度报表填报工作的通知',
      issuingOrg: null,
      recipients: ['各区（县）人民政府办公室', '市级各部门'],
      writtenOn: null,
      attachments: null,
      disclosure: null,
    });
    expect(doc.body.split('\n')).toEqual([
      '按照政府网站工作年度报表的有关要求，现将有关事项通知如下：',
      '一、填报范围',
      '本市各级行政机关开设的政府网站和政务新媒体。',
      '二、时间要求',
      '请于1月31日前通过统一平台完成填报，逾期未报的予以通报。',
    ]);
  });
});

describe('parsing details', () => {
  const letter = (tail: string, head = '示府函〔2026〕3号\n关于示例事项的函\n各区（县）人民政府：\n　　请按要求办理。\n') => head + tail;

  it.each([
    ['二〇二六年十二月三十一日', '2026-12-31'],
    ['二○二六年一月十日', '2026-01-10'],
    ['二零二六年十月二十日', '2026-10-20'],
    ['2026 年 3 月 5 日', '2026-03-05'],
    ['２０２６年３月５日', '2026-03-05'],
    ['2026年03月05日', '2026-03-05'],
    ['2024年2月29日', '2024-02-29'],
    ['2026年2月30日', null],
    ['2026年13月1日', null],
    ['1900年1月1日', null],
  ])('reads the 成文日期 %j as %j', (date, expected) => {
    expect(parseOfficialDocument(letter(`示例市人民政府\n${date}\n`)).writtenOn).toBe(expected);
  });

  it('reads a 署名 and date that share a line', () => {
    const doc = parseOfficialDocument(letter('　　　　示例市财政局　　　2026年6月1日\n'));
    expect([doc.issuingOrg, doc.writtenOn]).toEqual(['示例市财政局', '2026-06-01']);
    expect(doc.body).toBe('请按要求办理。');
  });

  it('joins the 署名 of a jointly issued document', () => {
    const doc = parseOfficialDocument(letter('　　示例市教育局　　　　示例市财政局\n　　　　2026年6月1日\n'));
    expect(doc.issuingOrg).toBe('示例市教育局、示例市财政局');
  });

  it('takes the issuing org from the 版头 when a sealed document has no 署名', () => {
    const doc = parseOfficialDocument(
      '示例市人民政府文件\n示府发〔2026〕2号\n关于示例事项的通知\n各区（县）人民政府：\n　　请按要求办理。\n　　　　2026年6月1日\n',
    );
    expect([doc.issuingOrg, doc.writtenOn]).toEqual(['示例市人民政府', '2026-06-01']);
  });

  it('takes the issuing org from the 机关代字 table when there is neither 署名 nor 版头', () => {
    const text = '示办函〔2026〕9号\n关于示例事项的函\n各有关单位：\n　　请按要求办理。\n';
    expect(parseOfficialDocument(text).issuingOrg).toBeNull();
    expect(parseOfficialDocument(text, { orgByAbbr: { 示办: '示例市人民政府办公室' } }).issuingOrg).toBe('示例市人民政府办公室');
    expect(parseOfficialDocument(text, { orgByAbbr: { 示办函: '示例市人民政府办公室（函）' } }).issuingOrg).toBe(
      '示例市人民政府办公室（函）',
    );
    expect(parseOfficialDocument(text, { orgByAbbr: {} }).issuingOrg).toBeNull();
  });

  it('does not split a recipient at the 、 inside its brackets, and joins recipients wrapped over two lines', () => {
    const doc = parseOfficialDocument(
      '关于示例事项的通知\n各县（市、区）人民政府，市政府各部门、各直属机构，\n各有关企事业单位：\n　　请按要求办理。\n',
    );
    expect(doc.recipients).toEqual(['各县（市、区）人民政府', '市政府各部门', '各直属机构', '各有关企事业单位']);
  });

  it('takes the recipients from a 主送 line in the 版记 when the first page has none', () => {
    const doc = parseOfficialDocument(
      '关于示例事项的通知\n　　请按要求办理。\n示例市人民政府\n2026年6月1日\n主送：各区（县）人民政府，市级各部门。\n抄送：市委办公室。\n',
    );
    expect(doc.recipients).toEqual(['各区（县）人民政府', '市级各部门']);
    expect(doc.body).toBe('请按要求办理。');
  });

  it('does not take a body sentence ending in a colon for the recipients', () => {
    const doc = parseOfficialDocument('关于示例事项的通知\n　　为做好示例工作，现将有关事项通知如下：\n　　一、总体要求\n');
    expect(doc.recipients).toBeNull();
    expect(doc.body).toBe('为做好示例工作，现将有关事项通知如下：\n一、总体要求');
  });

  it.each([
    ['（此件公开发布）', '此件公开发布'],
    ['(此件主动公开)', '此件主动公开'],
    ['此件不予公开', '此件不予公开'],
    ['（此件删减后公开）', '此件删减后公开'],
    ['公开方式：主动公开', '公开方式：主动公开'],
  ])('reads the 公开 note %j as %j and keeps it out of the body', (note, expected) => {
    const doc = parseOfficialDocument(letter(`示例市人民政府\n2026年6月1日\n${note}\n`));
    expect(doc.disclosure).toBe(expected);
    expect(doc.body).toBe('请按要求办理。');
  });

  it('reads a single unnumbered attachment and one whose name wraps in a hard-wrapped copy', () => {
    expect(parseOfficialDocument(letter('　　附件：示例市政府网站自查表\n示例市人民政府\n2026年6月1日\n')).attachments).toEqual([
      '示例市政府网站自查表',
    ]);
    const wrapped = [
      '关于示例事项的通知',
      '各区（县）人民政府：',
      '　　为做好本市政府网站的日常监测工作，进一步提高',
      '网站内容的质量，现将有关事项通知如下，请各单位',
      '认真组织实施，确保各项工作按时按质完成，并于每',
      '月五日前报送上月的监测报告，逾期未报的予以通报',
      '批评，情节严重的按照有关规定追究相关人员的责任',
      '并在全市范围内通报，请各单位务必高度重视此项工',
      '作。',
      '　　附件：1. 示例市政府网站日常监测工作实施细则和',
      '监测报告填报说明',
      '　　　　　2. 示例市政府网站监测报告模板',
      '　　　　　　　　　　示例市人民政府办公室',
      '　　　　　　　　　　2026年6月1日',
    ].join('\n');
    const doc = parseOfficialDocument(wrapped);
    expect(doc.attachments).toEqual(['示例市政府网站日常监测工作实施细则和监测报告填报说明', '示例市政府网站监测报告模板']);
    expect(doc.issuingOrg).toBe('示例市人民政府办公室');
    expect(doc.body.split('\n')).toHaveLength(1);
  });

  it('does not mistake a wrapped body line that starts with 关于 for the title', () => {
    const text = [
      '各区（县）人民政府：',
      '　　市政府办公室近日印发了示例市人民政府办公室',
      '关于做好政府网站年度报表工作的通知',
      '，请各单位按照通知要求认真组织填报工作，确保数',
      '据真实准确，并于规定时间前报送市政府办公室，逾',
      '期未报的单位将予以通报批评，请各单位务必高度重',
      '视并按时完成，确保年度报表工作顺利完成，特此通',
      '知。',
    ].join('\n');
    expect(parseOfficialDocument(text).title).toBeNull();
  });

  it('reads a 上行文 with 份号, 密级, 签发人 and a three-line title, and keeps the 署名 out of a wrapped attachment name', () => {
    const text = [
      '000001',
      '机密★1年',
      '特急',
      '示例市教育局文件',
      '示教〔2026〕5号　　　　　　　　　　签发人：王示例',
      '示例市教育局关于申请',
      '2026年政府网站集约化',
      '改造经费的请示',
      '示例市人民政府：',
      '　　为推进政府网站集约化建设，拟申请改造经费50万元。',
      '　　妥否，请批示。',
      '　　附件：示例市教育局网站集约化改造经费测算表',
      '　　　　　　　　　　　　　　　　示例市教育局',
      '　　　　　　　　　　　　　　　　2026年5月8日',
      '　　（联系人：李示例，电话：12345678）',
      '示例市教育局办公室　　　　　　　　2026年5月8日印发',
    ].join('\n');
    expect(parseOfficialDocument(text)).toEqual({
      docNumber: '示教〔2026〕5号',
      title: '示例市教育局关于申请2026年政府网站集约化改造经费的请示',
      issuingOrg: '示例市教育局',
      recipients: ['示例市人民政府'],
      writtenOn: '2026-05-08',
      attachments: ['示例市教育局网站集约化改造经费测算表'],
      disclosure: null,
      body: '为推进政府网站集约化建设，拟申请改造经费50万元。\n妥否，请批示。',
    });
  });

  it('reads a title without 关于 under the 发文字号, and not the 关于 title of an attachment page below the date', () => {
    const text = [
      '示例市人民政府文件',
      '示府告〔2026〕1号',
      '示例市人民政府公告',
      '　　为规范政府网站管理，现将有关事项公告如下：',
      '　　一、本市政府网站统一使用gov.cn域名。',
      '　　　　　　　　示例市人民政府',
      '　　　　　　　　2026年6月1日',
      '附件',
      '关于政府网站域名调整的说明',
      '　　本次调整不影响已有链接。',
    ].join('\n');
    const doc = parseOfficialDocument(text);
    expect([doc.title, doc.recipients, doc.issuingOrg, doc.writtenOn]).toEqual([
      '示例市人民政府公告',
      null,
      '示例市人民政府',
      '2026-06-01',
    ]);
    expect(doc.body).toBe('为规范政府网站管理，现将有关事项公告如下：\n一、本市政府网站统一使用gov.cn域名。');
  });

  it('does not take the website name above a web copy for the issuing org', () => {
    const doc = parseOfficialDocument('示例市人民政府门户网站\n首页 > 通知公告\n关于示例事项的通知\n各有关单位：\n　　请按要求办理。\n');
    expect([doc.title, doc.issuingOrg, doc.body]).toEqual(['关于示例事项的通知', null, '请按要求办理。']);
  });

  it('ignores a page margin that an extractor put in front of every line', () => {
    const shifted = NOTICE.split('\n')
      .map((l) => (l.trim() ? `  ${l}` : l))
      .join('\n');
    const doc = parseOfficialDocument(shifted);
    expect(documentSummary(doc)).toEqual(NOTICE_SUMMARY);
    expect(doc.body).toBe(parseOfficialDocument(NOTICE).body);
  });

  it('does not take a body sentence that starts with 此件 for the 公开 note', () => {
    const doc = parseOfficialDocument(letter('此件发布后请各单位遵照执行\n示例市人民政府\n2026年6月1日\n'));
    expect(doc.disclosure).toBeNull();
  });

  it('drops page numbers and form feeds between pages without breaking the paragraph', () => {
    const doc = parseOfficialDocument('关于示例事项的通知\n各有关单位：\n　　请各单位按照\n\n— 2 —\n\f\n要求办理。\n第 3 页 共 4 页\n');
    expect(doc.body).toBe('请各单位按照要求办理。');
  });

  it('returns exactly the summary keys in the CLI order', () => {
    const summary = documentSummary(parseOfficialDocument(NOTICE));
    expect(Object.keys(summary)).toEqual(['docNumber', 'title', 'issuingOrg', 'recipients', 'writtenOn', 'attachments', 'disclosure']);
    expect(JSON.parse(JSON.stringify(summary))).toEqual(NOTICE_SUMMARY);
  });
});

describe('hostile input', () => {
  const NULLS = { docNumber: null, title: null, issuingOrg: null, recipients: null, writtenOn: null, attachments: null, disclosure: null };

  // A fixed generator so a failure can be reproduced.
  function randomCjk(chars: number, lineEvery: number): string {
    let seed = 20_260_305;
    let s = '';
    for (let i = 0; i < chars; i++) {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      s += lineEvery > 0 && i % lineEvery === lineEvery - 1 ? '\n' : String.fromCharCode(0x4e00 + (seed % 0x5000));
    }
    return s;
  }

  it('gives all nulls and an empty body for empty or whitespace-only text', () => {
    for (const text of ['', '   \n\u3000\n\t', '\ufeff']) {
      expect(parseOfficialDocument(text)).toEqual({ ...NULLS, body: '' });
    }
  });

  it('does not throw on a value that is not text', () => {
    expect(parseOfficialDocument(undefined as unknown as string)).toEqual({ ...NULLS, body: '' });
  });

  it('handles 1 MB of random CJK, as one line and as many, quickly and without inventing fields', () => {
    for (const lineEvery of [0, 29]) {
      const text = randomCjk(350_000, lineEvery);
      expect(Buffer.byteLength(text)).toBeGreaterThan(1_000_000);
      const started = performance.now();
      const doc = parseOfficialDocument(text);
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(documentSummary(doc)).toEqual(NULLS);
      expect(doc.body.length).toBeGreaterThan(300_000);
    }
  });

  it('handles hundreds of thousands of tiny lines without exhausting the stack', () => {
    const doc = parseOfficialDocument('关于\n：\n'.repeat(200_000));
    expect(documentSummary(doc)).toEqual(NULLS);
  });

  it('treats HTML and script as inert text and finds no fields in it', () => {
    const html =
      '<html><head><script>alert("攀办函〔2017〕122号")</script></head>\n<body><p>关于进一步加强工作的通知</p>\n<p onclick="x()">各单位：</p><img src=x onerror=alert(1)></body></html>';
    const doc = parseOfficialDocument(html);
    expect(documentSummary(doc)).toEqual(NULLS);
    expect(typeof doc.body).toBe('string');
  });

  it('survives control characters, lone surrogates and very long lines', () => {
    const text = `关于示例事项的通知\n\u0000\u0007各单位：\ud800\n${'关于'.repeat(50_000)}的通知\n${'：'.repeat(10_000)}\n`;
    expect(() => parseOfficialDocument(text)).not.toThrow();
    expect(parseOfficialDocument(text).title).toBe('关于示例事项的通知');
  });
});
