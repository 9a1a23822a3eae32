/**
 * The spreadsheet form of a service item (pure): the columns of the import template and the
 * export, how one row of text cells becomes a guide (or the problems of each cell), how a guide
 * becomes a row again, and the text side of CSV files (decoding, quoting). Reading XLSX and
 * writing to the database are the command's business.
 */
import {
  AUDIENCES,
  LIFE_EVENTS,
  ONLINE_LEVEL_LABELS,
  ONLINE_LEVELS,
  SERVICE_CATEGORIES,
  SERVICE_TOPICS,
  type Audience,
  type OnlineLevel,
  type ServiceElement,
  type ServiceFaq,
  type ServiceGuide,
  type ServiceMaterial,
  type ServiceStep,
} from '../../../common/service-items.ts';
import { ServiceGuideSchema } from '../../../common/schemas/guides.ts';
import { BINARY } from '../../../common/schemas/text.ts';

export type ColumnKey =
  | 'name'
  | 'code'
  | 'org'
  | 'category'
  | 'audiences'
  | 'topics'
  | 'lifeEvents'
  | 'legalBasis'
  | 'conditions'
  | 'materials'
  | 'handlingOrg'
  | 'place'
  | 'officeHours'
  | 'legalTimeLimit'
  | 'promisedTimeLimit'
  | 'fees'
  | 'feeBasis'
  | 'process'
  | 'phone'
  | 'complaintPhone'
  | 'onlineUrl'
  | 'onlineLevel'
  | 'faq';

export interface SheetColumn {
  key: ColumnKey;
  /** The header text (without the `*` of a required column). */
  header: string;
  /** Other header texts people write for the same column. */
  aliases?: readonly string[];
  /** A row without it does not land (identity, or refused by the guide's validation). */
  rowRequired?: boolean;
  /** The guide element the column fills (required ones are marked in the template). */
  element?: ServiceElement;
  width: number;
  /** Multi-line content (wrapped in the sheet). */
  multiline?: boolean;
  /** Cells Excel must keep as text (codes, telephone numbers with a leading zero). */
  text?: boolean;
  help: string;
  example: string;
}

/** Separators of a list cell (服务对象, 主题分类, 人生事件). */
const LIST_SEPARATORS = /[、，,;；\s]+/;

