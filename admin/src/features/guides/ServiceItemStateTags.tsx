import { Tag } from 'antd';
import type { ServiceItemSummary } from '../../api/guides.ts';
import { TAG_COLORS } from '../articles/articleLabels.ts';
import { stateDisplay } from './guideLabels.ts';

/** An item's state in words: 未发布 / 已发布 / 已下线, and 有未发布的修改 beside a published one. */
export function ServiceItemStateTags({ item }: { item: Pick<ServiceItemSummary, 'state' | 'changed'> }) {
  const s = stateDisplay(item);
  return (
    <>
      <Tag color={s.color}>{s.label}</Tag>
      {item.changed ? <Tag color={TAG_COLORS.orange}>有未发布的修改</Tag> : null}
    </>
  );
}
