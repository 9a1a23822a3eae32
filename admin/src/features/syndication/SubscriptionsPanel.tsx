import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Form, Popconfirm, Select, Table, Tag, type TableColumnsType } from 'antd';
import { useCallback, useMemo } from 'react';
import { CreateSubscriptionSchema } from '../../../../common/schemas/syndication.ts';
import {
  createSubscription,
  fetchSubscriptions,
  fetchSyndicationColumns,
  removeSubscription,
  type ColumnSubscription,
} from '../../api/syndication.ts';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { LoadErrorAlert } from '../../components/LoadErrorAlert.tsx';
import { TableEmpty } from '../../components/TableEmpty.tsx';
import { columnPathLabels } from '../articles/contentSites.ts';
import { formatDateTime } from '../../lib/datetime.ts';
import { actionErrorText } from '../../lib/formErrors.ts';
import { useApiData } from '../../lib/useApiData.ts';
import { useSubmitForm } from '../../lib/useSubmitForm.ts';

interface SubscriptionFormValues {
  columnId?: string;
  sourceSiteId?: string;
  sourceColumnId?: string;
  auto?: boolean;
}

const FIELDS = ['columnId', 'sourceColumnId', 'auto'];

/** A receiving site's subscriptions to columns of other sites: the list, an add form and removal. */
export function SubscriptionsPanel({ siteId, canManage }: { siteId: string; canManage: boolean }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<SubscriptionFormValues>();
  const submitForm = useSubmitForm({ form, fields: FIELDS });
  const load = useCallback((signal: AbortSignal) => fetchSubscriptions(siteId, signal), [siteId]);
  const subs = useApiData(load);
  const sites = useApiData(fetchSyndicationColumns);
  const sourceSiteId = Form.useWatch('sourceSiteId', form);

  const columnOptions = (id: string | undefined) => {
    const site = sites.data?.find((s) => s.siteId === id);
    if (!site) return [];
    const labels = columnPathLabels(site.columns);
    return site.columns.map((c) => ({ value: c.id, label: labels.get(c.id) ?? c.name }));
  };
  const ownColumns = columnOptions(siteId);
  const sourceSites = useMemo(
    () => (sites.data ?? []).filter((s) => s.siteId !== siteId).map((s) => ({ value: s.siteId, label: s.siteName })),
    [sites.data, siteId],
  );

  const add = (values: SubscriptionFormValues) =>
    submitForm.submit({
      schema: CreateSubscriptionSchema,
      body: { columnId: values.columnId ?? '', sourceColumnId: values.sourceColumnId ?? '', auto: values.auto ?? false },
      send: createSubscription,
      success: (s) => `${s.columnName}已订阅${s.sourceSiteName}“${s.sourceColumnName}”`,
      onSaved: () => {
        form.resetFields();
        subs.reload();
      },
    });

  const remove = async (s: ColumnSubscription) => {
    try {
      await removeSubscription(s.id);
      void message.success(`已取消订阅“${s.sourceColumnName}”`);
    } catch (e) {
      void message.error(`取消订阅失败：${actionErrorText(e)}`);
    } finally {
      subs.reload();
    }
  };

  const columns: TableColumnsType<ColumnSubscription> = [
    { title: '本网站栏目', dataIndex: 'columnName', key: 'column' },
    { title: '来源网站', dataIndex: 'sourceSiteName', key: 'sourceSite' },
    { title: '来源栏目', dataIndex: 'sourceColumnName', key: 'sourceColumn' },
    { title: '采用方式', key: 'auto', width: 110, render: (_, s) => (s.auto ? <Tag color="green">自动采用</Tag> : <Tag>逐条审核</Tag>) },
    { title: '订阅时间', key: 'createdAt', width: 150, render: (_, s) => formatDateTime(s.createdAt) },
    ...(canManage
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 100,
            render: (_: unknown, s: ColumnSubscription) => (
              <Popconfirm
                title={`取消订阅“${s.sourceColumnName}”？`}
                okText="取消订阅"
                okButtonProps={{ danger: true }}
                cancelText="返回"
                onConfirm={() => remove(s)}
              >
                <Button type="link" size="small" danger>
                  取消订阅<span className="gk-visually-hidden">{s.sourceColumnName}</span>
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      {canManage && (
        <>
          <FormErrorAlert text={submitForm.alert} />
          <Form form={form} layout="inline" name="subscription" onFinish={(v) => void add(v)} className="gk-block">
            <Form.Item name="columnId" label="本网站栏目" required>
              <Select options={ownColumns} style={{ width: 200 }} showSearch={{ optionFilterProp: 'label' }} />
            </Form.Item>
            <Form.Item name="sourceSiteId" label="来源网站" required>
              <Select
                options={sourceSites}
                style={{ width: 220 }}
                showSearch={{ optionFilterProp: 'label' }}
                onChange={() => form.setFieldValue('sourceColumnId', undefined)}
              />
            </Form.Item>
            <Form.Item name="sourceColumnId" label="来源栏目" required>
              <Select options={columnOptions(sourceSiteId)} style={{ width: 200 }} showSearch={{ optionFilterProp: 'label' }} />
            </Form.Item>
            <Form.Item name="auto" valuePropName="checked">
              <Checkbox>自动采用（不逐条审核）</Checkbox>
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={submitForm.saving}>
                订阅
              </Button>
            </Form.Item>
          </Form>
        </>
      )}
      {subs.error !== null && <LoadErrorAlert error={subs.error} what="订阅" onRetry={subs.reload} />}
      {sites.error !== null && <LoadErrorAlert error={sites.error} what="栏目" onRetry={sites.reload} />}
      <Table<ColumnSubscription>
        rowKey="id"
        size="small"
        caption={<span className="gk-visually-hidden">本网站栏目的订阅</span>}
        columns={columns}
        dataSource={subs.data ?? []}
        loading={subs.loading}
        pagination={false}
        locale={{ emptyText: <TableEmpty loading={subs.loading} text="尚未订阅其他网站的栏目" /> }}
      />
    </>
  );
}