export const SHEET_COLUMNS: readonly SheetColumn[] = [
  {
    key: 'name',
    header: '事项名称',
    rowRequired: true,
    element: 'name',
    width: 30,
    help: '事项的规范名称。',
    example: '城乡居民养老保险参保登记',
  },
  {
    key: 'code',
    header: '事项编码',
    rowRequired: true,
    element: 'code',
    width: 24,
    text: true,
    help: '本网站内唯一，只能包含字母、数字和 - _ .，不超过 64 位。本网站已有的编码更新该事项，新的编码新建事项。',
    example: '11510400MB0000000X-001',
  },
  {
    key: 'org',
    header: '所属部门',
    aliases: ['部门', '实施部门', '实施主体'],
    width: 20,
    help: '部门全称，与系统中的部门名称一致。留空时使用导入时选择的部门；更新已有事项且未选择部门时保留原部门。',
    example: '市人力资源和社会保障局',
  },
  { key: 'category', header: '事项类型', element: 'category', width: 14, help: '从可选值中选择一项。', example: '公共服务' },
  {
    key: 'audiences',
    header: '服务对象',
    rowRequired: true,
    width: 14,
    help: '个人、法人，可同时填写，用顿号、逗号、分号或空格分隔；也可写个人办事、法人办事、自然人、企业。',
    example: '个人',
  },
  { key: 'topics', header: '主题分类', width: 18, help: '从可选值中选择，可填写多项，分隔方式同服务对象。', example: '社会保障' },
  { key: 'lifeEvents', header: '人生事件', width: 18, help: '从可选值中选择，可填写多项，分隔方式同服务对象。', example: '退休养老' },
  {
    key: 'legalBasis',
    header: '设定依据',
    element: 'legalBasis',
    width: 40,
    multiline: true,
    help: '法律、法规、规章的名称和条款。',
    example: '《中华人民共和国社会保险法》第二十条',
  },
  {
    key: 'conditions',
    header: '申请条件',
    element: 'conditions',
    width: 40,
    multiline: true,
    help: '申请人应当具备的条件。',
    example: '年满16周岁、不属于职工基本养老保险覆盖范围的城乡居民',
  },
  {
    key: 'materials',
    header: '办理材料',
    element: 'materials',
    width: 40,
    multiline: true,
    help: '每行一项材料：名称|形式|是否必需|说明，后三项可省略；是否必需填“是”或“否”，不填为“是”。空白表格和示范文本请在系统中上传。',
    example: '居民身份证|原件1份|是|核验后退还\n户口簿|复印件1份|否',
  },
  {
    key: 'handlingOrg',
    header: '办理机构',
    element: 'handlingOrg',
    width: 24,
    help: '受理和办理的机构。',
    example: '市社会保险事业管理局',
  },
  {
    key: 'place',
    header: '办理地点',
    element: 'place',
    width: 30,
    multiline: true,
    help: '窗口的详细地址。',
    example: '市政务服务中心二楼 12 号窗口',
  },
  {
    key: 'officeHours',
    header: '办理时间',
    element: 'officeHours',
    width: 30,
    multiline: true,
    help: '窗口办公时间。',
    example: '工作日 9:00—12:00，13:30—17:00',
  },
  { key: 'legalTimeLimit', header: '法定时限', element: 'timeLimit', width: 16, help: '法律法规规定的办理时限。', example: '20个工作日' },
  { key: 'promisedTimeLimit', header: '承诺时限', element: 'timeLimit', width: 16, help: '本单位承诺的办理时限。', example: '即办' },
  {
    key: 'fees',
    header: '收费标准',
    element: 'fees',
    width: 24,
    multiline: true,
    help: '收费项目和标准；不收费请填写“不收费”。',
    example: '不收费',
  },
  { key: 'feeBasis', header: '收费依据', width: 24, multiline: true, help: '收费的文件依据。', example: '' },
  {
    key: 'process',
    header: '办理流程',
    element: 'process',
    width: 40,
    multiline: true,
    help: '每行一个环节：环节：说明（或 环节|说明），说明可省略；行首的编号（如 1.、1、、（1）、第一步）会被去掉。',
    example: '1. 受理：窗口接收申请材料\n2. 审核：5个工作日内完成审核\n3. 办结：送达决定',
  },
  {
    key: 'phone',
    header: '联系电话',
    element: 'phone',
    aliases: ['咨询电话'],
    width: 18,
    text: true,
    help: '咨询电话，须包含电话号码。',
    example: '0816-1234567',
  },
  {
    key: 'complaintPhone',
    header: '监督投诉电话',
    aliases: ['投诉电话', '监督电话'],
    width: 18,
    text: true,
    help: '监督投诉电话，须包含电话号码。',
    example: '12345',
  },
  {
    key: 'onlineUrl',
    header: '在线办理地址',
    element: 'onlineUrl',
    aliases: ['在线办理', '网办地址'],
    width: 30,
    help: '以 http:// 或 https:// 开头的网址。',
    example: 'https://zwfw.example.gov.cn/item/001',
  },
  { key: 'onlineLevel', header: '网办深度', width: 18, help: '从可选值中选择一项，不填为“仅窗口办理”。', example: '全程网办' },
  {
    key: 'faq',
    header: '常见问题',
    element: 'faq',
    width: 40,
    multiline: true,
    help: '每个问题以“问：”开头、答案以“答：”开头，成对填写；不以“问：”“答：”开头的行接在上一行后面。',
    example: '问：可以委托他人办理吗？\n答：可以，需提供委托书。',
  },
];

/** The export's extra column (ignored on import). */
export const STATE_HEADER = '状态';

const COLUMN_OF = new Map<ColumnKey, SheetColumn>(SHEET_COLUMNS.map((c) => [c.key, c]));

/** The Chinese header of a column (the `field` of its problems). */
export function columnHeader(key: ColumnKey): string {
  return COLUMN_OF.get(key)!.header;
}

/** Whether the column must be filled: for the row to land, or (a required element) to be published. */
export function columnRequired(c: SheetColumn, requiredElements: readonly ServiceElement[]): boolean {
  return !!c.rowRequired || (!!c.element && requiredElements.includes(c.element));
}

/** The header row of the template and the export: required columns end in `*`. */
export function headerTexts(requiredElements: readonly ServiceElement[]): string[] {
  return SHEET_COLUMNS.map((c) => (columnRequired(c, requiredElements) ? `${c.header}*` : c.header));
}

