import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ImportReport } from '#common/schemas/guides.ts';
import type { ServiceGuide } from '#common/service-items.ts';
import { storeFile } from '#server/content/index.ts';
import type { Actor } from '#server/platform/actor.ts';
import { asActor, buildOrg, buildSite, buildUser } from '#test/factories.ts';
import { createTestDeps, type TestDeps } from '#test/support.ts';
import { zipOf } from '#test/zip.ts';
import { exportServiceItems, IMPORT_MAX_ROWS, importServiceItems, serviceItemTemplate } from './commands/import-export.ts';
import { createServiceItem, getServiceItem, publishServiceItems, withdrawServiceItem } from './commands/items.ts';

let deps: TestDeps;
let siteId: string;
let siteName: string;
let orgId: string;
let orgName: string;
let otherOrgId: string;
let otherOrgName: string;
let officer: Actor;
let reviewer: Actor;
let editor: Actor;

const HEADER = [
  '事项名称*',
  '事项编码*',
  '所属部门',
  '事项类型',
  '服务对象*',
  '主题分类',
  '设定依据*',
  '申请条件*',
  '办理材料*',
  '办理机构*',
];
const TAIL = ['办理地点*', '办理时间*', '收费标准*', '办理流程*', '联系电话*', '在线办理地址', '网办深度', '常见问题'];

/** A row that states every required element. */
function complete(code: string, over: Record<string, ExcelJS.CellValue> = {}): ExcelJS.CellValue[] {
  const v: Record<string, ExcelJS.CellValue> = {
    事项名称: `城乡居民养老保险参保登记${code}`,
    事项编码: code,
    所属部门: '',
    事项类型: '公共服务',
    服务对象: '个人',
    主题分类: '社会保障',
    设定依据: '《中华人民共和国社会保险法》第二十条',
    申请条件: '年满16周岁的城乡居民',
    办理材料: '居民身份证|原件1份|是|核验后退还\n户口簿|复印件1份|否',
    办理机构: '市社会保险事业管理局',
    办理地点: '市政务服务中心二楼',
    办理时间: '工作日 9:00—17:00',
    收费标准: '不收费',
    办理流程: '1. 受理：窗口接收材料\n2. 办结：当场办结',
    联系电话: '0816-1234567',
    在线办理地址: '',
    网办深度: '',
    常见问题: '问：可以委托他人办理吗？\n答：可以。',
    ...over,
  };
  return [...HEADER, ...TAIL].map((h) => v[h.replace('*', '')] ?? '');
}

async function xlsx(rows: ExcelJS.CellValue[][], header: string[] = [...HEADER, ...TAIL]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('办事事项');
  sheet.addRow(header);
  rows.forEach((r, i) => {
    // Row i+2 in the spreadsheet; an empty array leaves a blank row.
    r.forEach((v, c) => {
      if (v !== '' && v !== null) sheet.getCell(i + 2, c + 1).value = v;
    });
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

const csvField = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const csv = (rows: string[][]) => rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';

/** GB18030 bytes (what Chinese Excel writes), by inverting the platform's GB18030 decoder over the two-byte range. */
function gb18030(text: string): Buffer {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, [number, number]>();
  for (let a = 0x81; a <= 0xfe; a++)
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.of(a, b));
      if (ch.length === 1 && ch !== '\uFFFD' && !table.has(ch)) table.set(ch, [a, b]);
    }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const pair = table.get(ch);
      if (!pair) throw new Error(`no two-byte GB18030 code for ${ch}`);
      out.push(...pair);
    }
  }
  return Buffer.from(out);
}

const importAs = (actor: Actor, bytes: Buffer, filename = 'items.xlsx', defaultOrg: string | null = orgId) =>
  importServiceItems(deps, actor, siteId, { filename, bytes, orgId: defaultOrg });

const itemsOfSite = () => deps.db.kysely.selectFrom('service_items').selectAll().where('site_id', '=', siteId).orderBy('code').execute();
const auditOf = (action: string) =>
  deps.db.kysely.selectFrom('audit_events').selectAll().where('action', '=', action).where('site_id', '=', siteId).orderBy('seq').execute();

