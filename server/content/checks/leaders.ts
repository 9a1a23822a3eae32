/**
 * The leader dictionary (领导姓名和现任职务) and the rule that catches a leader written with a title
 * that is not theirs ("市长张三" when 张三 is 副市长). The national inspection vetoes a site for a
 * serious wording error, and a leader's name or title written wrong is the standard example
 * (indicators.md §3, 严重错误), so a mismatch blocks publication. Pure.
 *
 * How a title is tied to a name (Chinese news style; both must be within WINDOW characters):
 *   - title before name, nothing but spaces between: "副市长张三", "市委副书记、市长张三"
 *     (titles joined by "、" all belong to the name that follows the last one);
 *   - title after name, with only spaces, "同志" or an opening bracket between: "张三副市长",
 *     "张三同志（市长）", "张三（市委副书记、市长）".
 * A title directly before a name belongs to that name even when another name precedes it, so in
 * "市长张三、副市长李四" 副市长 is 李四's and not 张三's. Looser phrasings ("市长与张三") are left
 * alone on purpose: a false block on a correct article costs more than a miss a reviewer still sees.
 */
import { buildMatcher, type Match, type Matcher } from './aho-corasick.ts';

/** One row of the leader dictionary as the admin maintains it. */
export interface LeaderRecord {
  name: string;
  /** Current title; several titles may be joined with "、", "，", "；" or "兼". */
  title: string;
  org?: string;
}

/** A person with every current title, as "org + title" when the org is known. */
export interface Leader {
  name: string;
  /** Bare titles used for comparison ("副市长"). */
  titles: string[];
  /** The same titles as shown to users ("市人民政府副市长"). */
  displayTitles: string[];
}

export interface LeaderIndex {
  readonly leaders: ReadonlyMap<string, Leader>;
  readonly names: Matcher<Leader>;
  /** Every known title (the union over all leaders); the payload is the title itself. */
  readonly titles: Matcher<string>;
}

export interface LeaderProblem {
  code: 'leader_title_mismatch' | 'leader_name_suspect';
  start: number;
  end: number;
  message: string;
}

/** Maximum distance in characters between a name and a title that belongs to it. */
export const WINDOW = 12;
const TITLE_SPLIT = /[、，,；;／/]+|兼/;
// A title preceded by one of these describes the past ("原副市长张三"), not the current post.
const HISTORICAL_PREFIXES = ['时任', '原', '前任'];

/** Leadership titles of Party and government bodies, recognised next to a leader's name. */
export const COMMON_LEADER_TITLES: readonly string[] = (() => {
  const heads = [
    '书记',
    '市长',
    '区长',
    '县长',
    '镇长',
    '乡长',
    '主任',
    '主席',
    '局长',
    '厅长',
    '部长',
    '院长',
    '检察长',
    '秘书长',
    '委员',
    '常委',
    '组长',
    '主任委员',
    '市委书记',
    '县委书记',
    '区委书记',
  ];
  const out = new Set<string>();
  for (const h of heads) {
    out.add(h);
    out.add(`副${h}`);
    out.add(`常务副${h}`);
  }
  return [...out];
})();

/** Build the leader index; rows with the same name are one person holding several titles. */
export function buildLeaderIndex(records: readonly LeaderRecord[]): LeaderIndex {
  const leaders = new Map<string, Leader>();
  for (const r of records) {
    const name = r.name.trim();
    if (!name) continue;
    let leader = leaders.get(name);
    if (!leader) leaders.set(name, (leader = { name, titles: [], displayTitles: [] }));
    const org = r.org?.trim() ?? '';
    for (const raw of r.title.split(TITLE_SPLIT)) {
      const title = raw.trim();
      if (!title || leader.titles.includes(title)) continue;
      leader.titles.push(title);
      leader.displayTitles.push(withOrg(org, title));
    }
  }
  // The titles a text may wrongly give a leader are not only those in the index: "市长张三"
  // must be caught when 张三 is 副市长 even if nobody in the index is 市长.
  const allTitles = new Set<string>(COMMON_LEADER_TITLES);
  for (const l of leaders.values()) for (const t of l.titles) allTitles.add(t);
  return {
    leaders,
    names: buildMatcher([...leaders.values()].map((l) => ({ word: l.name, payload: l }))),
    titles: buildMatcher([...allTitles].map((t) => ({ word: t, payload: t }))),
  };
}