const normalHeader = (h: string) => h.replace(/[\s*＊\u3000]+/g, '');
const HEADER_KEYS = new Map<string, ColumnKey>(
  SHEET_COLUMNS.flatMap((c) => [c.header, ...(c.aliases ?? [])].map((h) => [h, c.key] as const)),
);

/** The columns a header row names (by text, in any order; the first of two same headers wins) and the essential ones it lacks. */
export function matchHeaders(cells: readonly string[]): { columns: Map<ColumnKey, number>; missing: string[] } {
  const columns = new Map<ColumnKey, number>();
  cells.forEach((cell, index) => {
    const key = HEADER_KEYS.get(normalHeader(cell));
    if (key && !columns.has(key)) columns.set(key, index);
  });
  const missing = SHEET_COLUMNS.filter((c) => (c.key === 'name' || c.key === 'code') && !columns.has(c.key)).map((c) => c.header);
  return { columns, missing };
}

export interface CellProblem {
  field: string;
  message: string;
}

/** One row read: the guide when every cell is right, the department's name as written, the problems otherwise. */
export interface ParsedRow {
  guide: ServiceGuide | null;
  /** 所属部门 as written; null when blank. */
  org: string | null;
  code: string;
  name: string;
  problems: CellProblem[];
}

/** A leading apostrophe the export put before = + - @ (formula-injection guard) is not part of the value. */
function cellValue(raw: string | undefined): string {
  const v = (raw ?? '').replace(/\r\n?/g, '\n').trim();
  return /^'[=+\-@\t\r]/.test(v) ? v.slice(1).trim() : v;
}

const lines = (v: string) =>
  v
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);

const CN_NUMBER = '一二三四五六七八九十百零〇';
/** Numbering people put before list lines: 1. 1、 1) （1） ① 一、 第一步 步骤一… */
const NUMBERING = new RegExp(
  [
    `^第\\s*[${CN_NUMBER}\\d]+\\s*[步项条个]\\s*[：:、.．,，]?`,
    `^步骤\\s*[${CN_NUMBER}\\d]+\\s*[：:、.．,，]?`,
    `^[（(]\\s*[${CN_NUMBER}\\d]+\\s*[)）]`,
    `^\\d+\\s*[.．、](?!\\d)`,
    `^\\d+\\s*[)）]`,
    `^[①-⑳]`,
    `^[${CN_NUMBER}]+\\s*[、.．]`,
  ].join('|'),
);

/** A list line without its leading numbering. */
export function stripNumbering(line: string): string {
  return line.replace(NUMBERING, '').trim();
}

const YES = new Set(['是', '必需', '必须', '必要', '必填', '必交', '需要', 'y', 'yes', 'true', '1', '√']);
const NO = new Set([
  '否',
  '非必需',
  '不必需',
  '非必须',
  '不必须',
  '非必要',
  '选填',
  '可选',
  '选交',
  '不需要',
  'n',
  'no',
  'false',
  '0',
  '×',
]);

/** 办理材料: one material per line, `名称|形式|是否必需|说明`. */
export function parseMaterials(v: string): { materials: ServiceMaterial[]; problems: string[] } {
  const materials: ServiceMaterial[] = [];
  const problems: string[] = [];
  lines(v).forEach((line, i) => {
    const [name = '', form = '', required = '', ...rest] = stripNumbering(line)
      .split(/[|｜]/)
      .map((p) => p.trim());
    const flag = required.toLowerCase();
    if (flag && !YES.has(flag) && !NO.has(flag)) problems.push(`第 ${i + 1} 项材料的“是否必需”应填写“是”或“否”`);
    materials.push({
      name,
      form: form || null,
      required: !NO.has(flag),
      note: rest.join('|').trim() || null,
      formFileId: null,
      sampleFileId: null,
    });
  });
  return { materials, problems };
}

/** 办理流程: one step per line, `环节：说明` or `环节|说明` (the first separator splits). */
export function parseProcess(v: string): ServiceStep[] {
  return lines(v).map((line) => {
    const text = stripNumbering(line);
    const at = text.search(/[：:|｜]/);
    if (at < 0) return { title: text, description: null };
    return { title: text.slice(0, at).trim(), description: text.slice(at + 1).trim() || null };
  });
}