async function readBook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book;
}

beforeAll(async () => {
  deps = await createTestDeps();
});
afterAll(async () => {
  await deps.db.close();
});

beforeEach(async () => {
  const site = await buildSite(deps);
  siteId = site.id;
  siteName = site.name;
  const org = await buildOrg(deps, { level: 'department' });
  const other = await buildOrg(deps, { level: 'department' });
  [orgId, orgName, otherOrgId, otherOrgName] = [org.id, org.name, other.id, other.name];
  const on = (role: 'serviceOfficer' | 'sectionReviewer' | 'editor') => ({ grants: [{ role, siteId }] });
  officer = asActor(await buildUser(deps, on('serviceOfficer')));
  reviewer = asActor(await buildUser(deps, on('sectionReviewer')));
  editor = asActor(await buildUser(deps, on('editor')));
});

describe('importing service items from XLSX', () => {
  it('writes the good rows, reports the bad ones by row and column, and lists the incomplete ones', async () => {
    const bytes = await xlsx([
      // line 2: complete, with a code typed as a number, a rich-text name and a linked address
      complete('', {
        事项名称: { richText: [{ text: '城乡居民养老保险', font: { bold: true } }, { text: '参保登记' }] },
        事项编码: 5104001001,
        所属部门: otherOrgName,
        在线办理地址: { text: 'https://zwfw.example.gov.cn/item/1', hyperlink: 'https://zwfw.example.gov.cn/item/1' },
        网办深度: '全程网办',
      }),
      // line 3: bad address and an unknown topic
      complete('B-3', { 主题分类: '养老金', 在线办理地址: 'zwfw.example.gov.cn' }),
      // line 4: blank (skipped, not counted)
      [],
      // line 5: lands but lacks required elements; a formula's result, a date (办理地点) and a time (办理时间) are read as shown
      [
        '只有名称的事项',
        { formula: '"INC"&"-5"', result: 'INC-5' },
        '',
        '',
        '法人办事',
        '',
        '',
        '',
        '',
        '',
        new Date(Date.UTC(2026, 2, 1)),
        new Date(Date.UTC(1899, 11, 30, 9, 30)),
      ],
      // line 6: no name, a telephone without a number, an unknown department
      complete('B-6', { 事项名称: '', 联系电话: '请咨询窗口', 所属部门: '不存在的局' }),
    ]);
    const report = await importAs(officer, bytes);
    expect(report).toEqual<ImportReport>({
      rows: 4,
      created: 2,
      updated: 0,
      unchanged: 0,
      incomplete: [
        {
          line: 5,
          code: 'INC-5',
          name: '只有名称的事项',
          missing: ['legalBasis', 'conditions', 'materials', 'handlingOrg', 'fees', 'process', 'phone'],
        },
      ],
      failed: [
        { line: 3, field: '主题分类', message: '主题分类“养老金”不在可选范围内，可选值见“填写说明”' },
        { line: 3, field: '在线办理地址', message: '在线办理地址应以 http:// 或 https:// 开头' },
        { line: 6, field: '事项名称', message: '事项名称不能为空' },
        { line: 6, field: '联系电话', message: '联系电话应包含电话号码' },
      ],
    });

    const items = await itemsOfSite();
    expect(items.map((i) => [i.code, i.name, i.state, i.version, i.org_id])).toEqual([
      ['5104001001', '城乡居民养老保险参保登记', 'draft', 1, otherOrgId],
      ['INC-5', '只有名称的事项', 'draft', 1, orgId],
    ]);
    const guide = JSON.parse(items[0]!.guide) as ServiceGuide;
    expect(guide).toMatchObject({
      audiences: ['person'],
      topics: ['t05'],
      onlineUrl: 'https://zwfw.example.gov.cn/item/1',
      onlineLevel: 'full',
      process: [
        { title: '受理', description: '窗口接收材料' },
        { title: '办结', description: '当场办结' },
      ],
      faq: [{ question: '可以委托他人办理吗？', answer: '可以。' }],
    });
    expect(guide.materials.map((m) => [m.name, m.form, m.required, m.note])).toEqual([
      ['居民身份证', '原件1份', true, '核验后退还'],
      ['户口簿', '复印件1份', false, null],
    ]);
    expect(JSON.parse(items[1]!.guide)).toMatchObject({ place: '2026-03-01', officeHours: '09:30' });

    expect((await auditOf('guides.item.create')).map((e) => e.target_id).sort()).toEqual(items.map((i) => i.id).sort());
    const [imported] = await auditOf('guides.import');
    expect(JSON.parse(imported!.details)).toEqual({
      file: 'items.xlsx',
      rows: 4,
      created: 2,
      updated: 0,
      unchanged: 0,
      incomplete: 1,
      failedRows: 2,
    });
  });

  it('changes nothing when the same file comes again', async () => {
    const bytes = await xlsx([complete('A-1'), complete('A-2')]);
    expect(await importAs(officer, bytes)).toMatchObject({ rows: 2, created: 2, updated: 0, unchanged: 0, failed: [] });
    const before = await itemsOfSite();
    expect(await importAs(officer, bytes)).toMatchObject({ rows: 2, created: 0, updated: 0, unchanged: 2, failed: [], incomplete: [] });
    const after = await itemsOfSite();
    expect(after).toEqual(before);
    expect(await auditOf('guides.item.update')).toHaveLength(0);
    expect(await auditOf('guides.import')).toHaveLength(2);
  });

  it('refuses the second and later rows of a code, naming the row that had it first', async () => {
    const report = await importAs(officer, await xlsx([complete('D-1'), complete('D-2'), complete('D-1'), complete('D-1')]));
    expect(report.created).toBe(2);
    expect(report.failed).toEqual([
      { line: 4, field: '事项编码', message: '事项编码 D-1 与第 2 行重复' },
      { line: 5, field: '事项编码', message: '事项编码 D-1 与第 2 行重复' },
    ]);
    expect((await itemsOfSite()).map((i) => i.code)).toEqual(['D-1', 'D-2']);
  });

  it('needs a department for a new item: the column, or the one chosen for the import', async () => {
    const report = await importAs(officer, await xlsx([complete('O-1'), complete('O-2', { 所属部门: orgName })]), 'x.xlsx', null);
    expect(report.failed).toEqual([{ line: 2, field: '所属部门', message: '请填写所属部门，或在导入时选择部门' }]);
    expect((await itemsOfSite()).map((i) => [i.code, i.org_id])).toEqual([['O-2', orgId]]);
    // An item that exists keeps its department when the cell is blank and none is chosen.
    expect(await importAs(officer, await xlsx([complete('O-2')]), 'x.xlsx', null)).toMatchObject({ unchanged: 1, failed: [] });
    await expect(importAs(officer, await xlsx([complete('O-3')]), 'x.xlsx', 'no-such-org')).rejects.toMatchObject({
      code: 'GK_ERR_VALIDATION',
      fields: [{ field: 'orgId', message: '所属部门不存在' }],
    });
  });

  it('finds the header below a title row and in any order, and refuses a file without the key columns', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('清单');
    sheet.addRow(['某某局办事事项清单']);
    sheet.addRow(['服务对象', '事项编码', '状态', '事项名称']);
    sheet.addRow(['个人', 'T-1', '已发布', '标题下的事项']);
    const report = await importAs(officer, Buffer.from(await book.xlsx.writeBuffer()));
    expect(report).toMatchObject({ rows: 1, created: 1, failed: [] });
    expect(report.incomplete[0]).toMatchObject({ line: 3, code: 'T-1' });

    const noCode = await xlsx([['事项', '个人']], ['事项名称', '服务对象']);
    await expect(importAs(officer, noCode)).rejects.toMatchObject({
      code: 'GK_ERR_VALIDATION',
      message: expect.stringContaining('缺少必需的列：事项编码'),
    });
  });
});

