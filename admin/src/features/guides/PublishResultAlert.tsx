import { Alert, Button, Table, type TableColumnsType } from 'antd';
import type { PublishResult } from '../../api/guides.ts';
import { publishOutcomeText } from './guideLabels.ts';

type Refused = PublishResult['refused'][number];

const COLUMNS: TableColumnsType<Refused> = [
  { title: '事项编码', dataIndex: 'code', key: 'code', width: 160, render: (v: string) => v || '—' },
  { title: '事项名称', dataIndex: 'name', key: 'name', width: 240, render: (v: string) => v || '—' },
  { title: '未发布原因', dataIndex: 'reason', key: 'reason' },
];

/** The outcome of 发布所选: how many were published, and every refused item with its reason. Stays until closed. */
export function PublishResultAlert({ result, onClose }: { result: PublishResult; onClose: () => void }) {
  const refused = result.refused.length > 0;
  return (
    <Alert
      className="gk-block"
      type={refused ? 'warning' : 'success'}
      showIcon
      role={refused ? 'alert' : 'status'}
      title={publishOutcomeText(result)}
      description={
        refused ? (
          <Table<Refused>
            rowKey="id"
            size="small"
            caption={<span className="gk-visually-hidden">未能发布的事项</span>}
            columns={COLUMNS}
            dataSource={result.refused}
            pagination={false}
          />
        ) : (
          '网站上的办事页面将在稍后更新。'
        )
      }
      action={
        <Button size="small" onClick={onClose}>
          关闭发布结果
        </Button>
      }
    />
  );
}