const QUESTION = /^(?:问题?|Q)\s*[：:]\s*/i;
const ANSWER = /^(?:答复?|解答|回答|A)\s*[：:]\s*/i;

/** 常见问题: `问：…` and `答：…` in pairs; other lines continue the line above. */
export function parseFaq(v: string): { faq: ServiceFaq[]; problems: string[] } {
  const faq: ServiceFaq[] = [];
  const problems: string[] = [];
  let current: { question: string[]; answer: string[] | null } | null = null;
  const close = () => {
    if (!current) return;
    if (current.answer === null) problems.push(`第 ${faq.length + 1} 个问题缺少“答：”`);
    faq.push({ question: current.question.join('\n'), answer: (current.answer ?? []).join('\n') });
    current = null;
  };
  for (const raw of lines(v)) {
    const line = raw.replace(/^\d+\s*[.．、](?!\d)\s*/, '');
    if (QUESTION.test(line)) {
      close();
      current = { question: [line.replace(QUESTION, '')], answer: null };
    } else if (ANSWER.test(line)) {
      if (!current) problems.push('常见问题的“答：”前面应有“问：”');
      else if (current.answer !== null) problems.push(`第 ${faq.length + 1} 个问题有多个“答：”`);
      else current.answer = [line.replace(ANSWER, '')];
    } else if (!current) {
      problems.push('常见问题应按“问：…”“答：…”成对填写，每个问题以“问：”开头');
    } else (current.answer ?? current.question).push(raw);
  }
  close();
  return { faq, problems };
}

const AUDIENCE_WORDS = new Map<string, Audience>([
  ['个人', 'person'],
  ['个人办事', 'person'],
  ['自然人', 'person'],
  ['公民', 'person'],
  ['法人', 'legal'],
  ['法人办事', 'legal'],
  ['企业', 'legal'],
  ['法人和其他组织', 'legal'],
  ['其他组织', 'legal'],
]);

const split = (v: string) => v.split(LIST_SEPARATORS).filter((t) => t.length > 0);

function pickAll(
  v: string,
  lookup: (token: string) => string | undefined,
  unknown: (token: string) => string,
): { codes: string[]; problems: string[] } {
  const codes: string[] = [];
  const problems: string[] = [];
  for (const token of split(v)) {
    const code = lookup(token);
    if (code) codes.push(code);
    else problems.push(unknown(token));
  }
  return { codes, problems };
}

const byNameOrCode = (list: readonly { code: string; name: string }[]) => {
  const m = new Map<string, string>();
  for (const t of list) {
    m.set(t.name, t.code);
    m.set(t.code, t.code);
  }
  return (token: string) => m.get(token);
};
const topicCode = byNameOrCode(SERVICE_TOPICS);
const lifeEventCode = byNameOrCode(LIFE_EVENTS);
const onlineLevelOf = (token: string): OnlineLevel | undefined =>
  ONLINE_LEVELS.find((l) => ONLINE_LEVEL_LABELS[l] === token || l === token.toLowerCase());

/** The guide's fields in the schema's key order, and which column each one comes from. */
const FIELD_COLUMN: Record<keyof ServiceGuide, ColumnKey> = {
  name: 'name',
  code: 'code',
  category: 'category',
  audiences: 'audiences',
  topics: 'topics',
  lifeEvents: 'lifeEvents',
  legalBasis: 'legalBasis',
  conditions: 'conditions',
  materials: 'materials',
  handlingOrg: 'handlingOrg',
  place: 'place',
  officeHours: 'officeHours',
  legalTimeLimit: 'legalTimeLimit',
  promisedTimeLimit: 'promisedTimeLimit',
  fees: 'fees',
  feeBasis: 'feeBasis',
  process: 'process',
  phone: 'phone',
  complaintPhone: 'complaintPhone',
  onlineUrl: 'onlineUrl',
  onlineLevel: 'onlineLevel',
  faq: 'faq',
};

const ITEM_WORD: Partial<Record<keyof ServiceGuide, (n: number) => string>> = {
  materials: (n) => `第 ${n} 项材料：`,
  process: (n) => `第 ${n} 个环节：`,
  faq: (n) => `第 ${n} 个问题：`,
};

