import { describe, expect, it } from 'vitest';
import { SaveChannelSchema, SaveInteractionSettingsSchema, type ChannelView } from '../../../../common/schemas/interaction.ts';
import {
  channelBody,
  channelFormValues,
  kindChange,
  newChannelValues,
  parseRedactWords,
  redactWordProblems,
  redactWordsText,
} from './channelForm.ts';

const channel: ChannelView = {
  id: 'c1',
  siteId: 's1',
  kind: 'consultation',
  name: '政策咨询',
  handlingOrgId: 'o1',
  handlingOrgName: '市政府办公室',
  replyDays: 7,
  publishReplies: true,
  reviewReplies: false,
  reopenOnUnsatisfied: true,
  intro: null,
  sortOrder: 2,
  enabled: true,
};

describe('channel form', () => {
  it('opens a new channel as a 领导信箱 with its default deadline, which the schema accepts once an org is chosen', () => {
    const values = newChannelValues();
    expect(values).toMatchObject({ kind: 'leaderMailbox', name: '领导信箱', replyDays: 5, enabled: true });
    expect(SaveChannelSchema.safeParse(channelBody(values)).success).toBe(false);
    expect(SaveChannelSchema.safeParse(channelBody({ ...values, handlingOrgId: 'o1' })).success).toBe(true);
  });

  it('round-trips a channel, sending an empty intro as null and no sort order when left empty', () => {
    const body = channelBody(channelFormValues(channel));
    expect(body).toEqual({
      kind: 'consultation',
      name: '政策咨询',
      handlingOrgId: 'o1',
      replyDays: 7,
      publishReplies: true,
      reviewReplies: false,
      reopenOnUnsatisfied: true,
      intro: null,
      sortOrder: 2,
      enabled: true,
    });
    expect(SaveChannelSchema.safeParse(body).success).toBe(true);
    expect(channelBody({ ...channelFormValues(channel), sortOrder: null, intro: '  说明  ' })).toMatchObject({ intro: '说明' });
    expect('sortOrder' in channelBody({ ...channelFormValues(channel), sortOrder: null })).toBe(false);
  });

  it('lets the deadline and name follow the kind unless they were changed by hand', () => {
    expect(kindChange('leaderMailbox', 'errorReport', { replyDays: 5, name: '领导信箱' })).toEqual({
      replyDays: 3,
      name: '我为政府网站找错',
    });
    expect(kindChange('leaderMailbox', 'errorReport', { replyDays: 10, name: '市长信箱' })).toEqual({});
    expect(kindChange(undefined, 'complaint', { replyDays: null, name: '' })).toEqual({ replyDays: 5, name: '投诉' });
  });

  it('reads 屏蔽词 one per line or comma-separated, each once', () => {
    expect(parseRedactWords(' 张三 \n\n李四，王五、张三;赵六\n')).toEqual(['张三', '李四', '王五', '赵六']);
    expect(parseRedactWords('')).toEqual([]);
    expect(redactWordsText(['甲乙', '丙丁'])).toBe('甲乙\n丙丁');
    expect(SaveInteractionSettingsSchema.safeParse({ redactWords: parseRedactWords('幸福小区\n城东派出所') }).success).toBe(true);
  });

  it('names the words too short to be masked', () => {
    expect(redactWordProblems(['张', '李四', '王'])).toEqual([{ field: 'redactWords', message: '屏蔽词至少 2 个字：张、王' }]);
    expect(redactWordProblems(['李四'])).toEqual([]);
  });
});