/**
 * "中共某市委" + "市委副书记" reads "中共某市委副书记": a shared run of two or more characters is
 * written once. One character is not enough: "市教育局" + "局长" must stay "市教育局局长".
 */
function withOrg(org: string, title: string): string {
  if (!org || title.startsWith(org)) return title;
  for (let k = Math.min(org.length, title.length - 1); k >= 2; k--) if (org.endsWith(title.slice(0, k))) return org + title.slice(k);
  return org + title;
}

/**
 * Whether a title as written is a fair way to write a person's title: equal, or one is the other
 * with an org in front ("市委书记" / "书记", "常务副市长" / "副市长"). A rank marker in front
 * changes the post, so "副市长" is not "市长" and "代市长" is not "市长".
 */
export function titlesCompatible(written: string, actual: string): boolean {
  if (written === actual) return true;
  const [short, long] = written.length < actual.length ? [written, actual] : [actual, written];
  if (!long.endsWith(short)) return false;
  return !/[副代]$/.test(long.slice(0, long.length - short.length));
}

interface Token {
  kind: 'name' | 'title';
  start: number;
  end: number;
  text: string;
  leader?: Leader;
  historical: boolean;
  owner?: Token;
  /** How the title is tied to its owner: the chain rules differ for each side. */
  side?: 'before' | 'after';
}

