import { Button, Card, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useCallback, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { fetchSpotChecks, fetchSystems, type BatchView } from '../api/evaluation.ts';
import { FormModal } from '../components/FormModal.tsx';
import { LoadErrorAlert } from '../components/LoadErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { ScrollRegion } from '../components/ScrollRegion.tsx';
import { TableEmpty } from '../components/TableEmpty.tsx';
import { BATCH_STATE_COLORS, batchStateLabel, periodLabel } from '../features/evaluation/evaluationLabels.ts';
import { AnnualResultsCard } from '../features/evaluation/AnnualResultsCard.tsx';
import { SpotCheckForm } from '../features/evaluation/SpotCheckForm.tsx';
import { chinaDate, formatDateTime } from '../lib/datetime.ts';
import { useApiData } from '../lib/useApiData.ts';
import { spotCheckPath } from '../paths.ts';

/**
 * 检查评估 (supervisors): the spot checks (抽查) made so far, each opening its ranked results,
 * and a new one over every site or a reproducible random sample.
 */
export default function SpotChecksScene() {
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const load = useCallback((signal: AbortSignal) => fetchSpotChecks(signal), []);
  const list = useApiData(load);
  const loadSystems = useCallback((signal: AbortSignal) => fetchSystems(signal), []);
  const systems = useApiData(loadSystems);

  const columns: TableColumnsType<BatchView> = [
    { title: '抽查', key: 'name', render: (_, b) => <Link to={spotCheckPath(b.id)}>{b.name}</Link> },
    { title: '期间', key: 'period', width: 140, render: (_, b) => periodLabel(b.period) },
    { title: '指标体系', key: 'system', width: 220, render: (_, b) => `${b.system.name}（第 ${b.system.version} 版）` },
    {
      title: '范围',
      key: 'scope',
      width: 200,
      render: (_, b) => (b.scope === 'all' ? `全部网站（${b.sites} 个）` : `随机抽取 ${b.sites} 个（种子 ${b.seed ?? '—'}）`),
    },
    {
      title: '状态',
      key: 'state',
      width: 140,
      render: (_, b) => (
        <Tag color={BATCH_STATE_COLORS[b.state]}>
          {b.state === 'done' ? batchStateLabel(b.state) : `${batchStateLabel(b.state)} ${b.scored}/${b.sites}`}
        </Tag>
      ),
    },
    { title: '创建', key: 'created', width: 200, render: (_, b) => `${formatDateTime(b.createdAt)} ${b.createdBy}` },
  ];

  return (
    <>
      <PageTitle
        title="检查评估"
        extra={
          <Button type="primary" onClick={() => setCreating(true)} disabled={!systems.data}>
            新建抽查
          </Button>
        }
      />
      <Typography.Paragraph type="secondary">
        按季度或半年对全市网站进行检查：可检查全部网站，也可按随机种子抽取（种子随结果公布，可复现）。评分依据各网站在检查日期的监测问题和检查人员的人工核查结果，结果可起草通报、下发整改。
      </Typography.Paragraph>
      {list.error ? <LoadErrorAlert error={list.error} what="抽查列表" onRetry={list.reload} /> : null}
      {systems.error ? <LoadErrorAlert error={systems.error} what="指标体系" onRetry={systems.reload} /> : null}
      <Card className="gk-block" title={<h2 className="gk-card-heading">抽查批次</h2>}>
        <ScrollRegion label="抽查批次">
          <Table<BatchView>
            rowKey="id"
            size="small"
            caption={<span className="gk-visually-hidden">抽查批次</span>}
            columns={columns}
            dataSource={list.data ?? []}
            loading={list.loading}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
            scroll={{ x: 980 }}
            locale={{ emptyText: <TableEmpty loading={list.loading} text="还没有抽查" /> }}
          />
        </ScrollRegion>
      </Card>
      <AnnualResultsCard thisYear={Number(chinaDate().slice(0, 4))} />
      <FormModal open={creating} title="新建抽查" width={640} onClose={() => setCreating(false)}>
        {(cb) => (
          <SpotCheckForm
            systems={systems.data ?? []}
            today={chinaDate()}
            onSaved={(b) => {
              cb.onDone();
              navigate(spotCheckPath(b.id));
            }}
            onCancel={cb.onCancel}
            onDirtyChange={cb.onDirtyChange}
          />
        )}
      </FormModal>
    </>
  );
}
