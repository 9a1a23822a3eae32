import { App, Alert, Button, Checkbox, Descriptions, Drawer, Form, Input, Select, Space, Timeline, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { LIFECYCLE_REQUEST_LABELS, LIFECYCLE_STEP_LABELS } from '../../../../common/schemas/site-lifecycle.ts';
import { fetchLifecycle, takeLifecycleStep, type LifecycleStep, type SiteLifecycle } from '../../api/lifecycle.ts';
import { LoadErrorAlert } from '../../components/LoadErrorAlert.tsx';
import { formatDateTime } from '../../lib/datetime.ts';
import { actionErrorText } from '../../lib/formErrors.ts';
import { useApiData } from '../../lib/useApiData.ts';
import { statusLabel } from './siteLabels.ts';

export interface LifecycleDrawerProps {
  site: { id: string; name: string } | null;
  /** Running sites a closure may name and portals a merger may go into. */
  successors: readonly { id: string; name: string; kind: string; status: string }[];
  onClose: () => void;
  onChanged: () => void;
}

const DATE_RULE = { pattern: /^\d{4}-\d{2}-\d{2}$/, message: '日期格式应为 YYYY-MM-DD' };

/** The fields each step asks for (the server checks them again with the shared schema). */
function StepFields({ step, successors }: { step: LifecycleStep; successors: LifecycleDrawerProps['successors'] }) {
  const running = successors.filter((s) => s.status === 'active');
  switch (step) {
    case 'requestOpen':
      return (
        <>
          <Form.Item label="请示内容" name="reason" rules={[{ required: true, message: '请填写请示内容' }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Form.Item label="请示文号" name="documentNo">
            <Input maxLength={100} />
          </Form.Item>
        </>
      );
    case 'approve':
      return (
        <Form.Item label="审批意见" name="opinion">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      );
    case 'reject':
      return (
        <Form.Item label="退回理由" name="opinion" rules={[{ required: true, message: '请填写退回理由' }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      );
    case 'goLive':
      return (
        <>
          <Form.Item label="网站标识码" name="code" extra="10 位数字，或 bm 加 8 位数字">
            <Input maxLength={10} />
          </Form.Item>
          <Form.Item label="ICP备案号" name="icpNumber">
            <Input maxLength={64} />
          </Form.Item>
          <Form.Item label="公安机关备案号" name="psbNumber">
            <Input maxLength={64} />
          </Form.Item>
          <Form.Item label="域名" name="domains" extra="以 .gov.cn 或 .政务 结尾；已登记的可不填">
            <Select mode="tags" tokenSeparators={[',', ' ']} open={false} />
          </Form.Item>
        </>
      );
    case 'takeOffline':
      return (
        <>
          <Form.Item label="下线公告（在网站各页面显示）" name="noticeText" rules={[{ required: true, message: '请填写下线公告' }]}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
          <Form.Item label="预计恢复日期" name="until" rules={[DATE_RULE]}>
            <Input placeholder="YYYY-MM-DD" maxLength={10} />
          </Form.Item>
        </>
      );
    case 'startMigration':
      return (
        <>
          <Form.Item label="迁移说明" name="reason" rules={[{ required: true, message: '请填写迁移说明' }]}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Form.Item label="完成期限" name="deadline" rules={[DATE_RULE]}>
            <Input placeholder="YYYY-MM-DD" maxLength={10} />
          </Form.Item>
        </>
      );
    case 'setDeadline':
      return (
        <>
          <Form.Item label="迁移或关停期限" name="deadline" rules={[DATE_RULE]} extra="留空表示取消期限">
            <Input placeholder="YYYY-MM-DD" maxLength={10} />
          </Form.Item>
          <Form.Item label="说明" name="note">
            <Input maxLength={500} />
          </Form.Item>
        </>
      );
    case 'requestClose':
    case 'requestMerge':
      return (
        <>
          <Form.Item label="理由" name="reason" rules={[{ required: true, message: '请填写理由' }]}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          {step === 'requestMerge' ? (
            <Form.Item label="整合到门户网站" name="parentSiteId" rules={[{ required: true, message: '请选择门户网站' }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={running.filter((s) => s.kind === 'portal').map((s) => ({ value: s.id, label: s.name }))}
              />
            </Form.Item>
          ) : (
            <>
              <Form.Item label="新网站（平台上的网站）" name="successorSiteId">
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  options={running.map((s) => ({ value: s.id, label: s.name }))}
                />
              </Form.Item>
              <Form.Item label="或新网址" name="successorUrl">
                <Input placeholder="https://" maxLength={500} />
              </Form.Item>
            </>
          )}
          <Form.Item label="公告补充内容" name="noticeText">
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          <Form.Item name="dataMigrated" valuePropName="checked">
            <Checkbox>数据已迁移或归档</Checkbox>
          </Form.Item>
        </>
      );
    default:
      return (
        <Form.Item label="说明" name="note">
          <Input maxLength={500} />
        </Form.Item>
      );
  }
}

/** Drops empty fields, so optional ones are left out rather than sent blank (setDeadline's empty date clears it). */
function bodyOf(step: LifecycleStep, values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = typeof v === 'string' ? v.trim() : v;
  }
  if (step === 'setDeadline' && out.deadline === undefined) out.deadline = null;
  return out;
}

/** A site's lifecycle: where it stands, its pending request, its timeline and the steps the user may take. */
export function LifecycleDrawer({ site, successors, onClose, onChanged }: LifecycleDrawerProps) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Record<string, unknown>>();
  const [step, setStep] = useState<LifecycleStep | null>(null);
  const [saving, setSaving] = useState(false);
  const siteId = site?.id ?? null;
  const load = useCallback(
    (signal: AbortSignal): Promise<SiteLifecycle | null> => (siteId ? fetchLifecycle(siteId, signal) : Promise.resolve(null)),
    [siteId],
  );
  const data = useApiData(load);
  const lc = data.data;

  const submit = async (values: Record<string, unknown>) => {
    if (!lc || !step || !siteId) return;
    setSaving(true);
    try {
      await takeLifecycleStep(siteId, step, { expectedSeq: lc.seq, ...bodyOf(step, values) });
      void message.success(`已${LIFECYCLE_STEP_LABELS[step]}`);
      setStep(null);
      form.resetFields();
      data.reload();
      onChanged();
    } catch (e) {
      void message.error(actionErrorText(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={site !== null}
      onClose={() => {
        setStep(null);
        onClose();
      }}
      title={site ? `网站生命周期：${site.name}` : ''}
      size="large"
      destroyOnHidden
    >
      {data.error !== null && <LoadErrorAlert error={data.error} what="网站生命周期" onRetry={data.reload} />}
      {lc && lc.siteId === siteId && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions
            column={1}
            size="small"
            items={[
              { key: 'status', label: '状态', children: statusLabel(lc.status) },
              ...(lc.deadline ? [{ key: 'deadline', label: '整合期限', children: lc.deadline }] : []),
              ...(lc.noticeUntil ? [{ key: 'notice', label: '公告', children: `${lc.noticeFrom ?? ''} 至 ${lc.noticeUntil}` }] : []),
              ...(lc.noticeText ? [{ key: 'text', label: '公告内容', children: lc.noticeText }] : []),
              ...(lc.successorUrl ? [{ key: 'url', label: '新网址', children: lc.successorUrl }] : []),
            ]}
          />
          {lc.request && (
            <Alert
              type="info"
              showIcon
              title={`${LIFECYCLE_REQUEST_LABELS[lc.request.kind]}申请${lc.request.state === 'pending' ? '待审批' : '已批准'}`}
              description={`${lc.request.requestedBy} 于 ${formatDateTime(lc.request.requestedAt)} 提交：${lc.request.reason}`}
            />
          )}
          {lc.steps.length > 0 && (
            <Space wrap>
              {lc.steps.map((s) => (
                <Button
                  key={s}
                  type={step === s ? 'primary' : 'default'}
                  onClick={() => {
                    form.resetFields();
                    setStep(s);
                  }}
                >
                  {LIFECYCLE_STEP_LABELS[s]}
                </Button>
              ))}
            </Space>
          )}
          {step && (
            <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} aria-label={LIFECYCLE_STEP_LABELS[step]}>
              <Typography.Title level={5}>{LIFECYCLE_STEP_LABELS[step]}</Typography.Title>
              {step === 'approve' && lc.request && lc.request.kind !== 'open' && (
                <Typography.Paragraph type="secondary">
                  批准后网站进入关停公示，公告在原网站各页面显示 {lc.noticeDays} 天，期满自动关停。
                </Typography.Paragraph>
              )}
              <StepFields step={step} successors={successors.filter((s) => s.id !== siteId)} />
              <Space>
                <Button type="primary" htmlType="submit" loading={saving}>
                  确定
                </Button>
                <Button onClick={() => setStep(null)}>取消</Button>
              </Space>
            </Form>
          )}
          <Typography.Title level={5}>办理记录</Typography.Title>
          {lc.events.length === 0 ? (
            <Typography.Text type="secondary">暂无记录</Typography.Text>
          ) : (
            <Timeline
              items={lc.events.map((e) => ({
                key: e.seq,
                content: (
                  <>
                    <strong>{LIFECYCLE_STEP_LABELS[e.step as LifecycleStep] ?? e.step}</strong>
                    {e.fromStatus !== e.toStatus ? `（${statusLabel(e.fromStatus)} → ${statusLabel(e.toStatus)}）` : null}
                    <div>
                      <Typography.Text type="secondary">
                        {formatDateTime(e.createdAt)} {e.approverName ?? e.actorName}
                      </Typography.Text>
                    </div>
                    {e.text ? <div>{e.text}</div> : null}
                  </>
                ),
              }))}
            />
          )}
        </Space>
      )}
    </Drawer>
  );
}
