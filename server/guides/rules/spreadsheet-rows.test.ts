import { describe, expect, it } from 'vitest';
import type { ServiceGuide } from '#common/service-items.ts';
import {
  decodeText,
  guideCells,
  headerTexts,
  keepMaterialFiles,
  matchHeaders,
  parseCsv,
  parseFaq,
  parseMaterials,
  parseProcess,
  parseServiceRow,
  safeCell,
  SHEET_COLUMNS,
  stripNumbering,
  type ColumnKey,
} from './spreadsheet-rows.ts';

const base: Partial<Record<ColumnKey, string>> = { name: '城乡居民养老保险参保登记', code: 'YL-001', audiences: '个人' };
const row = (over: Partial<Record<ColumnKey, string>>) => parseServiceRow({ ...base, ...over });

describe('spreadsheet columns', () => {
  it('marks the columns a row needs and the required elements with *', () => {
    const headers = headerTexts(['name', 'legalBasis', 'timeLimit']);
    expect(headers.slice(0, 5)).toEqual(['事项名称*', '事项编码*', '所属部门', '事项类型', '服务对象*']);
    expect(headers).toContain('设定依据*');
    expect(headers).toContain('法定时限*');
    expect(headers).toContain('收费依据');
    expect(headers).toHaveLength(SHEET_COLUMNS.length);
  });

  it('matches headers by their text in any order, tolerating * and spaces', () => {
    const { columns, missing } = matchHeaders(['', ' 事项编码 *', '状态', '事项名称＊', '咨询电话', '在线办理']);
    expect(missing).toEqual([]);
    expect(columns.get('code')).toBe(1);
    expect(columns.get('name')).toBe(3);
    expect(columns.get('phone')).toBe(4);
    expect(columns.get('onlineUrl')).toBe(5);
    expect(columns.has('audiences')).toBe(false);
  });

  it('names the essential columns a header row lacks', () => {
    expect(matchHeaders(['名称', '编码', '服务对象']).missing).toEqual(['事项名称', '事项编码']);
    expect(matchHeaders(['事项名称']).missing).toEqual(['事项编码']);
  });
});

describe('one row', () => {
  it('reads a complete row into a guide', () => {
    const r = row({
      org: '市人社局',
      category: '公共服务',
      audiences: '个人、法人',
      topics: '社会保障，就业创业',
      lifeEvents: '退休养老 就业',
      legalBasis: '《中华人民共和国社会保险法》',
      materials: '居民身份证|原件1份|是|核验后退还\n户口簿|复印件1份|否\n\n照片',
      process: '1. 受理：窗口接收材料\n2、审核|5个工作日\n（3）办结',
      phone: '0816-1234567',
      complaintPhone: '12345',
      onlineUrl: 'https://zwfw.example.gov.cn/item/1',
      onlineLevel: '全程网办',
      faq: '问：可以委托他人办理吗？\n答：可以。\n需带委托书。',
    });
    expect(r.problems).toEqual([]);
    expect(r.org).toBe('市人社局');
    const g = r.guide!;
    expect(g.category).toBe('公共服务');
    expect(g.audiences).toEqual(['person', 'legal']);
    expect(g.topics).toEqual(['t05', 't04']);
    expect(g.lifeEvents).toEqual(['p08', 'p03']);
    expect(g.materials).toEqual([
      { name: '居民身份证', form: '原件1份', required: true, note: '核验后退还', formFileId: null, sampleFileId: null },
      { name: '户口簿', form: '复印件1份', required: false, note: null, formFileId: null, sampleFileId: null },
      { name: '照片', form: null, required: true, note: null, formFileId: null, sampleFileId: null },
    ]);
    expect(g.process).toEqual([
      { title: '受理', description: '窗口接收材料' },
      { title: '审核', description: '5个工作日' },
      { title: '办结', description: null },
    ]);
    expect(g.faq).toEqual([{ question: '可以委托他人办理吗？', answer: '可以。\n需带委托书。' }]);
    expect(g.onlineLevel).toBe('full');
    expect(g.legalTimeLimit).toBeNull();
  });

  it('leaves optional cells empty: no org, no category, window only', () => {
    const r = row({});
    expect(r.problems).toEqual([]);
    expect(r.org).toBeNull();
    expect(r.guide).toMatchObject({ category: null, topics: [], materials: [], process: [], faq: [], onlineLevel: 'none', phone: null });
  });

  it('accepts the audience aliases people write', () => {
    expect(row({ audiences: '个人办事；法人办事' }).guide!.audiences).toEqual(['person', 'legal']);
    expect(row({ audiences: '自然人,企业' }).guide!.audiences).toEqual(['person', 'legal']);
    expect(row({ audiences: '法人 个人 法人' }).guide!.audiences).toEqual(['legal', 'person']);
  });

  it('refuses an audience it cannot read and a row without one', () => {
    expect(row({ audiences: '居民' }).problems).toEqual([{ field: '服务对象', message: '服务对象“居民”无法识别，应填写个人或法人' }]);
    expect(row({ audiences: '' }).problems).toEqual([{ field: '服务对象', message: '请选择服务对象' }]);
  });

  it('names the unknown topic, life event, category and online level', () => {
    const r = row({ topics: '社会保障、养老金', lifeEvents: '升学', category: '行政审批', onlineLevel: '网上办' });
    expect(r.guide).toBeNull();
    expect(r.problems).toEqual([
      { field: '事项类型', message: expect.stringContaining('事项类型“行政审批”不在可选范围内') },
      { field: '主题分类', message: '主题分类“养老金”不在可选范围内，可选值见“填写说明”' },
      { field: '人生事件', message: '人生事件“升学”不在可选范围内，可选值见“填写说明”' },
      { field: '网办深度', message: expect.stringContaining('网办深度“网上办”不在可选范围内') },
    ]);
  });

  it('reports a bad address and telephone in the words of the form', () => {
    const r = row({ onlineUrl: 'zwfw.example.gov.cn', phone: '请咨询窗口', complaintPhone: '-' });
    expect(r.problems).toEqual([
      { field: '联系电话', message: '联系电话应包含电话号码' },
      { field: '在线办理地址', message: '在线办理地址应以 http:// 或 https:// 开头' },
    ]);
  });

  it('reports every problem of a row, and material problems by their number', () => {
    const r = row({ name: '', code: 'a b', materials: '身份证\n户口簿|原件|也许' });
    expect(r.code).toBe('a b');
    expect(r.problems).toEqual([
      { field: '办理材料', message: '第 2 项材料的“是否必需”应填写“是”或“否”' },
      { field: '事项名称', message: '事项名称不能为空' },
      { field: '事项编码', message: '事项编码只能包含字母、数字和 - _ .，不超过 64 位' },
    ]);
    expect(row({ materials: `身份证|${'长'.repeat(101)}` }).problems).toEqual([
      { field: '办理材料', message: '第 1 项材料：材料形式不能超过 100 个字符' },
    ]);
  });

  it('drops the apostrophe the export puts before a formula-like value', () => {
    expect(row({ conditions: "'=1+1", fees: "'-" }).guide).toMatchObject({ conditions: '=1+1', fees: '-' });
    expect(row({ conditions: "'引号开头" }).guide!.conditions).toBe("'引号开头");
  });
});

