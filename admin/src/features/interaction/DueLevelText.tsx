import { ClockCircleOutlined, CloseCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { LetterSummary } from '../../api/interaction.ts';
import { dueDisplay, type DueDisplay } from './letterLabels.ts';

const ICONS: Record<DueDisplay['tone'], ReactNode> = {
  plain: null,
  notice: <ClockCircleOutlined aria-hidden />,
  warning: <ExclamationCircleOutlined aria-hidden />,
  danger: <CloseCircleOutlined aria-hidden />,
};

/**
 * A letter's reply due date and, while it waits for its reply, where it stands on the ladder
 * (正常 / 已过半 / 即将到期 / 已超期): the words carry the meaning, the icon and colour repeat it.
 */
export function DueLevelText({ letter }: { letter: Pick<LetterSummary, 'state' | 'dueLevel' | 'dueOn'> }) {
  const due = dueDisplay(letter);
  return (
    <span className="gk-due-cell">
      <span>{letter.dueOn}</span>
      {due ? (
        <span className={`gk-due gk-due-${due.tone}`}>
          {ICONS[due.tone]}
          {due.label}
        </span>
      ) : null}
    </span>
  );
}
