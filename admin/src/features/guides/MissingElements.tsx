import { Tag, Tooltip } from 'antd';
import type { ServiceElement } from '../../../../common/service-items.ts';
import { TAG_COLORS } from '../articles/articleLabels.ts';
import { completenessText, elementLabels } from './guideLabels.ts';

/**
 * 要素 of a list row: 完整, or 缺 N 项 with the missing elements named — in a tooltip for the
 * mouse and in hidden text for screen readers (a tooltip alone is not read out).
 */
export function MissingElements({ missing }: { missing: readonly ServiceElement[] }) {
  if (missing.length === 0) return <Tag color="blue">完整</Tag>;
  const names = elementLabels(missing).join('、');
  return (
    <Tooltip title={`缺少：${names}`}>
      <Tag color={TAG_COLORS.darkRed}>
        {completenessText(missing)}
        <span className="gk-visually-hidden">{`：${names}`}</span>
      </Tag>
    </Tooltip>
  );
}
