import { Button, Card, Table, type TableColumnsType } from 'antd';
import type { FindingKind, Severity, SiteHealth } from '../../../../common/schemas/monitoring.ts';
import { ScrollRegion } from '../../components/ScrollRegion.tsx';
import { TableEmpty } from '../../components/TableEmpty.tsx';
import { kindLabel, SEVERITY_LABELS } from './monitoringLabels.ts';

type KindCount = SiteHealth['openFindings']['byKind'][number];

export interface OpenFindingsCardProps {
  openFindings: SiteHealth['openFindings'];
  /** Shows the open findings of a kind (and severity) in the list below. */
  onPick: (kind: FindingKind, severity: Severity | '') => void;
}

/** 未解决的问题: the site's open findings counted by kind and severity; each count opens them in the list. */
export function OpenFindingsCard({ openFindings, onPick }: OpenFindingsCardProps) {
  const count = (severity: Severity) => ({
    title: SEVERITY_LABELS[severity],
    key: severity,
    width: 80,
    align: 'right' as const,
    render: (_: unknown, c: KindCount) =>
      c[severity] > 0 ? (
        <Button
          type="link"
          className="gk-link-button"
          aria-label={`${kindLabel(c.kind)}：${SEVERITY_LABELS[severity]} ${c[severity]} 个`}
          onClick={() => onPick(c.kind, severity)}
        >
          {c[severity]}
        </Button>
      ) : (
        0
      ),
  });
  const columns: TableColumnsType<KindCount> = [
    {
      title: '问题类型',
      key: 'kind',
      render: (_, c) => (
        <Button type="link" className="gk-link-button" onClick={() => onPick(c.kind, '')}>
          {kindLabel(c.kind)}
        </Button>
      ),
    },
    count('veto'),
    count('deduction'),
    count('info'),
    { title: '合计', dataIndex: 'total', key: 'total', width: 80, align: 'right' },
  ];
  return (
    <Card className="gk-block" title={<h2 className="gk-card-heading">{`未解决的问题（${openFindings.total} 个）`}</h2>}>
      <ScrollRegion label="未解决的问题（按类型）">
        <Table<KindCount>
          rowKey="kind"
          size="small"
          caption={<span className="gk-visually-hidden">未解决的问题（按类型和严重程度）</span>}
          columns={columns}
          dataSource={openFindings.byKind}
          pagination={false}
          scroll={{ x: 480 }}
          locale={{ emptyText: <TableEmpty loading={false} text="没有未解决的问题" /> }}
        />
      </ScrollRegion>
    </Card>
  );
}
