import { Button, Card, Descriptions, Drawer, Form, Input, Radio, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import type { z } from 'zod';
import {
  DecideDismissalSchema,
  PROBLEM_CATEGORY_LABELS,
  ReportFixSchema,
  RequestDismissalSchema,
  TASK_EVENT_LABELS,
  VerifyTaskSchema,
} from '../../../../common/schemas/evaluation.ts';
import { decideDismissal, fetchTask, reportFix, requestDismissal, verifyTask, type TaskDetail } from '../../api/evaluation.ts';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { LoadErrorAlert } from '../../components/LoadErrorAlert.tsx';
import { formatDateTime } from '../../lib/datetime.ts';
import { useApiData } from '../../lib/useApiData.ts';
import { useSubmitForm } from '../../lib/useSubmitForm.ts';
import { findingPath } from '../../paths.ts';
import { useCurrentUser } from '../../session/useSession.ts';
import { TAG_COLORS } from '../articles/articleLabels.ts';
import { periodLabel, TASK_STATE_COLORS, taskStateLabel } from './evaluationLabels.ts';
import { taskActions, type TaskActionSpec } from './taskActions.ts';

/** A rectification task with its history and the actions open to the user; `id` null: closed. */
export function TaskDrawer({ id, onClose, onChanged }: { id: string | null; onClose: () => void; onChanged: () => void }) {
  return (
    <Drawer open={id !== null} title="整改任务" size={720} onClose={onClose} destroyOnHidden>
      {id !== null ? <TaskDrawerBody key={id} id={id} onChanged={onChanged} /> : null}
    </Drawer>
  );
}

function TaskDrawerBody({ id, onChanged }: { id: string; onChanged: () => void }) {
  const user = useCurrentUser();
  const load = useCallback((signal: AbortSignal) => fetchTask(id, signal), [id]);
  const detail = useApiData<TaskDetail>(load);
  if (detail.error) return <LoadErrorAlert error={detail.error} what="整改任务" onRetry={detail.reload} />;
  const t = detail.data;
  if (!t)
    return (
      <Space>
        <Spin size="small" />
        <span>加载中…</span>
      </Space>
    );
  const actions = taskActions(t, user.permissions);
  return (
    <>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label="网站">{t.siteName}</Descriptions.Item>
        <Descriptions.Item label="责任单位">{t.orgName}</Descriptions.Item>
        <Descriptions.Item label="抽查">{`${t.batchName}（${periodLabel(t.period)}）`}</Descriptions.Item>
        <Descriptions.Item label="失分指标">
          {t.indicator}
          {t.kind === 'veto' ? <Tag color={TAG_COLORS.darkRed}>单项否决</Tag> : <Tag>{`扣 ${t.points ?? 0} 分`}</Tag>}
          {t.category ? <Tag>{PROBLEM_CATEGORY_LABELS[t.category]}</Tag> : null}
        </Descriptions.Item>
        <Descriptions.Item label="状态">
          <Tag color={TASK_STATE_COLORS[t.state]}>{taskStateLabel(t.state)}</Tag>
          {t.overdue ? <Tag color={TAG_COLORS.darkRed}>已逾期</Tag> : null}
          {t.escalatedAt ? <Tag color={TAG_COLORS.orange}>已督办</Tag> : null}
        </Descriptions.Item>
        <Descriptions.Item label="整改期限">{t.deadline}</Descriptions.Item>
        <Descriptions.Item label="复查方式">{t.recheck === 'auto' ? '报送后系统自动复查' : '由检查人员人工复查'}</Descriptions.Item>
        <Descriptions.Item label={`问题（${t.findingCount} 条）`}>
          {t.findingIds.length === 0 ? (
            '—'
          ) : (
            <Space wrap>
              {t.findingIds.slice(0, 20).map((f, i) => (
                <Link key={f} to={findingPath(f)}>{`问题 ${i + 1}`}</Link>
              ))}
              {t.findingCount > 20 ? <span>{`等 ${t.findingCount} 条`}</span> : null}
            </Space>
          )}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={2} className="gk-card-heading" style={{ marginTop: 24 }}>
        办理记录
      </Typography.Title>
      <Timeline
        items={t.events.map((e) => ({
          key: e.seq,
          content: (
            <>
              <div>
                <strong>{TASK_EVENT_LABELS[e.event]}</strong>
                <span className="gk-tree-meta">{` ${formatDateTime(e.at)} · ${e.actor}`}</span>
              </div>
              {e.note ? <div>{e.note}</div> : null}
            </>
          ),
        }))}
      />
      {actions.length > 0 ? (
        <TaskActionCard
          // A new state offers new actions: start the form afresh.
          key={`${t.state}:${t.events.length}`}
          task={t}
          actions={actions}
          onDone={() => {
            detail.reload();
            onChanged();
          }}
        />
      ) : null}
    </>
  );
}

type ActionValues = { action: TaskActionSpec['key'] } & Record<string, unknown>;

/** Per action: the schema the server checks, the names of its fields, and the call. */
const ACTION_REQUESTS: Record<
  TaskActionSpec['key'],
  { schema: z.ZodType; text: string; choice?: string; run: (id: string, body: Record<string, unknown>) => Promise<TaskDetail> }
> = {
  report: { schema: ReportFixSchema, text: 'note', run: (id, b) => reportFix(id, b.note as string) },
  requestDismissal: { schema: RequestDismissalSchema, text: 'reason', run: (id, b) => requestDismissal(id, b.reason as string) },
  verify: { schema: VerifyTaskSchema, text: 'note', choice: 'fixed', run: (id, b) => verifyTask(id, b.fixed === true, b.note as string) },
  decideDismissal: {
    schema: DecideDismissalSchema,
    text: 'opinion',
    choice: 'approve',
    run: (id, b) => decideDismissal(id, b.approve === true, b.opinion as string),
  },
};

function TaskActionCard({ task, actions, onDone }: { task: TaskDetail; actions: TaskActionSpec[]; onDone: () => void }) {
  const [form] = Form.useForm<ActionValues>();
  const submitForm = useSubmitForm({ form, fields: ['note', 'reason', 'opinion', 'fixed', 'approve'] });
  const [action, setAction] = useState<TaskActionSpec>(actions[0]!);
  const request = ACTION_REQUESTS[action.key];
  const save = (v: ActionValues) => {
    const body: Record<string, unknown> = { [request.text]: v[request.text] ?? '' };
    if (request.choice) body[request.choice] = v[request.choice];
    return submitForm.submit({
      schema: request.schema,
      body,
      send: () => request.run(task.id, body),
      success: `${action.label}：已提交`,
      onSaved: () => {
        form.resetFields();
        onDone();
      },
    });
  };
  return (
    <Card size="small" title={<h2 className="gk-card-heading">办理</h2>}>
      <Form<ActionValues>
        form={form}
        name="rectification-action"
        layout="vertical"
        initialValues={{ action: actions[0]!.key }}
        onValuesChange={(changed: Partial<ActionValues>) => {
          submitForm.markDirty();
          if (changed.action) setAction(actions.find((a) => a.key === changed.action)!);
        }}
        onFinish={(v) => void save(v)}
      >
        {actions.length > 1 ? (
          <Form.Item label="办理事项" name="action">
            <Radio.Group options={actions.map((a) => ({ value: a.key, label: a.label }))} />
          </Form.Item>
        ) : null}
        {action.choice && request.choice ? (
          <Form.Item label={action.choice.label} name={request.choice} required>
            <Radio.Group
              options={[
                { value: true, label: action.choice.yes },
                { value: false, label: action.choice.no },
              ]}
            />
          </Form.Item>
        ) : null}
        <Form.Item label={action.textLabel} name={request.text} required>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        <FormErrorAlert text={submitForm.alert} />
        <Button type="primary" htmlType="submit" loading={submitForm.saving}>
          {action.label}
        </Button>
      </Form>
    </Card>
  );
}
