import { Descriptions } from 'antd';
import type { Org } from '../../api/orgs.ts';
import { levelLabel } from './orgLabels.ts';

/** An org's data for users who may read but not change it. */
export function OrgDetails({ org, parent }: { org: Org; parent: Org | undefined }) {
  return (
    <Descriptions
      column={1}
      size="small"
      items={[
        { key: 'name', label: '单位名称', children: org.name },
        { key: 'parent', label: '上级单位', children: parent?.name ?? '无（顶层单位）' },
        { key: 'level', label: '单位层级', children: levelLabel(org.level) },
        { key: 'credit', label: '统一社会信用代码', children: org.creditCode ?? '未填写' },
        { key: 'division', label: '行政区划代码', children: org.divisionCode ?? '未填写' },
        { key: 'indexTemplate', label: '索引号格式', children: org.indexTemplate ?? '平台统一格式' },
        { key: 'sort', label: '排序号', children: org.sortOrder },
      ]}
    />
  );
}