describe('importing service items from CSV', () => {
  const rows = (code: string) => [
    ['事项名称', '事项编码', '服务对象', '办理材料', '申请条件', '常见问题'],
    [
      '高龄津贴申领',
      code,
      '个人、法人',
      '身份证|原件|是|核验后退还\n户口簿',
      '年满80周岁，本市户籍',
      '问：什么时候发放？\n答：每月10日前，"按月"发放。',
    ],
  ];

  it('reads UTF-8 with a BOM, quoted commas, line breaks and quotes', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv(rows('C-1')), 'utf8')]);
    expect(await importAs(officer, bytes, 'items.csv')).toMatchObject({ rows: 1, created: 1, failed: [] });
    const guide = JSON.parse((await itemsOfSite())[0]!.guide) as ServiceGuide;
    expect(guide).toMatchObject({
      name: '高龄津贴申领',
      audiences: ['person', 'legal'],
      conditions: '年满80周岁，本市户籍',
      faq: [{ question: '什么时候发放？', answer: '每月10日前，"按月"发放。' }],
    });
    expect(guide.materials.map((m) => m.name)).toEqual(['身份证', '户口簿']);
  });

  it('reads GB18030 as Chinese Excel saves it, whatever the file is called', async () => {
    const bytes = gb18030(csv(rows('C-2')));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(await importAs(officer, bytes, 'export.txt')).toMatchObject({ rows: 1, created: 1, failed: [] });
    const [item] = await itemsOfSite();
    expect(item).toMatchObject({ code: 'C-2', name: '高龄津贴申领' });
    expect((JSON.parse(item!.guide) as ServiceGuide).faq[0]!.answer).toBe('每月10日前，"按月"发放。');
  });

  it(`refuses a file of more than ${IMPORT_MAX_ROWS} rows before writing anything`, async () => {
    const many = [
      ['事项名称', '事项编码', '服务对象'],
      ...Array.from({ length: IMPORT_MAX_ROWS + 1 }, (_, i) => [`事项${i}`, `M-${i}`, '个人']),
    ];
    await expect(importAs(officer, Buffer.from(csv(many)), 'many.csv')).rejects.toMatchObject({
      code: 'GK_ERR_VALIDATION',
      message: `一个文件最多导入 ${IMPORT_MAX_ROWS} 行事项，这个文件有 ${IMPORT_MAX_ROWS + 1} 行，请分成几个文件导入`,
    });
    expect(await itemsOfSite()).toEqual([]);
    expect(await auditOf('guides.import')).toEqual([]);
    // Exactly the limit is fine; blank rows do not count.
    const limit = [...many.slice(0, IMPORT_MAX_ROWS + 1), ['', '', ''], ['', '', '']];
    expect(await importAs(officer, Buffer.from(csv(limit)), 'limit.csv')).toMatchObject({
      rows: IMPORT_MAX_ROWS,
      created: IMPORT_MAX_ROWS,
    });
  });

  it('refuses what is neither XLSX nor CSV', async () => {
    const garbage = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 7919) % 256));
    const refusal = {
      code: 'GK_ERR_VALIDATION',
      message: '只能导入 XLSX 或 CSV 文件',
      fields: [{ field: 'file', message: '只能导入 XLSX 或 CSV 文件' }],
    };
    await expect(importAs(officer, garbage, 'items.xlsx')).rejects.toMatchObject(refusal);
    await expect(importAs(officer, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'old.xls')).rejects.toMatchObject({
      message: expect.stringContaining('旧版 .xls'),
    });
    await expect(importAs(officer, Buffer.from('PK\x03\x04 not really a zip'), 'x.xlsx')).rejects.toMatchObject({
      message: expect.stringContaining('无法读取该 XLSX 文件'),
    });
    // A crafted XLSX whose sheet inflates to 80 MB is refused before it is opened.
    const bomb = zipOf([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(80 * 1024 * 1024, 0x20) }]);
    await expect(importAs(officer, bomb, 'bomb.xlsx')).rejects.toMatchObject({ message: expect.stringContaining('解压后超过') });
    expect(await itemsOfSite()).toEqual([]);
  });
});

