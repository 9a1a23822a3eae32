import { describe, expect, it } from 'vitest';
import { mergeCalendar } from '#server/calendar/rules/workdays.ts';
import { builtinCalendar } from '#server/calendar/builtin.ts';
import { actionRefusals, allowedActions, nextState, publishesOnReply, type LetterSnapshot } from './letter-flow.ts';
import { isNewWarning, letterClock, parseLadder, replyDueOn } from './deadlines.ts';
import { redact } from './redaction.ts';
import { bigrams, nearDuplicates, similarity } from './similarity.ts';

const letter = (over: Partial<LetterSnapshot> = {}): LetterSnapshot => ({
  state: 'handling',
  handlingOrgId: 'o1',
  reply: null,
  published: false,
  reviewReplies: true,
  ...over,
});

describe('letter flow', () => {
  it('sends a submitted reply to review or straight out, by channel', () => {
    expect(nextState(letter({ reviewReplies: true }), 'submitReply')).toBe('reviewing');
    expect(nextState(letter({ reviewReplies: false }), 'submitReply')).toBe('replied');
    expect(nextState(letter({ state: 'reviewing' }), 'returnReply')).toBe('handling');
  });

  it('refuses actions out of state, empty replies, self transfers and self merges', () => {
    expect(actionRefusals(letter({ state: 'received' }), { action: 'submitReply' }, { letterId: 'a' })[0]?.code).toBe('state');
    expect(actionRefusals(letter(), { action: 'submitReply' }, { letterId: 'a' })[0]?.code).toBe('noReply');
    expect(actionRefusals(letter(), { action: 'transfer', orgId: 'o1' }, { letterId: 'a' })[0]?.code).toBe('sameOrg');
    expect(actionRefusals(letter(), { action: 'merge', intoLetterId: 'a' }, { letterId: 'a' })[0]?.code).toBe('self');
    expect(actionRefusals(letter({ state: 'replied' }), { action: 'unpublish' }, { letterId: 'a' })[0]?.code).toBe('notPublished');
    expect(actionRefusals(letter({ reply: '答复' }), { action: 'submitReply' }, { letterId: 'a' })).toEqual([]);
  });

  it('lists only the actions open now', () => {
    expect(allowedActions(letter({ state: 'received' })).sort()).toEqual(['accept', 'assign', 'merge', 'reject']);
    expect(allowedActions(letter({ state: 'reviewing' })).sort()).toEqual(['approveReply', 'returnReply']);
    expect(allowedActions(letter({ state: 'replied', published: true })).sort()).toEqual(['close', 'reopen', 'unpublish']);
    expect(allowedActions(letter({ state: 'merged' }))).toEqual([]);
  });

  it('publishes only with the channel and the writer agreeing', () => {
    expect(publishesOnReply({ publishReplies: true }, { consentPublish: true })).toBe(true);
    expect(publishesOnReply({ publishReplies: true }, { consentPublish: false })).toBe(false);
    expect(publishesOnReply({ publishReplies: false }, { consentPublish: true })).toBe(false);
  });
});

