import { Descriptions } from 'antd';
import { FRESHNESS_CLASSES, FRESHNESS_LABELS, type FreshnessClass } from '../../../../common/schemas/sites.ts';
import type { Column } from '../../api/sites.ts';
import { freshnessText } from './columnForm.ts';

/** A column's data for users who may read but not change the columns of this site. */
export function ColumnDetails({ column, parentName, ownerName }: { column: Column; parentName: string | null; ownerName: string | null }) {
  const cls = (FRESHNESS_CLASSES as readonly string[]).includes(column.freshnessClass)
    ? FRESHNESS_LABELS[column.freshnessClass as FreshnessClass]
    : column.freshnessClass;
  return (
    <Descriptions
      column={1}
      size="small"
      items={[
        { key: 'name', label: '栏目名称', children: column.name },
        { key: 'slug', label: '路径', children: column.slug },
        { key: 'parent', label: '上级栏目', children: parentName ?? '无（一级栏目）' },
        { key: 'freshness', label: '更新要求', children: `${cls}，${freshnessText(column)}` },
        { key: 'owner', label: '责任单位', children: ownerName ?? '未指定' },
        { key: 'status', label: '状态', children: column.status === 'closed' ? '已关闭' : '正常' },
      ]}
    />
  );
}