const isBlank = (s: string) => /^\s*$/.test(s);
const BETWEEN_NAME_AND_TITLE = /^(?:\s|同志|[（(])*$/;
const BETWEEN_TITLES_BEFORE_NAME = /^\s*、\s*$/;
const BETWEEN_TITLES_AFTER_NAME = /^[\s、，,]*$/;
const HAN = /^\p{Script=Han}+$/u;

/** Every leader written with a title that is not theirs in `text`, and names that look misspelt. */
export function findLeaderProblems(text: string, index: LeaderIndex): LeaderProblem[] {
  if (index.leaders.size === 0) return [];
  const names = index.names.findAll(text);
  if (names.length === 0 && index.titles.size === 0) return [];
  const tokens: Token[] = names.map((m) => ({
    kind: 'name',
    start: m.start,
    end: m.end,
    text: m.text,
    leader: m.payload,
    historical: false,
  }));
  let n = 0;
  for (const m of index.titles.findAll(text)) {
    while (n < names.length && names[n]!.end <= m.start) n++;
    if (n < names.length && names[n]!.start < m.end) continue; // part of a name, not a title
    tokens.push(titleToken(text, m, n > 0 ? names[n - 1]!.end : 0));
  }
  tokens.sort((a, b) => a.start - b.start);

  // Title before name: walk right to left so a chain "市委副书记、市长张三" resolves from the name outwards.
  for (let k = tokens.length - 2; k >= 0; k--) {
    const t = tokens[k]!;
    const next = tokens[k + 1]!;
    // Every way of tying a title to a name ahead needs the next token within the window.
    if (t.kind !== 'title' || next.start - t.end > WINDOW) continue;
    const gap = text.slice(t.end, next.start);
    if (next.kind === 'name' && isBlank(gap) && next.start - t.end <= WINDOW) {
      t.owner = next;
      t.side = 'before';
    } else if (next.kind === 'title' && next.side === 'before' && next.owner && BETWEEN_TITLES_BEFORE_NAME.test(gap)) {
      if (next.owner.start - t.end <= WINDOW) {
        t.owner = next.owner;
        t.side = 'before';
      }
    }
  }
  // Title after name: "张三副市长", "张三同志（市长）", "张三（市委副书记、市长）".
  for (let k = 1; k < tokens.length; k++) {
    const t = tokens[k]!;
    const prev = tokens[k - 1]!;
    if (t.kind !== 'title' || t.owner || t.start - prev.end > WINDOW) continue;
    const gap = text.slice(prev.end, t.start);
    if (prev.kind === 'name' && BETWEEN_NAME_AND_TITLE.test(gap) && t.start - prev.end <= WINDOW) {
      t.owner = prev;
      t.side = 'after';
    } else if (prev.kind === 'title' && prev.side === 'after' && prev.owner && BETWEEN_TITLES_AFTER_NAME.test(gap)) {
      if (t.start - prev.owner.end <= WINDOW) {
        t.owner = prev.owner;
        t.side = 'after';
      }
    }
  }

  const problems: LeaderProblem[] = [];
  const suspectsByTitle = new Map<string, Leader[]>();
  for (const t of tokens) {
    if (t.kind !== 'title' || t.historical) continue;
    const leader = t.owner?.leader;
    if (t.owner && leader) {
      if (leader.titles.some((actual) => titlesCompatible(t.text, actual))) continue;
      problems.push({
        code: 'leader_title_mismatch',
        start: Math.min(t.start, t.owner.start),
        end: Math.max(t.end, t.owner.end),
        message: `“${leader.name}”的现任职务为“${leader.displayTitles.join('、')}”，文中写作“${t.text}”`,
      });
      continue;
    }
    const suspect = suspectName(text, t, index, suspectsByTitle);
    if (suspect) problems.push(suspect);
  }
  return problems.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** A title match widened by a rank marker written before it ("副" + "主任"), and whether it is past tense. */
function titleToken(text: string, m: Match<string>, floor: number): Token {
  let start = m.start;
  // The dictionary may know only "主任"; "副主任张三" must still read as 副主任, not 主任.
  if (start > floor && text[start - 1] === '副' && !m.text.startsWith('副')) start--;
  if (start - 2 >= floor && text.slice(start - 2, start) === '常务' && text[start] === '副') start -= 2;
  if (start > floor && text[start - 1] === '代') start--;
  const before = text.slice(Math.max(floor, start - 2), start);
  const historical = HISTORICAL_PREFIXES.some((p) => before.endsWith(p));
  return { kind: 'title', start, end: m.end, text: text.slice(start, m.end), historical };
}

/**
 * A title standing right next to a name that is one character off a leader holding that title
 * ("副市长张山" when 张三 is 副市长) — the 将领导人姓名写错 the inspection names. Only a warning: it may
 * be another person.
 */
function suspectName(text: string, t: Token, index: LeaderIndex, cache: Map<string, Leader[]>): LeaderProblem | null {
  let holders = cache.get(t.text);
  if (!holders) {
    holders = [...index.leaders.values()].filter((l) => l.titles.some((actual) => titlesCompatible(t.text, actual)));
    cache.set(t.text, holders);
  }
  for (const side of ['after', 'before'] as const) {
    const found: string[] = [];
    let written = '';
    for (const l of holders) {
      const len = l.name.length;
      const candidate = side === 'after' ? text.slice(t.end, t.end + len) : text.slice(Math.max(0, t.start - len), t.start);
      if (candidate.length !== len || !oneCharOff(candidate, l.name) || !HAN.test(candidate)) continue;
      if (index.leaders.has(candidate) || (written && candidate !== written)) continue;
      found.push(l.name);
      written = candidate;
    }
    if (found.length === 0) continue;
    const at = side === 'after' ? { start: t.start, end: t.end + written.length } : { start: t.start - written.length, end: t.end };
    return {
      code: 'leader_name_suspect',
      ...at,
      message: `“${text.slice(at.start, at.end)}”中的姓名“${written}”疑似有误，现任${t.text}为“${found.join('”“')}”`,
    };
  }
  return null;
}

/** Same surname (first character), same length, exactly one other character different. */
function oneCharOff(candidate: string, name: string): boolean {
  if (candidate[0] !== name[0]) return false;
  let diff = 0;
  for (let i = 1; i < name.length; i++) if (candidate[i] !== name[i] && ++diff > 1) return false;
  return diff === 1;
}