describe('deadline ladder', () => {
  const cal = mergeCalendar(builtinCalendar(), { days: [], importedYears: [] });
  it('counts the reply deadline in official working days (National Day week)', () => {
    // 10-01…08 off; 10-09, 10-10, 10-11 (调休 Saturday), 10-13, 10-14.
    expect(replyDueOn(cal, '2025-09-30', 5)).toBe('2025-10-14');
    expect(replyDueOn(cal, '2026-03-02', 3)).toBe('2026-03-05');
  });

  it('climbs normal → warn50 → warn80 → overdue, reading the share from the working days left', () => {
    const l = { receivedOn: '2026-03-02', dueOn: '2026-03-09', replyDays: 5, consultative: true };
    expect(letterClock(cal, l, '2026-03-02').level).toBe('normal');
    expect(letterClock(cal, l, '2026-03-04').level).toBe('normal');
    expect(letterClock(cal, l, '2026-03-05')).toMatchObject({ level: 'warn50', workdaysUsed: 3 });
    expect(letterClock(cal, l, '2026-03-06').level).toBe('warn80');
    expect(letterClock(cal, l, '2026-03-09').level).toBe('warn80');
    expect(letterClock(cal, l, '2026-03-10').level).toBe('overdue');
  });

  it('flags veto risk after the warning days and the veto line after 90, for consultative channels only', () => {
    const l = { receivedOn: '2026-01-05', dueOn: '2026-01-12', replyDays: 5, consultative: true };
    expect(letterClock(cal, l, '2026-03-05')).toMatchObject({ daysOpen: 59, vetoRisk: false });
    expect(letterClock(cal, l, '2026-03-06')).toMatchObject({ daysOpen: 60, vetoRisk: true, pastVetoLine: false });
    expect(letterClock(cal, l, '2026-04-06')).toMatchObject({ pastVetoLine: true });
    expect(letterClock(cal, { ...l, consultative: false }, '2026-04-06')).toMatchObject({ vetoRisk: false, pastVetoLine: false });
  });

  it('announces each step once and reads the configured ladder defensively', () => {
    expect(isNewWarning('warn50', null)).toBe(true);
    expect(isNewWarning('warn50', 'warn50')).toBe(false);
    expect(isNewWarning('overdue', 'warn80')).toBe(true);
    expect(isNewWarning('normal', null)).toBe(false);
    expect(parseLadder('{"warnShares":[0.3,0.6],"vetoWarnDays":30}')).toEqual({ warnShares: [0.3, 0.6], vetoWarnDays: 30, vetoDays: 90 });
    expect(parseLadder('{"warnShares":[0.9,0.2],"vetoDays":-1}')).toEqual(parseLadder(undefined));
    expect(parseLadder('not json')).toEqual(parseLadder(undefined));
  });
});

describe('redaction', () => {
  it('masks phones, ID numbers, e-mails, plates and the listed words, longest word first', () => {
    const out = redact(
      '我是张三，手机 138-1234-5678，座机 0812-3334444，身份证 11010519800101123X，邮箱 a.b@x.cn，车牌川D12345，住在东区菜市场旁。',
      ['张三', '东区菜市场', '东区', '区'],
    );
    for (const s of ['张三', '138', '3334444', '11010519800101123X', 'a.b@x.cn', '川D12345', '东区']) expect(out).not.toContain(s);
    expect(out).toContain('旁。');
    expect(out).toContain('住在');
  });

  it('masks numbers typed with a full-width (Chinese IME) keyboard too', () => {
    const out = redact(
      '电话１３８１２３４５６７８，身份证５１０４０２１９８００１０１００１Ｘ，邮箱ａｂ＠ｘ．ｃｎ，座机０８１２－３３３４４４４',
    );
    for (const s of ['１３８', '５１０４０２', 'ａｂ＠', '３３３４４４４']) expect(out).not.toContain(s);
    expect(out).toContain('电话');
  });

  it('leaves ordinary numbers such as dates and amounts alone', () => {
    expect(redact('2026年3月5日补贴500元，共120户')).toBe('2026年3月5日补贴500元，共120户');
  });
});

describe('near duplicates', () => {
  it('scores bigram overlap and ignores punctuation and spaces', () => {
    expect(similarity(bigrams('公交站 设置'), bigrams('公交站，设置！'))).toBe(1);
    expect(similarity(bigrams(''), bigrams('公交'))).toBe(0);
    const a = { id: 'a', title: '建议增设公交站', content: '东区菜市场旁没有公交站，老人出行不便。' };
    const found = nearDuplicates(a, [
      { id: 'b', title: '建议东区增设公交站', content: '东区菜市场旁没有公交站，老人出行很不便。' },
      { id: 'c', title: '路灯不亮', content: '南山路路灯坏了。' },
      a,
    ]);
    expect(found.map((x) => x.item.id)).toEqual(['b']);
  });
});
