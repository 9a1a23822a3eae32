import { App, Button, Card, DatePicker, Descriptions, Form, Input, Popconfirm, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useState } from 'react';
import {
  DELIVERY_METHOD_LABELS,
  DELIVERY_METHODS,
  DeliverRequestSchema,
  type DeliveryMethod,
} from '../../../../common/schemas/disclosure-handling.ts';
import type { RequestDetail } from '../../api/disclosure.ts';
import { archiveRequest, assignRequest, recordDelivery } from '../../api/disclosure-handling.ts';
import { fetchOrgs } from '../../api/orgs.ts';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { OrgTreeSelect } from '../../components/OrgTreeSelect.tsx';
import { actionErrorText } from '../../lib/formErrors.ts';
import { useApiData } from '../../lib/useApiData.ts';

interface AssignForm {
  orgId?: string | null;
  reason?: string;
}

interface DeliveryForm {
  on?: Dayjs | null;
  method?: DeliveryMethod;
  trackingNumber?: string;
  receiptNote?: string;
}

/**
 * The file after registration: the org handling it and its assignment (转办), the deliveries of
 * the reply, and archiving. Each action shows only when the request's state allows it.
 */
export function RequestHandlingCard({ request, onChanged }: { request: RequestDetail; onChanged: () => void }) {
  const { message } = App.useApp();
  const [assignForm] = Form.useForm<AssignForm>();
  const [deliveryForm] = Form.useForm<DeliveryForm>();
  const method = Form.useWatch('method', deliveryForm);
  const [busy, setBusy] = useState<'assign' | 'deliver' | 'archive' | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  const loadOrgs = useCallback(
    (signal: AbortSignal) => (request.actions.assign ? fetchOrgs(signal) : Promise.resolve([])),
    [request.actions.assign],
  );
  const orgs = useApiData(loadOrgs);

  const run = async (what: 'assign' | 'deliver' | 'archive', action: () => Promise<unknown>, done: string) => {
    setBusy(what);
    setAlert(null);
    try {
      await action();
      void message.success(done);
      onChanged();
    } catch (e) {
      setAlert(actionErrorText(e));
    } finally {
      setBusy(null);
    }
  };

  const assign = (v: AssignForm) => {
    if (!v.orgId) return setAlert('请选择承办单位');
    const orgId = v.orgId;
    return run('assign', () => assignRequest(request.id, { orgId, reason: v.reason?.trim() || null }), '已转办');
  };

  const deliver = (v: DeliveryForm) => {
    const body = {
      on: v.on ? v.on.format('YYYY-MM-DD') : '',
      method: v.method,
      trackingNumber: v.method === 'post' ? v.trackingNumber?.trim() || null : null,
      receiptNote: v.receiptNote?.trim() || null,
    };
    const parsed = DeliverRequestSchema.safeParse(body);
    if (!parsed.success) return setAlert(parsed.error.issues[0]?.message ?? '请检查填写的内容');
    return run(
      'deliver',
      async () => {
        await recordDelivery(request.id, parsed.data);
        deliveryForm.resetFields();
      },
      '已登记送达',
    );
  };

  const assignments = request.events.filter((e) => e.type === 'assigned');
  return (
    <Card title="承办与归档" size="small" style={{ marginTop: 16 }}>
      <Descriptions
        size="small"
        column={2}
        items={[
          { key: 'org', label: '承办单位', children: request.orgName || '—' },
          { key: 'archived', label: '归档', children: request.archivedAt ? `已于 ${request.archivedAt.slice(0, 10)} 归档` : '未归档' },
          {
            key: 'assigned',
            label: '转办记录',
            span: 2,
            children: assignments.length ? assignments.map((e) => <div key={e.seq}>{e.text}</div>) : '—',
          },
          {
            key: 'delivered',
            label: '送达记录',
            span: 2,
            children: request.deliveries.length
              ? request.deliveries.map((d, i) => (
                  <div key={i}>
                    {d.on} {d.methodLabel}
                    {d.trackingNumber ? `，邮件单号 ${d.trackingNumber}` : ''}
                    {d.receiptNote ? `，${d.receiptNote}` : ''}
                  </div>
                ))
              : '—',
          },
        ]}
      />
      {request.actions.assign ? (
        <Form<AssignForm> form={assignForm} layout="vertical" onFinish={(v) => void assign(v)} style={{ marginTop: 12 }}>
          <Typography.Title level={5}>转办</Typography.Title>
          <Typography.Paragraph type="secondary">转办后由承办单位办理，答复期限仍自收到申请之日起计算。</Typography.Paragraph>
          <Form.Item label="承办单位" name="orgId" rules={[{ required: true, message: '请选择承办单位' }]}>
            <OrgTreeSelect orgs={orgs.data ?? []} disabledIds={new Set([request.orgId])} style={{ maxWidth: 420 }} />
          </Form.Item>
          <Form.Item label="转办说明" name="reason">
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          <Button htmlType="submit" loading={busy === 'assign'}>
            转办
          </Button>
        </Form>
      ) : null}
      {request.actions.deliver ? (
        <Form<DeliveryForm>
          form={deliveryForm}
          layout="vertical"
          onFinish={(v) => void deliver(v)}
          initialValues={{ on: dayjs(), method: 'post' }}
          style={{ marginTop: 12 }}
        >
          <Typography.Title level={5}>登记送达</Typography.Title>
          <Space wrap align="start">
            <Form.Item label="送达日期" name="on" rules={[{ required: true, message: '请选择送达日期' }]}>
              <DatePicker />
            </Form.Item>
            <Form.Item label="送达方式" name="method" rules={[{ required: true, message: '请选择送达方式' }]}>
              <Select options={DELIVERY_METHODS.map((m) => ({ value: m, label: DELIVERY_METHOD_LABELS[m] }))} style={{ width: 160 }} />
            </Form.Item>
            {method === 'post' ? (
              <Form.Item label="邮件单号" name="trackingNumber">
                <Input maxLength={40} style={{ width: 220 }} />
              </Form.Item>
            ) : null}
          </Space>
          <Form.Item label="签收说明" name="receiptNote">
            <Input maxLength={500} />
          </Form.Item>
          <Button htmlType="submit" loading={busy === 'deliver'}>
            登记送达
          </Button>
        </Form>
      ) : null}
      <FormErrorAlert text={alert} />
      {request.actions.archive ? (
        <Space style={{ marginTop: 12 }}>
          <Popconfirm
            title="归档后不能再记录任何办理环节，确定归档？"
            okText="归档"
            cancelText="取消"
            onConfirm={() => run('archive', () => archiveRequest(request.id), '已归档')}
          >
            <Button type="primary" loading={busy === 'archive'}>
              归档
            </Button>
          </Popconfirm>
        </Space>
      ) : null}
    </Card>
  );
}
