import { Alert, Button, Card, Descriptions, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { Breakdowns } from '../features/evaluation/Breakdowns.tsx';
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { INTERVIEW_REASON_LABELS } from '../../../common/schemas/evaluation.ts';
import { fetchInterviewCandidates, fetchSpotCheck, type BatchResultView, type InterviewCandidate } from '../api/evaluation.ts';
import { FormModal } from '../components/FormModal.tsx';
import { LoadErrorAlert } from '../components/LoadErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { ScrollRegion } from '../components/ScrollRegion.tsx';
import { TableEmpty } from '../components/TableEmpty.tsx';
import { TAG_COLORS } from '../features/articles/articleLabels.ts';
import {
  BATCH_STATE_COLORS,
  batchStateLabel,
  periodLabel,
  scoreText,
  trendText,
  verdictTag,
} from '../features/evaluation/evaluationLabels.ts';
import { InterviewForm } from '../features/evaluation/InterviewForm.tsx';
import { IssueTasksForm } from '../features/evaluation/IssueTasksForm.tsx';
import { NoticeForm } from '../features/evaluation/NoticeForm.tsx';
import { formatDateTime } from '../lib/datetime.ts';
import { useApiData } from '../lib/useApiData.ts';
import { RECTIFICATION_PATH, siteHealthPath, SPOT_CHECKS_PATH } from '../paths.ts';

/** Seconds between reloads while the batch is still being scored. */
const POLL_MS = 3000;

/**
 * One spot check: how it was drawn (the seed), the ranked results beside the previous period,
 * what each site lost, and the office's work from it — the circular, the rectification tasks
 * and the interviews of repeat offenders.
 */
export default function SpotCheckScene() {
  const { id = '' } = useParams();
  const [minLetters, setMinLetters] = useState<number | null>(null);
  const load = useCallback((signal: AbortSignal) => fetchSpotCheck(id, minLetters ?? undefined, signal), [id, minLetters]);
  const detail = useApiData(load);
  const loadCandidates = useCallback((signal: AbortSignal) => fetchInterviewCandidates(id, signal), [id]);
  const candidates = useApiData(loadCandidates);
  const [dialog, setDialog] = useState<'notice' | 'tasks' | null>(null);
  const [interviewing, setInterviewing] = useState<InterviewCandidate | null>(null);
  const batch = detail.data?.batch;
  const done = batch?.state === 'done';
  const { reload } = detail;

  useEffect(() => {
    if (!batch || done) return;
    const t = setTimeout(reload, POLL_MS);
    return () => clearTimeout(t);
  }, [batch, done, reload]);

  const columns: TableColumnsType<BatchResultView> = [
    { title: '名次', key: 'rank', width: 64, render: (_, r) => r.rank ?? '—' },
    { title: '网站', key: 'site', render: (_, r) => <Link to={siteHealthPath(r.siteId)}>{r.siteName}</Link> },
    {
      title: '结论',
      key: 'verdict',
      width: 150,
      render: (_, r) => {
        const v = verdictTag(r.verdict);
        return (
          <>
            <Tag color={v.color}>{v.text}</Tag>
            {r.repeatFailure ? <Tag color={TAG_COLORS.darkRed}>连续不合格</Tag> : null}
          </>
        );
      },
    },
    { title: '得分', key: 'score', width: 90, align: 'right', render: (_, r) => scoreText(r) },
    { title: '较上期', key: 'trend', width: 90, align: 'right', render: (_, r) => trendText(r) },
    {
      title: '失分情况',
      key: 'lost',
      render: (_, r) =>
        r.vetoes.length + r.deductions.length === 0 ? (
          <span className="gk-tree-meta">无</span>
        ) : (
          <Space size={[4, 4]} wrap>
            {r.vetoes.map((v) => (
              <Tag key={v.code} color={TAG_COLORS.darkRed}>{`${v.indicator}（否决，${v.findingCount} 条问题）`}</Tag>
            ))}
            {r.deductions.map((d) => (
              <Tag key={d.code}>{`${d.indicator} −${d.points}`}</Tag>
            ))}
          </Space>
        ),
    },
  ];

  if (detail.error) return <LoadErrorAlert error={detail.error} what="抽查结果" onRetry={detail.reload} />;
  return (
    <>
      <PageTitle
        title={batch?.name ?? '抽查结果'}
        extra={
          <Space>
            <Button onClick={() => setDialog('notice')} disabled={!done}>
              起草通报
            </Button>
            <Button type="primary" onClick={() => setDialog('tasks')} disabled={!done}>
              下发整改
            </Button>
          </Space>
        }
      />
      <p>
        <Link to={SPOT_CHECKS_PATH}>返回抽查列表</Link>
        {' · '}
        <Link to={`${RECTIFICATION_PATH}?${new URLSearchParams({ batchId: id }).toString()}`}>查看本次整改任务</Link>
      </p>
      {batch ? (
        <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} className="gk-block">
          <Descriptions.Item label="期间">{periodLabel(batch.period)}</Descriptions.Item>
          <Descriptions.Item label="检查日期">{batch.asOf}</Descriptions.Item>
          <Descriptions.Item label="指标体系">{`${batch.system.name}（第 ${batch.system.version} 版）`}</Descriptions.Item>
          <Descriptions.Item label="范围">
            {batch.scope === 'all' ? `全部网站（${batch.sites} 个）` : `随机抽取 ${batch.sites} 个网站，随机种子 ${batch.seed ?? '—'}`}
          </Descriptions.Item>
          <Descriptions.Item label="状态">
            <Tag color={BATCH_STATE_COLORS[batch.state]}>{batchStateLabel(batch.state)}</Tag>
            {done ? null : `已评 ${batch.scored}/${batch.sites}`}
          </Descriptions.Item>
          <Descriptions.Item label="创建">{`${formatDateTime(batch.createdAt)} ${batch.createdBy}`}</Descriptions.Item>
        </Descriptions>
      ) : null}
      {batch && !done ? <Alert type="info" showIcon title="正在评分，页面会自动刷新。" /> : null}
      <Card className="gk-block" title={<h2 className="gk-card-heading">检查结果排名</h2>}>
        <ScrollRegion label="检查结果排名">
          <Table<BatchResultView>
            rowKey="siteId"
            size="small"
            caption={<span className="gk-visually-hidden">检查结果排名</span>}
            columns={columns}
            dataSource={detail.data?.results ?? []}
            loading={detail.loading && !detail.data}
            pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
            scroll={{ x: 980 }}
            locale={{ emptyText: <TableEmpty loading={detail.loading} text="没有结果" /> }}
          />
        </ScrollRegion>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          合格网站按得分排名，其后为不合格网站和被单项否决的网站。“较上期”为与上一期间最近一次完成的抽查相比。
        </Typography.Paragraph>
      </Card>
      {detail.data ? <Breakdowns detail={detail.data} minLetters={minLetters} onMinLetters={setMinLetters} /> : null}
      <Card className="gk-block" title={<h2 className="gk-card-heading">约谈问责对象</h2>}>
        {candidates.error ? <LoadErrorAlert error={candidates.error} what="约谈问责对象" onRetry={candidates.reload} /> : null}
        <Table<InterviewCandidate>
          rowKey="siteId"
          size="small"
          caption={<span className="gk-visually-hidden">约谈问责对象</span>}
          dataSource={candidates.data ?? []}
          loading={candidates.loading}
          pagination={false}
          locale={{ emptyText: <TableEmpty loading={candidates.loading} text="没有连续两期不合格或整改逾期的网站" /> }}
          columns={[
            { title: '网站', key: 'site', render: (_, c) => c.siteName },
            { title: '主办单位', key: 'org', width: 220, render: (_, c) => c.orgName },
            { title: '原因', key: 'reasons', render: (_, c) => c.reasons.map((r) => INTERVIEW_REASON_LABELS[r]).join('；') },
            { title: '已约谈', key: 'held', width: 90, render: (_, c) => (c.interviews > 0 ? `${c.interviews} 次` : '未约谈') },
            {
              title: '操作',
              key: 'act',
              width: 110,
              render: (_, c) => (
                <Button size="small" onClick={() => setInterviewing(c)} aria-label={`记录约谈：${c.siteName}`}>
                  记录约谈
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <FormModal open={dialog === 'notice'} title="起草通报" width={680} onClose={() => setDialog(null)}>
        {(cb) => (
          <NoticeForm
            batchId={id}
            year={(batch?.asOf ?? '').slice(0, 4)}
            onDone={cb.onDone}
            onCancel={cb.onCancel}
            onDirtyChange={cb.onDirtyChange}
          />
        )}
      </FormModal>
      <FormModal open={dialog === 'tasks'} title="下发整改" onClose={() => setDialog(null)}>
        {(cb) => (
          <IssueTasksForm
            batchId={id}
            onSaved={() => {
              cb.onDone();
              candidates.reload();
            }}
            onCancel={cb.onCancel}
            onDirtyChange={cb.onDirtyChange}
          />
        )}
      </FormModal>
      <FormModal open={interviewing !== null} title={`记录约谈：${interviewing?.siteName ?? ''}`} onClose={() => setInterviewing(null)}>
        {(cb) =>
          interviewing ? (
            <InterviewForm
              batchId={id}
              candidate={interviewing}
              onSaved={() => {
                cb.onDone();
                candidates.reload();
              }}
              onCancel={cb.onCancel}
              onDirtyChange={cb.onDirtyChange}
            />
          ) : null
        }
      </FormModal>
    </>
  );
}
