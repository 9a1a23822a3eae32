import { describe, expect, it } from 'vitest';
import {
  allowedSurveyActions,
  endedEarly,
  opinionRefusals,
  previousDay,
  surveyActionRefusals,
  surveyPeriodText,
  surveyState,
  type SurveySnapshot,
} from './surveys.ts';

const survey = (over: Partial<SurveySnapshot> = {}): SurveySnapshot => ({
  startsOn: '2026-03-01',
  endsOn: '2026-03-31',
  openedAt: '2026-02-20T02:00:00.000Z',
  resultPublishedAt: null,
  ...over,
});
const codes = (r: { code: string }[]) => r.map((x) => x.code);

describe('the state of a survey', () => {
  it('is a draft until opened, whatever the dates', () => {
    expect(surveyState(survey({ openedAt: null }), '2026-03-15')).toBe('draft');
    expect(surveyState(survey({ openedAt: null, resultPublishedAt: '2026-04-02T00:00:00.000Z' }), '2026-04-05')).toBe('draft');
  });

  it('is upcoming before its first day and open from the first to the last day inclusive (Beijing dates)', () => {
    expect(surveyState(survey(), '2026-02-28')).toBe('upcoming');
    expect(surveyState(survey(), '2026-03-01')).toBe('open');
    expect(surveyState(survey(), '2026-03-17')).toBe('open');
    expect(surveyState(survey(), '2026-03-31')).toBe('open');
  });

  it('is ended the day after its last day, and shows the published result once there is one', () => {
    expect(surveyState(survey(), '2026-04-01')).toBe('ended');
    expect(surveyState(survey({ resultPublishedAt: '2026-04-10T01:00:00.000Z' }), '2026-04-10')).toBe('resultPublished');
  });

  it('is ended when ended early before its first day (its last day then precedes its first)', () => {
    expect(surveyState(survey({ endsOn: '2026-02-24' }), '2026-02-25')).toBe('ended');
  });
});

describe('opinions', () => {
  it('are taken only while the survey is open', () => {
    expect(opinionRefusals(survey(), '2026-03-01')).toEqual([]);
    expect(opinionRefusals(survey(), '2026-03-31')).toEqual([]);
    expect(codes(opinionRefusals(survey(), '2026-02-28'))).toEqual(['notStarted']);
    expect(opinionRefusals(survey(), '2026-02-28')[0]?.message).toContain('2026-03-01');
    expect(codes(opinionRefusals(survey(), '2026-04-01'))).toEqual(['ended']);
    expect(codes(opinionRefusals(survey({ resultPublishedAt: '2026-04-02T00:00:00.000Z' }), '2026-04-03'))).toEqual(['ended']);
    expect(codes(opinionRefusals(survey({ openedAt: null }), '2026-03-15'))).toEqual(['notPublished']);
  });
});

describe('office actions', () => {
  it('edits a draft, and an opened survey only before its first opinion', () => {
    const ctx = { today: '2026-03-10', opinions: 0 };
    expect(surveyActionRefusals(survey({ openedAt: null }), 'edit', { ...ctx, opinions: 0 })).toEqual([]);
    expect(surveyActionRefusals(survey(), 'edit', ctx)).toEqual([]);
    const refused = surveyActionRefusals(survey(), 'edit', { ...ctx, opinions: 3 });
    expect(codes(refused)).toEqual(['hasOpinions']);
    expect(refused[0]?.message).toBe('已收到 3 条意见，不能再修改征集内容');
  });

  it('refuses to edit after the result was published, and gives every reason at once', () => {
    const published = survey({ resultPublishedAt: '2026-04-02T00:00:00.000Z' });
    expect(codes(surveyActionRefusals(published, 'edit', { today: '2026-04-03', opinions: 2 }))).toEqual(['state', 'hasOpinions']);
  });

  it('refuses to move the last day of an opened survey into the past', () => {
    const dates = { startsOn: '2026-03-01', endsOn: '2026-03-05' };
    expect(codes(surveyActionRefusals(survey(), 'edit', { today: '2026-03-10', opinions: 0, dates }))).toEqual(['endsInPast']);
    // A draft is not public yet: its dates are the office's business until it opens.
    expect(surveyActionRefusals(survey({ openedAt: null }), 'edit', { today: '2026-03-10', opinions: 0, dates })).toEqual([]);
  });

  it('opens only drafts whose last day has not passed', () => {
    expect(surveyActionRefusals(survey({ openedAt: null }), 'open', { today: '2026-03-31', opinions: 0 })).toEqual([]);
    expect(codes(surveyActionRefusals(survey({ openedAt: null }), 'open', { today: '2026-04-01', opinions: 0 }))).toEqual(['endsInPast']);
    expect(codes(surveyActionRefusals(survey(), 'open', { today: '2026-03-10', opinions: 0 }))).toEqual(['state']);
  });

  it('ends upcoming and open surveys, and publishes a result only after the end', () => {
    expect(surveyActionRefusals(survey(), 'end', { today: '2026-02-25', opinions: 0 })).toEqual([]);
    expect(surveyActionRefusals(survey(), 'end', { today: '2026-03-10', opinions: 4 })).toEqual([]);
    expect(codes(surveyActionRefusals(survey(), 'end', { today: '2026-04-01', opinions: 4 }))).toEqual(['state']);
    expect(codes(surveyActionRefusals(survey({ openedAt: null }), 'end', { today: '2026-03-10', opinions: 0 }))).toEqual(['state']);
    expect(codes(surveyActionRefusals(survey(), 'publishResult', { today: '2026-03-31', opinions: 4 }))).toEqual(['state']);
    expect(surveyActionRefusals(survey(), 'publishResult', { today: '2026-04-01', opinions: 4 })).toEqual([]);
    const published = survey({ resultPublishedAt: '2026-04-02T00:00:00.000Z' });
    expect(surveyActionRefusals(published, 'publishResult', { today: '2026-04-03', opinions: 4 })).toEqual([]);
  });

  it('lists the actions allowed now for the office buttons', () => {
    expect(allowedSurveyActions(survey({ openedAt: null }), '2026-03-10', 0)).toEqual(['edit', 'open']);
    expect(allowedSurveyActions(survey(), '2026-03-10', 2)).toEqual(['end']);
    expect(allowedSurveyActions(survey(), '2026-04-10', 2)).toEqual(['publishResult']);
    expect(allowedSurveyActions(survey(), '2026-04-10', 0)).toEqual(['edit', 'publishResult']);
  });
});

describe('dates', () => {
  it('ends a survey early by making yesterday its last day', () => {
    expect(previousDay('2026-03-01')).toBe('2026-02-28');
    expect(previousDay('2024-03-01')).toBe('2024-02-29');
    expect(previousDay('2026-01-01')).toBe('2025-12-31');
    expect(endedEarly(survey(), '2026-03-10')).toEqual({ endsOn: '2026-03-09' });
    expect(endedEarly(survey(), '2026-03-01')).toEqual({ endsOn: '2026-02-28' });
    const ended = { ...survey(), ...endedEarly(survey(), '2026-03-10') };
    expect(surveyState(ended, '2026-03-10')).toBe('ended');
  });

  it('writes the period, and says so when a survey ended before its first day', () => {
    expect(surveyPeriodText(survey())).toBe('2026-03-01 至 2026-03-31');
    expect(surveyPeriodText(survey({ endsOn: '2026-02-27' }))).toBe('2026-03-01（已提前结束）');
  });
});
