import { Tag } from 'antd';
import type { RequestSummary } from '../../../../common/schemas/disclosure.ts';
import { LEVEL_TAGS } from './requestLabels.ts';

/** A request's reply due date with its urgency tag (即将到期 / 已逾期). */
export function DueDate({ dueOn, level }: { dueOn: string | null; level: RequestSummary['level'] }) {
  const tag = LEVEL_TAGS[level];
  return (
    <>
      {dueOn ?? '—'} {tag ? <Tag color={tag.color}>{tag.text}</Tag> : null}
    </>
  );
}