describe('who may import and export', () => {
  it('lets only a service officer of the site import', async () => {
    const bytes = await xlsx([complete('P-1')]);
    await expect(importAs(editor, bytes)).rejects.toMatchObject({ code: 'GK_ERR_FORBIDDEN' });
    await expect(importAs(reviewer, bytes)).rejects.toMatchObject({ code: 'GK_ERR_FORBIDDEN' });
    // The permission is checked before the file is read: garbage is refused as forbidden, not as a bad file.
    await expect(importAs(editor, Buffer.from([0, 1, 2]))).rejects.toMatchObject({ code: 'GK_ERR_FORBIDDEN' });
    expect(await itemsOfSite()).toEqual([]);
  });

  it('lets those who work with the site’s guides export, and nobody else', async () => {
    await expect(exportServiceItems(deps, editor, siteId)).rejects.toMatchObject({ code: 'GK_ERR_FORBIDDEN' });
    await expect(exportServiceItems(deps, reviewer, siteId)).resolves.toMatchObject({ name: `${siteName}办事事项.xlsx` });
  });
});

describe('updating items by import', () => {
  it('keeps uploaded forms of materials that keep their name', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const form = await storeFile(deps, officer, { siteId, filename: '申请表.pdf', bytes: pdf }, 'guides.edit');
    const item = await createServiceItem(deps, officer, siteId, {
      orgId,
      name: '老年人优待证办理',
      code: 'U-1',
      audiences: ['person'],
      materials: [
        { name: '申请表', form: '原件', required: true, note: null, formFileId: form.fileId, sampleFileId: form.fileId },
        { name: '照片', form: null, required: true, note: null },
      ],
    });
    const report = await importAs(
      officer,
      await xlsx([['老年人优待证办理', 'U-1', '', '', '个人', '', '', '年满60周岁', '申请表|原件|是|本人签字\n身份证']]),
    );
    expect(report).toMatchObject({ created: 0, updated: 1, unchanged: 0, failed: [] });
    const view = await getServiceItem(deps, officer, item.id);
    expect(view.version).toBe(2);
    expect(view.guide.conditions).toBe('年满60周岁');
    expect(view.guide.materials.map((m) => [m.name, m.note, m.formFileId, m.sampleFileId])).toEqual([
      ['申请表', '本人签字', form.fileId, form.fileId],
      ['身份证', null, null, null],
    ]);
    const [update] = await auditOf('guides.item.update');
    expect(update).toMatchObject({ target_id: item.id });
    expect(JSON.parse(update!.details)).toMatchObject({ code: 'U-1', version: 2 });
  });

  it('leaves the published guide of a published item in place, and returns a withdrawn item to draft', async () => {
    await importAs(officer, await xlsx([complete('W-1'), complete('W-2')]));
    const [one, two] = await itemsOfSite();
    expect((await publishServiceItems(deps, reviewer, siteId, { ids: [one!.id, two!.id] })).published).toHaveLength(2);
    await withdrawServiceItem(deps, reviewer, two!.id, { version: two!.version });

    const report = await importAs(
      officer,
      await xlsx([complete('W-1', { 收费标准: '每件10元' }), complete('W-2', { 收费标准: '每件10元' })]),
    );
    expect(report).toMatchObject({ updated: 2, unchanged: 0, failed: [] });
    const [after1, after2] = await itemsOfSite();
    expect(after1).toMatchObject({ state: 'published', version: 2, published_version: 1, published_guide: one!.guide });
    expect((JSON.parse(after1!.guide) as ServiceGuide).fees).toBe('每件10元');
    expect(after2).toMatchObject({ state: 'draft', version: 2, published_guide: null });
  });
});