/** Reads one row (cells by column; absent columns are blank) into a guide, or lists every problem by column. */
export function parseServiceRow(cells: Partial<Record<ColumnKey, string>>): ParsedRow {
  const cell = (k: ColumnKey) => cellValue(cells[k]);
  const problems: CellProblem[] = [];
  const flag = (key: ColumnKey, messages: readonly string[]) => {
    for (const message of messages) problems.push({ field: columnHeader(key), message });
  };

  const categoryText = cell('category');
  const category = (SERVICE_CATEGORIES as readonly string[]).includes(categoryText) ? categoryText : null;
  if (categoryText && !category) flag('category', [`事项类型“${categoryText}”不在可选范围内（可选：${SERVICE_CATEGORIES.join('、')}）`]);

  const audiences = pickAll(
    cell('audiences'),
    (t) => AUDIENCE_WORDS.get(t) ?? (AUDIENCES as readonly string[]).find((a) => a === t),
    (t) => `服务对象“${t}”无法识别，应填写个人或法人`,
  );
  flag('audiences', audiences.problems);
  const topics = pickAll(cell('topics'), topicCode, (t) => `主题分类“${t}”不在可选范围内，可选值见“填写说明”`);
  flag('topics', topics.problems);
  const lifeEvents = pickAll(cell('lifeEvents'), lifeEventCode, (t) => `人生事件“${t}”不在可选范围内，可选值见“填写说明”`);
  flag('lifeEvents', lifeEvents.problems);

  const levelText = cell('onlineLevel');
  const onlineLevel = levelText ? onlineLevelOf(levelText) : 'none';
  if (!onlineLevel)
    flag('onlineLevel', [`网办深度“${levelText}”不在可选范围内（可选：${ONLINE_LEVELS.map((l) => ONLINE_LEVEL_LABELS[l]).join('、')}）`]);

  const materials = parseMaterials(cell('materials'));
  flag('materials', materials.problems);
  const faq = parseFaq(cell('faq'));
  flag('faq', faq.problems);

  const candidate: Record<keyof ServiceGuide, unknown> = {
    name: cell('name'),
    code: cell('code'),
    category,
    audiences: audiences.codes,
    topics: topics.codes,
    lifeEvents: lifeEvents.codes,
    legalBasis: cell('legalBasis'),
    conditions: cell('conditions'),
    materials: materials.materials,
    handlingOrg: cell('handlingOrg'),
    place: cell('place'),
    officeHours: cell('officeHours'),
    legalTimeLimit: cell('legalTimeLimit'),
    promisedTimeLimit: cell('promisedTimeLimit'),
    fees: cell('fees'),
    feeBasis: cell('feeBasis'),
    process: parseProcess(cell('process')),
    phone: cell('phone'),
    complaintPhone: cell('complaintPhone'),
    onlineUrl: cell('onlineUrl'),
    onlineLevel: onlineLevel ?? 'none',
    faq: faq.faq,
  };
  const result = ServiceGuideSchema.safeParse(candidate);
  if (!result.success) {
    // A column already reported (an unknown value) is not reported again as the schema sees it.
    const reported = new Set(problems.map((p) => p.field));
    for (const issue of result.error.issues) {
      const top = issue.path[0] as keyof ServiceGuide;
      const column = FIELD_COLUMN[top] ?? 'name';
      if (reported.has(columnHeader(column))) continue;
      const index = issue.path[1];
      const prefix = typeof index === 'number' ? (ITEM_WORD[top]?.(index + 1) ?? '') : '';
      problems.push({ field: columnHeader(column), message: `${prefix}${issue.message}` });
    }
  }
  const org = cell('org');
  return {
    guide: problems.length === 0 && result.success ? result.data : null,
    org: org || null,
    code: cell('code'),
    name: cell('name'),
    problems,
  };
}

/** Whether a row says nothing at all (skipped, not counted). */
export function blankRow(cells: readonly string[]): boolean {
  return cells.every((c) => c.trim() === '');
}

// One line per material or step: a line break inside a value would split it on the way back.
const oneLine = (v: string | null) => (v ?? '').replace(/\s*\n\s*/g, ' ');

function materialLine(m: ServiceMaterial): string {
  const parts = [oneLine(m.name), oneLine(m.form), m.required ? '是' : '否', oneLine(m.note)];
  // Trailing parts at their defaults are left out: `身份证` rather than `身份证||是|`.
  while (parts.length > 1 && (parts[parts.length - 1] === '' || (parts.length === 3 && parts[2] === '是'))) parts.pop();
  return parts.join('|');
}

