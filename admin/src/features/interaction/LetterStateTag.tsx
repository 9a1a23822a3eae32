import { Tag } from 'antd';
import type { LetterState } from '../../../../common/schemas/interaction.ts';
import { STATE_TAG_COLORS, stateLabel } from './letterLabels.ts';

/** A letter's state as a tag that says it in words. */
export function LetterStateTag({ state }: { state: LetterState }) {
  return <Tag color={STATE_TAG_COLORS[state]}>{stateLabel(state)}</Tag>;
}
