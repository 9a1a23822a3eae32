import { Table, type TableColumnsType } from 'antd';
import { ScrollRegion } from '../../../components/ScrollRegion.tsx';
import {
  REQUEST_COLUMNS,
  REQUEST_TABLE_NOTE,
  requestTableLines,
  type RequestTableLine,
  type RequestTableView,
} from '../../../../../common/annual-report.ts';

type Row = RequestTableLine & { key: number };

/** Section 三, computed from the request records (read only). */
export function RequestsSection({ table }: { table: RequestTableView }) {
  const columns: TableColumnsType<Row> = [
    {
      title: REQUEST_TABLE_NOTE,
      key: 'label',
      width: 380,
      render: (_, r) => <span style={{ paddingLeft: r.depth * 16, fontWeight: r.depth === 0 ? 600 : 400 }}>{r.label}</span>,
    },
    ...REQUEST_COLUMNS.map((c) => ({
      title: c.label,
      key: c.code,
      width: 90,
      align: 'right' as const,
      render: (_: unknown, r: Row) => (r.cells ? r.cells[c.code] : ''),
    })),
  ];
  return (
    <ScrollRegion label="收到和处理政府信息公开申请情况表">
      <Table<Row>
        size="small"
        bordered
        rowKey="key"
        columns={columns}
        dataSource={requestTableLines(table).map((l, i) => ({ ...l, key: i }))}
        pagination={false}
        scroll={{ x: 1100 }}
      />
    </ScrollRegion>
  );
}