describe('the template and the export', () => {
  it('offers a template with the header row, the instructions and dropdowns', async () => {
    const book = await readBook(await serviceItemTemplate());
    expect(book.worksheets.map((s) => s.name)).toEqual(['办事事项', '填写说明']);
    const [items, help] = book.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet];
    const header = (items.getRow(1).values as ExcelJS.CellValue[]).slice(1);
    expect(header.slice(0, 5)).toEqual(['事项名称*', '事项编码*', '所属部门', '事项类型', '服务对象*']);
    expect(header).toContain('办理材料*');
    expect(header).toContain('常见问题');
    expect(header).not.toContain('状态');
    expect(items.actualRowCount).toBe(1);
    expect(items.getRow(1).font?.bold).toBe(true);
    expect(items.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(items.getCell('D2').dataValidation).toMatchObject({ type: 'list', formulae: [expect.stringContaining('行政许可')] });
    const helpText: string[] = [];
    help.eachRow((row) => row.eachCell((cell) => helpText.push(String(cell.value))));
    for (const text of [
      '行政许可',
      '公共服务',
      '法人办事',
      '社会保障',
      '退休养老',
      '开办企业',
      '全程网办',
      '名称|形式|是否必需|说明',
      '问：',
    ])
      expect(helpText.join('\n')).toContain(text);
    // The untouched template imports as nothing.
    expect(await importAs(officer, await serviceItemTemplate())).toMatchObject({ rows: 0, created: 0, failed: [] });
  });

  it('exports every item in the template columns with its state, guarded against formulas, and imports back unchanged', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const form = await storeFile(deps, officer, { siteId, filename: '申请表.pdf', bytes: pdf }, 'guides.edit');
    await importAs(
      officer,
      await xlsx([complete('E-1', { 申请条件: '=1+1 的情形', 网办深度: '在线预约' }), complete('E-2', { 所属部门: otherOrgName })]),
    );
    await createServiceItem(deps, officer, siteId, {
      orgId,
      name: '@开头的事项',
      code: 'E-3',
      audiences: ['legal'],
      topics: ['t16'],
      lifeEvents: ['l01'],
      materials: [{ name: '申请表', form: null, required: false, note: '-', formFileId: form.fileId, sampleFileId: null }],
      process: [{ title: '受理', description: '审核|决定' }],
      faq: [{ question: '多久？', answer: '当场。\n不收费。' }],
    });
    const [e1] = await itemsOfSite();
    await publishServiceItems(deps, reviewer, siteId, { ids: [e1!.id] });

    const file = await exportServiceItems(deps, officer, siteId);
    expect(file.name).toBe(`${siteName}办事事项.xlsx`);
    const [sheet] = (await readBook(file.bytes)).worksheets as [ExcelJS.Worksheet];
    const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1);
    expect(header[0]).toBe('事项名称*');
    expect(header.at(-1)).toBe('状态');
    const col = (h: string) => header.indexOf(h) + 1;
    const rowOf = (code: string) => {
      let found: ExcelJS.Row | undefined;
      sheet.eachRow((r) => {
        if (r.getCell(col('事项编码*')).value === code) found = r;
      });
      return found!;
    };
    expect(rowOf('E-1').getCell(col('申请条件*')).value).toBe("'=1+1 的情形");
    expect(rowOf('E-1').getCell(col('状态')).value).toBe('已发布');
    expect(rowOf('E-1').getCell(col('网办深度')).value).toBe('在线预约');
    expect(rowOf('E-2').getCell(col('所属部门')).value).toBe(otherOrgName);
    expect(rowOf('E-3').getCell(col('事项名称*')).value).toBe("'@开头的事项");
    expect(rowOf('E-3').getCell(col('办理材料*')).value).toBe('申请表||否|-');
    expect(rowOf('E-3').getCell(col('状态')).value).toBe('未发布');

    const before = await itemsOfSite();
    expect(await importAs(officer, file.bytes, file.name, null)).toEqual<ImportReport>({
      rows: 3,
      created: 0,
      updated: 0,
      unchanged: 3,
      incomplete: [
        {
          line: rowOf('E-3').number,
          code: 'E-3',
          name: '@开头的事项',
          missing: ['legalBasis', 'conditions', 'handlingOrg', 'place', 'officeHours', 'fees', 'phone'],
        },
      ],
      failed: [],
    });
    expect(await itemsOfSite()).toEqual(before);
  });
});
