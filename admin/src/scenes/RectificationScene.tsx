import { Card, Checkbox, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useCallback, useId, useState } from 'react';
import { useSearchParams } from 'react-router';
import { TASK_STATES, type TaskState, type TaskView } from '../../../common/schemas/evaluation.ts';
import { fetchTasks } from '../api/evaluation.ts';
import { LoadErrorAlert } from '../components/LoadErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { ScrollRegion } from '../components/ScrollRegion.tsx';
import { TableEmpty } from '../components/TableEmpty.tsx';
import { TAG_COLORS } from '../features/articles/articleLabels.ts';
import { periodLabel, TASK_STATE_COLORS, taskStateLabel } from '../features/evaluation/evaluationLabels.ts';
import { TaskDrawer } from '../features/evaluation/TaskDrawer.tsx';
import { useApiData } from '../lib/useApiData.ts';

const PAGE_SIZE = 50;

/**
 * 整改任务: supervisors follow every site's tasks, a site's administrators see and answer their
 * own. Each task opens beside the list with its findings, its history and what may be done next.
 */
export default function RectificationScene() {
  const [params] = useSearchParams();
  const batchId = params.get('batchId') ?? undefined;
  const stateId = useId();
  const [state, setState] = useState<TaskState | undefined>(undefined);
  const [overdue, setOverdue] = useState(false);
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const load = useCallback(
    (signal: AbortSignal) => fetchTasks({ batchId, state, overdue, page, pageSize: PAGE_SIZE }, signal),
    [batchId, state, overdue, page],
  );
  const list = useApiData(load);

  const columns: TableColumnsType<TaskView> = [
    {
      title: '网站',
      key: 'site',
      width: 280,
      render: (_, t) => (
        <a
          href={`#task-${t.id}`}
          onClick={(e) => {
            e.preventDefault();
            setOpen(t.id);
          }}
        >
          {t.siteName}
        </a>
      ),
    },
    {
      title: '失分指标',
      key: 'indicator',
      width: 200,
      render: (_, t) => (t.kind === 'veto' ? `${t.indicator}（否决）` : `${t.indicator}（−${t.points ?? 0}）`),
    },
    { title: '抽查', key: 'batch', width: 130, render: (_, t) => periodLabel(t.period) },
    { title: '责任单位', key: 'org', width: 200, render: (_, t) => t.orgName },
    {
      title: '整改期限',
      key: 'deadline',
      width: 150,
      render: (_, t) => (
        <>
          {t.deadline} {t.overdue ? <Tag color={TAG_COLORS.darkRed}>逾期</Tag> : null}
        </>
      ),
    },
    {
      title: '状态',
      key: 'state',
      width: 170,
      render: (_, t) => (
        <>
          <Tag color={TASK_STATE_COLORS[t.state]}>{taskStateLabel(t.state)}</Tag>
          {t.reopened > 0 ? <Tag>{`复查未过 ${t.reopened} 次`}</Tag> : null}
        </>
      ),
    },
  ];

  return (
    <>
      <PageTitle title="整改任务" />
      <Typography.Paragraph type="secondary">
        检查中每个失分的指标都是一项整改任务。整改后报送整改情况，系统随即重新检查：问题不再出现才销号，否则退回重新整改。逾期未整改的任务每天上午自动督办；确属误判的可申请核销，须经检查人员审批，核销不改变已公布的分数。
      </Typography.Paragraph>
      {list.error ? <LoadErrorAlert error={list.error} what="整改任务" onRetry={list.reload} /> : null}
      <Card className="gk-block" title={<h2 className="gk-card-heading">任务列表</h2>}>
        <div className="gk-filters" role="search" aria-label="筛选整改任务">
          <div className="gk-filter">
            <label htmlFor={stateId}>状态</label>
            <Select<TaskState | ''>
              id={stateId}
              style={{ width: 200 }}
              value={state ?? ''}
              options={[{ value: '', label: '全部' }, ...TASK_STATES.map((s) => ({ value: s, label: taskStateLabel(s) }))]}
              onChange={(v) => {
                setState(v || undefined);
                setPage(1);
              }}
            />
          </div>
          <div className="gk-filter">
            <Checkbox
              checked={overdue}
              onChange={(e) => {
                setOverdue(e.target.checked);
                setPage(1);
              }}
            >
              只看逾期
            </Checkbox>
          </div>
        </div>
        <ScrollRegion label="整改任务">
          <Table<TaskView>
            rowKey="id"
            size="small"
            caption={<span className="gk-visually-hidden">整改任务</span>}
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.loading}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: list.data?.total ?? 0,
              showSizeChanger: false,
              hideOnSinglePage: true,
              onChange: setPage,
            }}
            scroll={{ x: 1130 }}
            locale={{ emptyText: <TableEmpty loading={list.loading} text="没有整改任务" /> }}
          />
        </ScrollRegion>
      </Card>
      <TaskDrawer id={open} onClose={() => setOpen(null)} onChanged={list.reload} />
    </>
  );
}
