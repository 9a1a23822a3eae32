import { Table, Tag, type TableColumnsType, type TablePaginationConfig } from 'antd';
import { Link } from 'react-router';
import type { ServiceItemSummary } from '../../api/guides.ts';
import { ScrollRegion } from '../../components/ScrollRegion.tsx';
import { TableEmpty } from '../../components/TableEmpty.tsx';
import { formatDateTime } from '../../lib/datetime.ts';
import { serviceItemPath } from '../../paths.ts';
import { TAG_COLORS } from '../articles/articleLabels.ts';
import { MissingElements } from './MissingElements.tsx';
import { ServiceItemStateTags } from './ServiceItemStateTags.tsx';

export interface ServiceItemTableProps {
  /** What the table holds, for screen readers (e.g. 办事事项列表). */
  label: string;
  items: readonly ServiceItemSummary[];
  loading: boolean;
  emptyText: string;
  pagination?: TablePaginationConfig | false | undefined;
  /** Row selection (for 发布所选); none when absent. */
  selection?: { selected: readonly string[]; onChange: (ids: string[]) => void } | undefined;
}

/** The least the name gets before the table scrolls sideways. */
const NAME_WIDTH = 260;

/** A site's service items: each name opens the item; completeness, links and review at a glance. */
export function ServiceItemTable({ label, items, loading, emptyText, pagination, selection }: ServiceItemTableProps) {
  const columns: TableColumnsType<ServiceItemSummary> = [
    {
      title: '事项名称',
      key: 'name',
      render: (_, i) => <Link to={serviceItemPath(i.id)}>{i.name || '（未命名）'}</Link>,
    },
    { title: '事项编码', dataIndex: 'code', key: 'code', width: 170, className: 'gk-code-input' },
    { title: '部门', dataIndex: 'orgName', key: 'org', width: 180 },
    { title: '状态', key: 'state', width: 200, render: (_, i) => <ServiceItemStateTags item={i} /> },
    { title: '要素', key: 'missing', width: 110, render: (_, i) => <MissingElements missing={i.missing} /> },
    {
      title: '链接',
      key: 'links',
      width: 100,
      render: (_, i) => (i.brokenLinks > 0 ? <Tag color={TAG_COLORS.darkRed}>{`失效 ${i.brokenLinks}`}</Tag> : '正常'),
    },
    {
      title: '复核',
      key: 'review',
      width: 170,
      render: (_, i) => (
        <>
          {i.reviewDue ? <Tag color={TAG_COLORS.orange}>待复核</Tag> : null}
          {i.reviewedOn ?? (i.reviewDue ? '' : '—')}
        </>
      ),
    },
    { title: '最近修改', key: 'updatedAt', width: 160, render: (_, i) => formatDateTime(i.updatedAt) },
  ];
  const width = columns.reduce((sum, c) => sum + (typeof c.width === 'number' ? c.width : NAME_WIDTH), selection ? 48 : 0);
  return (
    <ScrollRegion label={label}>
      <Table<ServiceItemSummary>
        rowKey="id"
        caption={<span className="gk-visually-hidden">{label}</span>}
        columns={columns}
        dataSource={[...items]}
        loading={loading}
        pagination={pagination ?? (items.length > 50 ? { pageSize: 50, showSizeChanger: false } : false)}
        scroll={{ x: width }}
        locale={{ emptyText: <TableEmpty loading={loading} text={emptyText} /> }}
        {...(selection
          ? {
              rowSelection: {
                selectedRowKeys: [...selection.selected],
                // The selection survives paging: publish items chosen on several pages at once.
                preserveSelectedRowKeys: true,
                onChange: (keys) => selection.onChange(keys.map(String)),
                getCheckboxProps: (i: ServiceItemSummary) => ({ 'aria-label': `选择事项「${i.name}」` }),
                // antd copies the header into an aria-hidden measuring row, where a select-all checkbox
                // would be focusable but hidden (axe aria-hidden-focus): the screen selects a page by a button.
                hideSelectAll: true,
                columnTitle: <span className="gk-visually-hidden">选择</span>,
              },
            }
          : {})}
      />
    </ScrollRegion>
  );
}
