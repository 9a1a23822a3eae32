/**
 * Columns of a legacy site and where they go: which column each article belongs to (its own
 * page's column name, else the list pages that list it), the suggested target column of each
 * legacy column (same name, a known synonym, else the most similar name by character bigrams,
 * with a confidence; nothing below the line) and the article type a target column takes. Pure.
 */
import { ARTICLE_TYPES, columnAccepts, type ArticleType } from '../../../common/content.ts';
import { columnKey } from './extract.ts';

export interface TargetColumn {
  id: string;
  name: string;
  freshnessClass: string;
  accepts: readonly string[] | null;
  status: string;
}

export interface MappingSuggestion {
  columnId: string | null;
  /** 0–100. */
  confidence: number;
  /** How it was found: exact, synonym, similar, none. */
  basis: 'exact' | 'synonym' | 'similar' | 'none';
}

/** Names that mean the same column on government sites, in groups. */
export const COLUMN_SYNONYMS: readonly (readonly string[])[] = [
  ['新闻动态', '工作动态', '要闻', '政务动态', '部门动态', '新闻中心', '图片新闻', '动态信息', '工作信息'],
  ['通知公告', '公告公示', '通知', '公告', '公示公告', '公示', '最新公告'],
  ['政策文件', '文件资料', '政策法规', '规范性文件', '政府文件', '文件通知', '法规文件'],
  ['人事信息', '人事任免', '人事招考', '招考录用', '干部任免', '招聘信息'],
  ['规划计划', '发展规划', '计划总结', '规划信息', '工作计划'],
  ['统计信息', '统计数据', '统计公报', '数据发布'],
  ['政策解读', '解读回应', '文件解读'],
  ['财政信息', '财政预决算', '预决算公开', '部门预决算'],
  ['机构职能', '机构概况', '领导信息', '领导之窗'],
];

const SIMILAR_LINE = 40;

function bigrams(s: string): Set<string> {
  const out = new Set<string>();
  const chars = [...s];
  if (chars.length === 1) out.add(chars[0]!);
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return out;
}

/** Dice coefficient of the two names' character bigrams, 0–100. */
export function nameSimilarity(a: string, b: string): number {
  const x = bigrams(columnKey(a));
  const y = bigrams(columnKey(b));
  if (x.size === 0 || y.size === 0) return 0;
  let common = 0;
  for (const g of x) if (y.has(g)) common++;
  return Math.round((200 * common) / (x.size + y.size));
}

const groupOf = (name: string) => COLUMN_SYNONYMS.findIndex((g) => g.some((s) => columnKey(s) === columnKey(name)));

/** The target column suggested for a legacy column name. */
export function suggestTarget(legacyName: string, targets: readonly TargetColumn[]): MappingSuggestion {
  const open = targets.filter((t) => t.status === 'active');
  const key = columnKey(legacyName);
  const exact = open.find((t) => columnKey(t.name) === key);
  if (exact) return { columnId: exact.id, confidence: 100, basis: 'exact' };
  const group = groupOf(legacyName);
  if (group >= 0) {
    const syn = open.find((t) => groupOf(t.name) === group);
    if (syn) return { columnId: syn.id, confidence: 85, basis: 'synonym' };
  }
  let best: TargetColumn | null = null;
  let score = 0;
  for (const t of open) {
    const s = nameSimilarity(legacyName, t.name);
    if (s > score) {
      score = s;
      best = t;
    }
  }
  if (best && score >= SIMILAR_LINE) return { columnId: best.id, confidence: Math.min(80, score), basis: 'similar' };
  return { columnId: null, confidence: 0, basis: 'none' };
}

/** The type imported articles take in a target column: its freshness class's own type when it accepts it, else the first it accepts. */
export function articleTypeFor(column: Pick<TargetColumn, 'freshnessClass' | 'accepts'>): ArticleType | null {
  const own: Partial<Record<string, ArticleType>> = {
    news: 'news',
    notice: 'notice',
    policy: 'policy',
    personnel: 'personnel',
    plan: 'plan',
  };
  const preferred = own[column.freshnessClass];
  if (preferred && columnAccepts(column, preferred)) return preferred;
  for (const t of ['other', ...ARTICLE_TYPES] as const) if (columnAccepts(column, t)) return t;
  return null;
}

export interface PageForColumns {
  url: string;
  kind: string;
  columnName: string | null;
  itemUrls: readonly string[];
}

export interface LegacyColumnInfo {
  key: string;
  name: string;
  /** The first list page found (for the admin to look at). */
  listUrl: string | null;
  listPages: number;
}

/**
 * The legacy columns (from list pages; pagination pages of one list share a name, so one
 * column) and the column of each article page: its own column name when it names one, else the
 * column of a list page listing it, else null.
 */
export function recogniseColumns(pages: readonly PageForColumns[]): {
  columns: LegacyColumnInfo[];
  articleColumn: Map<string, string | null>;
} {
  const columns = new Map<string, LegacyColumnInfo>();
  const listedIn = new Map<string, string>();
  const sorted = [...pages].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  for (const p of sorted) {
    if (p.kind !== 'list' || !p.columnName) continue;
    const key = columnKey(p.columnName);
    const c = columns.get(key) ?? { key, name: p.columnName, listUrl: p.url, listPages: 0 };
    c.listPages++;
    columns.set(key, c);
    for (const u of p.itemUrls) if (!listedIn.has(u)) listedIn.set(u, key);
  }
  const articleColumn = new Map<string, string | null>();
  for (const p of sorted) {
    if (p.kind !== 'article') continue;
    let key = p.columnName ? columnKey(p.columnName) : null;
    if (!key || !columns.has(key)) key = listedIn.get(p.url) ?? key;
    if (key && !columns.has(key)) columns.set(key, { key, name: p.columnName ?? key, listUrl: null, listPages: 0 });
    articleColumn.set(p.url, key);
  }
  return { columns: [...columns.values()], articleColumn };
}
