/**
 * The life of a survey (征集调查), as pure rules over its dates and two moments. No stored state:
 * the state is read from the dates on the day asked (Beijing calendar dates), so a survey opens
 * and ends at midnight without a job.
 *
 *   draft ─open→ upcoming (today < starts_on) ─(starts_on)→ open ─(after ends_on)→ ended ─publishResult→ resultPublished
 *                └──────────────────────────────── end (ends_on := yesterday) ─────┘
 *
 * Opinions are taken only while open. The office edits a survey while it is a draft or has no
 * opinion yet (afterwards the question people answered must stay as they read it).
 */
import type { SurveyState } from '../../../common/schemas/interaction.ts';

/** The parts of a survey the rules read. */
export interface SurveySnapshot {
  startsOn: string;
  endsOn: string;
  /** Shown to the public from this moment (null: a draft). */
  openedAt: string | null;
  resultPublishedAt: string | null;
}

export interface Refusal {
  code: string;
  message: string;
}

export type SurveyAction = 'edit' | 'open' | 'end' | 'publishResult';

/** The states from which each office action may be taken. */
export const SURVEY_STEPS: Record<SurveyAction, readonly SurveyState[]> = {
  edit: ['draft', 'upcoming', 'open', 'ended'],
  open: ['draft'],
  end: ['upcoming', 'open'],
  // Published again: the office corrects its feedback; the first publication's moment is kept.
  publishResult: ['ended', 'resultPublished'],
};

const STATE_REFUSALS: Record<SurveyAction, string> = {
  edit: '征集结果已反馈，不能再修改征集内容',
  open: '征集已发布',
  end: '只能结束未开始或正在进行的征集',
  publishResult: '征集结束后才能反馈结果',
};

/** The survey's state on `today` (`YYYY-MM-DD`, Beijing). An ended-early survey may end before it starts: it is ended. */
export function surveyState(s: SurveySnapshot, today: string): SurveyState {
  if (s.openedAt === null) return 'draft';
  if (s.resultPublishedAt !== null) return 'resultPublished';
  if (today > s.endsOn) return 'ended';
  if (today < s.startsOn) return 'upcoming';
  return 'open';
}

/** Why a citizen's opinion cannot be taken now (empty: it can). */
export function opinionRefusals(s: SurveySnapshot, today: string): Refusal[] {
  switch (surveyState(s, today)) {
    case 'open':
      return [];
    case 'draft':
      return [{ code: 'notPublished', message: '征集不存在' }];
    case 'upcoming':
      return [{ code: 'notStarted', message: `征集尚未开始，请于 ${s.startsOn} 后提交意见` }];
    case 'ended':
    case 'resultPublished':
      return [{ code: 'ended', message: '征集已结束，不能再提交意见' }];
  }
}

/** Why the office cannot take the action now (empty: it can); every reason, not only the first. */
export function surveyActionRefusals(
  s: SurveySnapshot,
  action: SurveyAction,
  ctx: { today: string; opinions: number; dates?: { startsOn: string; endsOn: string } },
): Refusal[] {
  const state = surveyState(s, ctx.today);
  const out: Refusal[] = [];
  if (!SURVEY_STEPS[action].includes(state)) out.push({ code: 'state', message: STATE_REFUSALS[action] });
  if (action === 'edit' && state !== 'draft' && ctx.opinions > 0)
    out.push({ code: 'hasOpinions', message: `已收到 ${ctx.opinions} 条意见，不能再修改征集内容` });
  if (action === 'edit' && state !== 'draft' && ctx.dates && ctx.dates.endsOn < ctx.today)
    out.push({ code: 'endsInPast', message: '已发布的征集，结束日期不能早于今天' });
  if (action === 'open' && s.endsOn < ctx.today) out.push({ code: 'endsInPast', message: '结束日期已过，请先修改征集时间' });
  return out;
}

/** Every action the rules allow now (for the office's buttons). */
export function allowedSurveyActions(s: SurveySnapshot, today: string, opinions: number): SurveyAction[] {
  return (Object.keys(SURVEY_STEPS) as SurveyAction[]).filter((a) => surveyActionRefusals(s, a, { today, opinions }).length === 0);
}

/** The day before a `YYYY-MM-DD` date. */
export function previousDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/** The dates an early end leaves: the last day for opinions becomes yesterday, so the survey is ended from now on. */
export function endedEarly(s: Pick<SurveySnapshot, 'startsOn' | 'endsOn'>, today: string): { endsOn: string } {
  const yesterday = previousDay(today);
  return { endsOn: yesterday < s.endsOn ? yesterday : s.endsOn };
}

/** The period as people read it; a survey ended before its first day says so instead of an impossible range. */
export function surveyPeriodText(s: Pick<SurveySnapshot, 'startsOn' | 'endsOn'>): string {
  return s.endsOn < s.startsOn ? `${s.startsOn}（已提前结束）` : `${s.startsOn} 至 ${s.endsOn}`;
}
