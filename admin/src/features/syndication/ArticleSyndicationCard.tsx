import { SendOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Select, Table, Tag, type TableColumnsType } from 'antd';
import { useCallback, useMemo } from 'react';
import { SYNDICATION_STATE_LABELS } from '../../../../common/schemas/syndication.ts';
import { fetchArticleSyndications, fetchSyndicationColumns, pushArticle, type SyndicationEntry } from '../../api/syndication.ts';
import { LoadErrorAlert } from '../../components/LoadErrorAlert.tsx';
import { TableEmpty } from '../../components/TableEmpty.tsx';
import { formatDateTime } from '../../lib/datetime.ts';
import { actionErrorText } from '../../lib/formErrors.ts';
import { useApiData } from '../../lib/useApiData.ts';
import { columnPathLabels } from '../articles/contentSites.ts';

/** Where a published article is shared on other sites, and pushing it to a column of another site. */
export function ArticleSyndicationCard({ articleId, siteId, canPush }: { articleId: string; siteId: string; canPush: boolean }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ columnId?: string }>();
  const load = useCallback((signal: AbortSignal) => fetchArticleSyndications(articleId, signal), [articleId]);
  const entries = useApiData(load);
  const loadSites = useCallback((signal: AbortSignal) => (canPush ? fetchSyndicationColumns(signal) : Promise.resolve([])), [canPush]);
  const sites = useApiData(loadSites);
  const targets = useMemo(
    () =>
      (sites.data ?? [])
        .filter((s) => s.siteId !== siteId)
        .map((s) => {
          const labels = columnPathLabels(s.columns);
          return {
            label: s.siteName,
            options: s.columns.map((c) => ({ value: c.id, label: `${s.siteName} / ${labels.get(c.id) ?? c.name}` })),
          };
        }),
    [sites.data, siteId],
  );

  const push = async ({ columnId }: { columnId?: string }) => {
    if (!columnId) return;
    try {
      const e = await pushArticle({ articleId, columnId });
      void message.success(`已推送到${e.siteName}“${e.columnName}”，待对方采用`);
      form.resetFields();
    } catch (err) {
      void message.error(`推送失败：${actionErrorText(err)}`);
    } finally {
      entries.reload();
    }
  };

  const columns: TableColumnsType<SyndicationEntry> = [
    { title: '网站', dataIndex: 'siteName', key: 'site' },
    { title: '栏目', dataIndex: 'columnName', key: 'column' },
    { title: '状态', key: 'state', width: 90, render: (_, e) => <Tag>{SYNDICATION_STATE_LABELS[e.state]}</Tag> },
    { title: '时间', key: 'at', width: 150, render: (_, e) => formatDateTime(e.decidedAt ?? e.offeredAt) },
  ];

  return (
    <Card className="gk-block" title={<h2 className="gk-card-heading">信息共享</h2>}>
      {canPush && (
        <Form form={form} layout="inline" name="push" onFinish={(v) => void push(v)} className="gk-block">
          <Form.Item name="columnId" label="推送到其他网站栏目" required>
            <Select options={targets} style={{ width: 320 }} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
          <Form.Item>
            <Button htmlType="submit" icon={<SendOutlined />}>
              推送
            </Button>
          </Form.Item>
        </Form>
      )}
      {entries.error !== null && <LoadErrorAlert error={entries.error} what="共享情况" onRetry={entries.reload} />}
      <Table<SyndicationEntry>
        rowKey="id"
        size="small"
        caption={<span className="gk-visually-hidden">本信息在其他网站的共享情况</span>}
        columns={columns}
        dataSource={entries.data ?? []}
        loading={entries.loading}
        pagination={false}
        locale={{ emptyText: <TableEmpty loading={entries.loading} text="尚未共享到其他网站" /> }}
      />
    </Card>
  );
}
