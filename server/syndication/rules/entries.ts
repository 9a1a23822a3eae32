/**
 * The life of a syndicated entry (an article of one site shown in a column of another) as data:
 * which decision moves which state where. Pure: no database, no clock.
 */
import type { SyndicationState } from '../../../common/schemas/syndication.ts';

export type EntryDecision = 'take' | 'decline' | 'remove';

/** From which state each decision moves an entry, and to which. */
export const ENTRY_TRANSITIONS: Record<EntryDecision, { from: SyndicationState; to: SyndicationState; label: string }> = {
  take: { from: 'offered', to: 'taken', label: '采用' },
  decline: { from: 'offered', to: 'declined', label: '不采用' },
  remove: { from: 'taken', to: 'withdrawn', label: '撤下' },
};

/** Every reason the decision is refused now (empty: allowed). */
export function decisionProblems(
  decision: EntryDecision,
  entry: { state: string; version: number },
  facts: { version: number; articlePublic: boolean },
): string[] {
  const t = ENTRY_TRANSITIONS[decision];
  const problems: string[] = [];
  if (entry.state !== t.from) problems.push(`该信息当前状态不能${t.label}`);
  if (entry.version !== facts.version) problems.push('该信息已被他人处理，请刷新后重试');
  if (decision === 'take' && !facts.articlePublic) problems.push('来源信息已撤回或尚未发布，不能采用');
  return problems;
}