function stepLine(s: ServiceStep): string {
  return s.description ? `${oneLine(s.title)}：${oneLine(s.description)}` : oneLine(s.title);
}

/** A guide as row cells (the reverse of parseServiceRow: importing them gives the same guide). */
export function guideCells(guide: ServiceGuide, orgName: string): Record<ColumnKey, string> {
  const topicName = new Map(SERVICE_TOPICS.map((t) => [t.code, t.name]));
  const eventName = new Map(LIFE_EVENTS.map((t) => [t.code, t.name]));
  return {
    name: guide.name,
    code: guide.code,
    org: orgName,
    category: guide.category ?? '',
    audiences: guide.audiences.map((a) => (a === 'person' ? '个人' : '法人')).join('、'),
    topics: guide.topics.map((t) => topicName.get(t) ?? t).join('、'),
    lifeEvents: guide.lifeEvents.map((t) => eventName.get(t) ?? t).join('、'),
    legalBasis: guide.legalBasis ?? '',
    conditions: guide.conditions ?? '',
    materials: guide.materials.map(materialLine).join('\n'),
    handlingOrg: guide.handlingOrg ?? '',
    place: guide.place ?? '',
    officeHours: guide.officeHours ?? '',
    legalTimeLimit: guide.legalTimeLimit ?? '',
    promisedTimeLimit: guide.promisedTimeLimit ?? '',
    fees: guide.fees ?? '',
    feeBasis: guide.feeBasis ?? '',
    process: guide.process.map(stepLine).join('\n'),
    phone: guide.phone ?? '',
    complaintPhone: guide.complaintPhone ?? '',
    onlineUrl: guide.onlineUrl ?? '',
    onlineLevel: guide.onlineLevel === 'none' ? '' : ONLINE_LEVEL_LABELS[guide.onlineLevel],
    faq: guide.faq.map((f) => `问：${f.question}\n答：${f.answer}`).join('\n'),
  };
}

/** A cell a spreadsheet program could take for a formula gets a leading apostrophe (stripped again on import). */
export function safeCell(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/** The text of a CSV file: UTF-8 (with or without BOM), else GB18030/GBK as Chinese Excel saves it; null when it is not text. */
export function decodeText(bytes: Uint8Array): string | null {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    try {
      text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    } catch {
      return null;
    }
  }
  text = text.replace(/^\uFEFF/, '');
  return BINARY.test(text) ? null : text;
}

/**
 * Records of a CSV text (RFC 4180: quoted fields may hold commas, line breaks and doubled quotes);
 * the delimiter is a comma, or a tab when the first line has tabs and no commas. Record n is the
 * row Excel shows as n. `unterminated` is the record where a quote was opened and never closed.
 */
export function parseCsv(text: string): { records: string[][]; unterminated: number | null } {
  const firstLine = text.slice(0, text.search(/[\r\n]|$/));
  const delimiter = !firstLine.includes(',') && firstLine.includes('\t') ? '\t' : ',';
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  let openedAt: number | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (c === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
      openedAt = records.length + 1;
    } else if (c === delimiter) {
      record.push(field);
      field = '';
      fieldStarted = false;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      fieldStarted = false;
    } else {
      field += c;
      fieldStarted = true;
    }
  }
  if (fieldStarted || record.length) {
    record.push(field);
    records.push(record);
  }
  return { records, unterminated: quoted ? openedAt : null };
}

/**
 * The imported guide with the files of the stored one: a spreadsheet cannot carry the blank forms
 * and samples uploaded in the admin, so a material keeps those of the stored material of the same
 * name (the first unused one, when a name appears twice).
 */
export function keepMaterialFiles(next: ServiceGuide, stored: ServiceGuide): ServiceGuide {
  const byName = new Map<string, ServiceMaterial[]>();
  for (const m of stored.materials) byName.set(m.name, [...(byName.get(m.name) ?? []), m]);
  return {
    ...next,
    materials: next.materials.map((m) => {
      const old = byName.get(m.name)?.shift();
      return old ? { ...m, formFileId: m.formFileId ?? old.formFileId, sampleFileId: m.sampleFileId ?? old.sampleFileId } : m;
    }),
  };
}