describe('line formats', () => {
  it('strips the numbering of list lines but not numbers that are part of the text', () => {
    expect(
      ['1.受理', '1、受理', '1) 受理', '（1）受理', '(12) 受理', '① 受理', '一、受理', '第一步：受理', '第2步 受理', '步骤三：受理'].map(
        stripNumbering,
      ),
    ).toEqual(Array(10).fill('受理'));
    expect(stripNumbering('2.5寸照片')).toBe('2.5寸照片');
    expect(stripNumbering('1寸照片')).toBe('1寸照片');
    expect(stripNumbering('第二代身份证')).toBe('第二代身份证');
  });

  it('splits a step at its first separator', () => {
    expect(parseProcess('第一步：受理：窗口收件\n审核:网址 https://x.gov.cn\n决定｜作出决定\n送达')).toEqual([
      { title: '受理', description: '窗口收件' },
      { title: '审核', description: '网址 https://x.gov.cn' },
      { title: '决定', description: '作出决定' },
      { title: '送达', description: null },
    ]);
  });

  it('reads materials with their optional parts and keeps bars inside a note', () => {
    const { materials, problems } = parseMaterials('1. 营业执照｜副本|否|复印件|加盖公章\n2. 授权委托书||必需');
    expect(problems).toEqual([]);
    expect(materials.map((m) => [m.name, m.form, m.required, m.note])).toEqual([
      ['营业执照', '副本', false, '复印件|加盖公章'],
      ['授权委托书', null, true, null],
    ]);
  });

  it('pairs questions and answers and says what is wrong with the pairs', () => {
    expect(parseFaq('1. 问：要钱吗？\n答：不要。\n2. Q: 多久？\nA: 当场。').faq).toEqual([
      { question: '要钱吗？', answer: '不要。' },
      { question: '多久？', answer: '当场。' },
    ]);
    expect(parseFaq('问：要钱吗？\n问：多久？\n答：当场。').problems).toEqual(['第 1 个问题缺少“答：”']);
    expect(parseFaq('答：不要。').problems).toEqual(['常见问题的“答：”前面应有“问：”']);
    expect(parseFaq('要钱吗？不要。').problems).toEqual(['常见问题应按“问：…”“答：…”成对填写，每个问题以“问：”开头']);
    expect(parseFaq('问：要钱吗？\n答：不要。\n答：真的不要。').problems).toEqual(['第 1 个问题有多个“答：”']);
  });
});

