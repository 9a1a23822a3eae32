import { Table, Tag, type TableColumnsType } from 'antd';
import type { LinkCheckView } from '../../../../common/schemas/guides.ts';
import { ScrollRegion } from '../../components/ScrollRegion.tsx';
import { TableEmpty } from '../../components/TableEmpty.tsx';
import { formatDateTime } from '../../lib/datetime.ts';
import { TAG_COLORS } from '../articles/articleLabels.ts';

const KIND_LABELS: Record<LinkCheckView['kind'], string> = { online: '在线办理', form: '空白表格', sample: '示范文本' };

const COLUMNS: TableColumnsType<LinkCheckView> = [
  {
    title: '链接',
    key: 'url',
    render: (_, c) => (
      <>
        <div>{c.label}</div>
        <span className="gk-tree-meta" style={{ overflowWrap: 'anywhere' }}>
          {c.url}
        </span>
      </>
    ),
  },
  { title: '类型', key: 'kind', width: 100, render: (_, c) => KIND_LABELS[c.kind] ?? c.kind },
  {
    title: '结果',
    key: 'ok',
    width: 200,
    render: (_, c) =>
      c.ok ? (
        <Tag color={TAG_COLORS.green}>正常</Tag>
      ) : (
        <>
          <Tag color={TAG_COLORS.darkRed}>失效</Tag>
          {c.error ?? (c.httpStatus ? `服务器返回 ${c.httpStatus}` : '')}
        </>
      ),
  },
  { title: '检查时间', key: 'checkedAt', width: 160, render: (_, c) => formatDateTime(c.checkedAt) },
];

/** The item's last link checks: its online-handling address and its forms and samples. */
export function LinkChecksTable({ checks }: { checks: readonly LinkCheckView[] }) {
  return (
    <ScrollRegion label="链接检查结果">
      <Table<LinkCheckView>
        rowKey={(c) => `${c.kind}:${c.url}`}
        size="small"
        caption={<span className="gk-visually-hidden">链接检查结果</span>}
        columns={COLUMNS}
        dataSource={[...checks]}
        pagination={false}
        scroll={{ x: 760 }}
        locale={{ emptyText: <TableEmpty loading={false} text="尚未检查；每天夜间自动检查一次，也可在事项列表中“立即检查链接”" /> }}
      />
    </ScrollRegion>
  );
}
