import { describe, expect, it } from 'vitest';
import { LETTER_STATES } from '../../../../common/schemas/interaction.ts';
import {
  STATE_FILTER_OPTIONS,
  STATE_TAG_COLORS,
  actionLabel,
  channelKindLabel,
  dueDisplay,
  fileSizeText,
  handlingText,
  ratingText,
  similarityText,
  stateLabel,
  vetoRiskText,
} from './letterLabels.ts';

describe('letter labels', () => {
  it('names every state and offers each in the filter after 全部状态', () => {
    expect(stateLabel('transferring')).toBe('转办待确认');
    expect(stateLabel('unknown')).toBe('unknown');
    expect(STATE_FILTER_OPTIONS[0]).toEqual({ value: '', label: '全部状态' });
    expect(STATE_FILTER_OPTIONS.slice(1).map((o) => o.value)).toEqual([...LETTER_STATES]);
  });

  it('never uses the light orange or green presets that fail contrast', () => {
    for (const s of LETTER_STATES) expect(['orange', 'green', 'gold', 'lime', 'cyan']).not.toContain(STATE_TAG_COLORS[s]);
  });

  it('shows the ladder only while the letter waits for its reply', () => {
    expect(dueDisplay({ state: 'handling', dueLevel: 'warn80' })).toEqual({ level: 'warn80', label: '即将到期', tone: 'warning' });
    expect(dueDisplay({ state: 'received', dueLevel: 'overdue' })).toMatchObject({ label: '已超期', tone: 'danger' });
    expect(dueDisplay({ state: 'reviewing', dueLevel: 'warn50' })).toMatchObject({ label: '已过半', tone: 'notice' });
    expect(dueDisplay({ state: 'transferring', dueLevel: 'normal' })).toMatchObject({ label: '正常', tone: 'plain' });
    expect(dueDisplay({ state: 'replied', dueLevel: 'overdue' })).toBeNull();
    expect(dueDisplay({ state: 'merged', dueLevel: 'normal' })).toBeNull();
  });

  it('names the org a transfer waits on beside the handling org', () => {
    expect(handlingText({ handlingOrgName: '市政府办公室', pendingOrgName: null })).toBe('市政府办公室');
    expect(handlingText({ handlingOrgName: '市政府办公室', pendingOrgName: '市交通运输局' })).toBe(
      '市政府办公室（转办待确认：市交通运输局）',
    );
  });

  it('says where a submitted reply goes', () => {
    expect(actionLabel('submitReply', true)).toBe('提交审核');
    expect(actionLabel('submitReply', false)).toBe('发送答复');
    expect(actionLabel('transfer', true)).toBe('转办');
  });

  it('formats similarity, ratings, channel kinds and file sizes', () => {
    expect(similarityText(0.874)).toBe('87%');
    expect(similarityText(1.2)).toBe('100%');
    expect(ratingText(null)).toBe('—');
    expect(ratingText('basic')).toBe('基本满意');
    expect(channelKindLabel('errorReport')).toBe('我为政府网站找错');
    expect(fileSizeText(512)).toBe('512 B');
    expect(fileSizeText(2048)).toBe('2.0 KB');
    expect(fileSizeText(3 * 1024 * 1024)).toBe('3.0 MB');
  });

  it('counts the days left to the veto line, or says it is passed', () => {
    expect(vetoRiskText(61, 90)).toContain('还有 29 天');
    expect(vetoRiskText(95, 90)).toContain('已超过 90 天的单项否决线');
  });
});