describe('export cells', () => {
  const guide: ServiceGuide = {
    name: '企业投资项目备案',
    code: '1234567890',
    category: '其他行政权力',
    audiences: ['legal'],
    topics: ['t21', 't22'],
    lifeEvents: ['l03'],
    legalBasis: '《企业投资项目核准和备案管理条例》',
    conditions: '=在本市行政区域内投资建设的项目',
    materials: [
      { name: '备案表', form: null, required: true, note: null, formFileId: 'f1', sampleFileId: null },
      { name: '营业执照', form: '复印件', required: false, note: null, formFileId: null, sampleFileId: null },
      { name: '说明', form: null, required: true, note: '加盖公章', formFileId: null, sampleFileId: null },
    ],
    handlingOrg: '市发展改革委',
    place: '市政务服务中心',
    officeHours: '工作日',
    legalTimeLimit: null,
    promisedTimeLimit: '即办',
    fees: '不收费',
    feeBasis: null,
    process: [
      { title: '申报', description: '在线填报' },
      { title: '备案', description: null },
    ],
    phone: '0816-1234567',
    complaintPhone: null,
    onlineUrl: 'https://tzxm.example.gov.cn',
    onlineLevel: 'partial',
    faq: [{ question: '要钱吗？', answer: '不要。\n全程免费。' }],
  };

  it('writes the line formats and reads back the same guide', () => {
    const cells = guideCells(guide, '市发展改革委');
    expect(cells.materials).toBe('备案表\n营业执照|复印件|否\n说明||是|加盖公章');
    expect(cells.process).toBe('申报：在线填报\n备案');
    expect(cells.faq).toBe('问：要钱吗？\n答：不要。\n全程免费。');
    expect(cells.audiences).toBe('法人');
    expect(cells.topics).toBe('投资审批、规划建设');
    expect(cells.onlineLevel).toBe('在线申报、窗口领取');
    const safe = Object.fromEntries(Object.entries(cells).map(([k, v]) => [k, safeCell(v)]));
    expect(safe.conditions).toBe("'=在本市行政区域内投资建设的项目");
    const back = parseServiceRow(safe);
    expect(back.problems).toEqual([]);
    expect(keepMaterialFiles(back.guide!, guide)).toEqual(guide);
  });

  it('guards every cell a spreadsheet could take for a formula', () => {
    expect(['=A1', '+1', '-1', '@x', '\tx', '正常', '1-2'].map(safeCell)).toEqual(["'=A1", "'+1", "'-1", "'@x", "'\tx", '正常', '1-2']);
  });

  it('keeps uploaded files of materials that keep their name', () => {
    const stored = { ...guide, materials: [...guide.materials, { ...guide.materials[0]!, formFileId: 'f2', sampleFileId: 's2' }] };
    const next = parseServiceRow({ ...base, materials: '备案表|原件\n新材料\n备案表' }).guide!;
    expect(keepMaterialFiles(next, stored).materials.map((m) => [m.name, m.formFileId, m.sampleFileId])).toEqual([
      ['备案表', 'f1', null],
      ['新材料', null, null],
      ['备案表', 'f2', 's2'],
    ]);
  });
});

describe('CSV text', () => {
  it('reads quoted fields with commas, line breaks and doubled quotes', () => {
    const { records, unterminated } = parseCsv('事项名称,事项编码\r\n"甲,乙","A""1"\r\n\r\n"多\r\n行",B2\nC,"""引"""');
    expect(unterminated).toBeNull();
    expect(records).toEqual([['事项名称', '事项编码'], ['甲,乙', 'A"1'], [''], ['多\r\n行', 'B2'], ['C', '"引"']]);
  });

  it('numbers records as rows, keeps empty fields and reports an unclosed quote', () => {
    expect(parseCsv('a,,c\n,\n').records).toEqual([
      ['a', '', 'c'],
      ['', ''],
    ]);
    expect(parseCsv('a,b\n1,"2\n3,4').unterminated).toBe(2);
    expect(parseCsv('事项名称\t事项编码\n甲\tA1').records).toEqual([
      ['事项名称', '事项编码'],
      ['甲', 'A1'],
    ]);
  });

  it('decodes UTF-8 with or without BOM, falls back to GB18030, and refuses binary', () => {
    expect(decodeText(Buffer.from('\uFEFF中文,1', 'utf8'))).toBe('中文,1');
    expect(decodeText(Buffer.from('中文,1', 'utf8'))).toBe('中文,1');
    // 中文 in GBK/GB18030: D6D0 CEC4.
    expect(decodeText(Uint8Array.of(0xd6, 0xd0, 0xce, 0xc4, 0x2c, 0x31))).toBe('中文,1');
    expect(decodeText(Uint8Array.of(0x00, 0x01, 0x02, 0x41))).toBeNull();
    expect(decodeText(Uint8Array.of(0xff, 0xfe, 0x41, 0x00))).toBeNull();
  });
});
