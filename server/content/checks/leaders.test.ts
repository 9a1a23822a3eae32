import { describe, expect, it } from 'vitest';
import { buildLeaderIndex, COMMON_LEADER_TITLES, findLeaderProblems, titlesCompatible, type LeaderRecord } from './leaders.ts';

const LEADERS: LeaderRecord[] = [
  { name: '张三', title: '副市长', org: '市人民政府' },
  { name: '李四', title: '市长' },
  { name: '王五', title: '市委副书记、市长' },
  { name: '赵六', title: '主任', org: '市发展改革委' },
  { name: '钱七', title: '市委书记' },
  { name: '孙八', title: '常务副市长' },
  { name: '周九', title: '局长', org: '市教育局' },
  { name: '周九', title: '党组书记', org: '市教育局' },
];
const index = buildLeaderIndex(LEADERS);
const problems = (text: string) => findLeaderProblems(text, index).map((p) => `${p.code} ${text.slice(p.start, p.end)}`);
const codes = (text: string) => findLeaderProblems(text, index).map((p) => p.code);

describe('buildLeaderIndex', () => {
  it('splits joined titles and merges rows of the same person', () => {
    expect(index.leaders.get('王五')?.titles).toEqual(['市委副书记', '市长']);
    expect(index.leaders.get('周九')).toEqual({
      name: '周九',
      titles: ['局长', '党组书记'],
      displayTitles: ['市教育局局长', '市教育局党组书记'],
    });
    // The index's own titles plus the common leadership titles.
    expect(index.titles.size).toBe(
      new Set([...COMMON_LEADER_TITLES, '副市长', '市长', '市委副书记', '主任', '市委书记', '常务副市长', '局长', '党组书记']).size,
    );
    const party = buildLeaderIndex([{ name: '吴十', title: '市委副书记', org: '中共攀枝花市委' }]);
    expect(party.leaders.get('吴十')?.displayTitles).toEqual(['中共攀枝花市委副书记']);
  });
});

describe('findLeaderProblems', () => {
  it('flags a known title written before a leader who does not hold it', () => {
    const [p] = findLeaderProblems('会上，市长张三作了讲话。', index);
    expect(p).toEqual({
      code: 'leader_title_mismatch',
      start: 3,
      end: 7,
      message: '“张三”的现任职务为“市人民政府副市长”，文中写作“市长”',
    });
  });

  it('flags the title written after the name, with or without 同志 and brackets', () => {
    expect(problems('张三市长出席')).toEqual(['leader_title_mismatch 张三市长']);
    expect(problems('张三同志（市长）出席')).toEqual(['leader_title_mismatch 张三同志（市长']);
    expect(problems('李四（副市长）出席')).toEqual(['leader_title_mismatch 李四（副市长']);
    expect(problems('钱七 市长出席')).toEqual(['leader_title_mismatch 钱七 市长']);
  });

  it('accepts the correct title in every phrasing', () => {
    expect(problems('副市长张三出席')).toEqual([]);
    expect(problems('张三副市长出席')).toEqual([]);
    expect(problems('张三同志（副市长）出席')).toEqual([]);
    expect(problems('市委副书记、市长王五主持')).toEqual([]);
    expect(problems('王五（市委副书记、市长）主持')).toEqual([]);
  });

  it('does not flag a leader named without any title', () => {
    expect(problems('张三出席会议并讲话。李四、王五参加。')).toEqual([]);
  });

  it('gives each title in a list to the name right after it', () => {
    expect(problems('市长李四、副市长张三出席')).toEqual([]);
    expect(problems('李四市长、张三副市长出席')).toEqual([]);
    expect(problems('市长李四 副市长张三出席')).toEqual([]); // photo captions separate people by spaces
    expect(problems('市长张三、副市长李四出席')).toEqual(['leader_title_mismatch 市长张三', 'leader_title_mismatch 副市长李四']);
  });

  it('checks every title of a chain before a name', () => {
    expect(problems('市委书记、市长王五主持')).toEqual(['leader_title_mismatch 市委书记、市长王五']);
  });

  it('accepts an org in front of a title or a shorter form, but not a rank marker', () => {
    expect(problems('市委书记钱七')).toEqual([]);
    expect(problems('市教育局党组书记、局长周九')).toEqual([]);
    expect(problems('副市长孙八')).toEqual([]); // 常务副市长 written as 副市长
    expect(problems('市长孙八')).toEqual(['leader_title_mismatch 市长孙八']);
    // Only 主任 is in the dictionary; the 副 in front still makes it a different post.
    expect(findLeaderProblems('市发展改革委副主任赵六', index)[0]?.message).toBe('“赵六”的现任职务为“市发展改革委主任”，文中写作“副主任”');
  });

  it('ignores titles in the past tense', () => {
    expect(problems('原市长张三')).toEqual([]);
    expect(problems('时任市长张三')).toEqual([]);
  });

  it('leaves a title alone when it is not next to the name', () => {
    expect(problems('市长主持会议，张三发言')).toEqual([]);
    expect(problems('市长与张三交谈')).toEqual([]);
    expect(problems('张三出席了由市长召集的会议')).toEqual([]);
    expect(problems(`市长${' '.repeat(13)}张三`)).toEqual([]);
  });

  it('warns about a name one character off a leader holding that title', () => {
    const [p] = findLeaderProblems('副市长张山出席', index);
    expect(p).toMatchObject({ code: 'leader_name_suspect', start: 0, end: 5 });
    expect(p?.message).toBe('“副市长张山”中的姓名“张山”疑似有误，现任副市长为“张三”');
    expect(codes('李斯市长讲话')).toEqual(['leader_name_suspect']);
    expect(codes('副市长王山出席')).toEqual([]); // other surname: another person
    expect(codes('市长热线12345')).toEqual([]);
  });

  it('finds nothing with an empty index', () => {
    expect(findLeaderProblems('市长张三', buildLeaderIndex([]))).toEqual([]);
  });
});

describe('titlesCompatible', () => {
  it.each([
    ['副市长', '副市长', true],
    ['书记', '市委书记', true],
    ['市委书记', '书记', true],
    ['副市长', '常务副市长', true],
    ['市长', '副市长', false],
    ['市长', '常务副市长', false],
    ['市长', '代市长', false],
    ['书记', '市委副书记', false],
    ['市长', '市委书记', false],
  ])('written %s, actual %s → %s', (written, actual, ok) => {
    expect(titlesCompatible(written, actual)).toBe(ok);
  });
});
