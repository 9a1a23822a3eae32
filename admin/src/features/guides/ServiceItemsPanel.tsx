import { CloudUploadOutlined, DownloadOutlined, ExportOutlined, LinkOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Space, Tabs, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useNavigate } from 'react-router';
import { grantsAllow } from '../../../../common/permissions.ts';
import {
  checkServiceLinks,
  fetchGuideSettings,
  fetchReviewDueItems,
  fetchServiceItems,
  guideExportUrl,
  guideTemplateUrl,
  publishServiceItems,
  type PublishResult,
} from '../../api/guides.ts';
import type { Org } from '../../api/orgs.ts';
import { LoadErrorAlert } from '../../components/LoadErrorAlert.tsx';
import { actionErrorText } from '../../lib/formErrors.ts';
import { useApiData } from '../../lib/useApiData.ts';
import { NEW_SERVICE_ITEM_PATH } from '../../paths.ts';
import { useCurrentUser } from '../../session/useSession.ts';
import { itemFilter, PAGE_SIZES, publishOutcomeText, type ListQuery } from './guideLabels.ts';
import { ImportItemsModal } from './ImportItemsModal.tsx';
import { ItemFilters } from './ItemFilters.tsx';
import { PublishResultAlert } from './PublishResultAlert.tsx';
import { ServiceItemTable } from './ServiceItemTable.tsx';

export interface ServiceItemsPanelProps {
  siteId: string;
  siteName: string;
  query: ListQuery;
  onQuery: (patch: Partial<ListQuery>) => void;
  orgs: readonly Org[];
  /** The department of imported rows that name none, unless the user picks another. */
  defaultOrgId: string | null;
}

/**
 * One site's service items: the actions the user may take (新建, 导入, 模板, 导出, 检查链接,
 * 发布所选), the filtered list and the 待复核 list as tabs.
 */
export function ServiceItemsPanel({ siteId, siteName, query, onQuery, orgs, defaultOrgId }: ServiceItemsPanelProps) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const mayEdit = grantsAllow(user.grants, 'guides.edit', siteId);
  const mayPublish = grantsAllow(user.grants, 'guides.publish', siteId);

  const loadItems = useCallback((signal: AbortSignal) => fetchServiceItems(siteId, itemFilter(query), signal), [siteId, query]);
  const loadDue = useCallback((signal: AbortSignal) => fetchReviewDueItems(siteId, signal), [siteId]);
  const loadSettings = useCallback((signal: AbortSignal) => fetchGuideSettings(signal), []);
  const list = useApiData(loadItems);
  const due = useApiData(loadDue);
  const settings = useApiData(loadSettings);

  const [selected, setSelected] = useState<string[]>([]);
  const [busy, setBusy] = useState<'publish' | 'links' | null>(null);
  const [published, setPublished] = useState<PublishResult | null>(null);
  const [importing, setImporting] = useState(false);

  const reload = () => {
    list.reload();
    due.reload();
  };

  const publish = async () => {
    setBusy('publish');
    try {
      const result = await publishServiceItems(siteId, selected);
      setPublished(result);
      // Keep the refused ones chosen: once fixed (or left to another reviewer) they can go again.
      setSelected(result.refused.map((r) => r.id));
      if (result.refused.length === 0) void message.success(publishOutcomeText(result));
      reload();
    } catch (e) {
      void message.error(`发布失败：${actionErrorText(e)}`);
    } finally {
      setBusy(null);
    }
  };

  const checkLinks = async () => {
    setBusy('links');
    try {
      const r = await checkServiceLinks(siteId);
      void message[r.broken ? 'warning' : 'success'](`已检查 ${r.items} 个事项的 ${r.links} 个链接，失效 ${r.broken} 个`);
      reload();
    } catch (e) {
      void message.error(`检查链接失败：${actionErrorText(e)}`);
    } finally {
      setBusy(null);
    }
  };

  const dueCount = due.data?.length ?? 0;
  const interval = settings.data?.reviewIntervalDays;

  return (
    <>
      <Space wrap className="gk-block">
        {mayEdit && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => void navigate(`${NEW_SERVICE_ITEM_PATH}?${new URLSearchParams({ siteId }).toString()}`)}
          >
            新建事项
          </Button>
        )}
        {mayEdit && (
          <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
            导入
          </Button>
        )}
        {mayEdit && (
          <Button icon={<DownloadOutlined />} href={guideTemplateUrl()} download>
            下载模板
          </Button>
        )}
        <Button icon={<ExportOutlined />} href={guideExportUrl(siteId)} download>
          导出
        </Button>
        {(mayEdit || mayPublish) && (
          <Button icon={<LinkOutlined />} loading={busy === 'links'} disabled={busy === 'publish'} onClick={() => void checkLinks()}>
            立即检查链接
          </Button>
        )}
      </Space>
      {published && <PublishResultAlert result={published} onClose={() => setPublished(null)} />}
      <Tabs
        activeKey={query.tab}
        onChange={(tab) => onQuery({ tab: tab === 'reviewDue' ? 'reviewDue' : 'items' })}
        items={[
          {
            key: 'items',
            label: '全部事项',
            children: (
              <>
                <ItemFilters query={query} orgs={orgs} onChange={onQuery} />
                {list.error ? <LoadErrorAlert error={list.error} what="办事事项" onRetry={list.reload} /> : null}
                {mayPublish && (
                  <Space wrap className="gk-block">
                    <Button
                      type="primary"
                      icon={<CloudUploadOutlined />}
                      disabled={selected.length === 0 || busy === 'links'}
                      loading={busy === 'publish'}
                      onClick={() => void publish()}
                    >
                      发布所选
                    </Button>
                    <Button
                      disabled={!list.data?.items.length}
                      onClick={() => setSelected((ids) => [...new Set([...ids, ...(list.data?.items ?? []).map((i) => i.id)])])}
                    >
                      全选本页
                    </Button>
                    <Button disabled={selected.length === 0} onClick={() => setSelected([])}>
                      清除选择
                    </Button>
                    <Typography.Text aria-live="polite">
                      {selected.length
                        ? `已选择 ${selected.length} 个事项`
                        : '勾选要发布的事项；缺少必备要素的事项不能发布，不能发布自己最后修改的事项。'}
                    </Typography.Text>
                  </Space>
                )}
                <ServiceItemTable
                  label="办事事项列表"
                  items={list.data?.items ?? []}
                  loading={list.loading}
                  emptyText={query.state || query.incomplete || query.orgId || query.q ? '没有符合条件的事项' : '暂无事项'}
                  selection={mayPublish ? { selected, onChange: setSelected } : undefined}
                  pagination={{
                    current: query.page,
                    pageSize: query.pageSize,
                    total: list.data?.total ?? 0,
                    showSizeChanger: true,
                    pageSizeOptions: PAGE_SIZES.map(String),
                    showTotal: (total) => `共 ${total} 个`,
                    onChange: (page, pageSize) => onQuery(pageSize !== query.pageSize ? { page: 1, pageSize } : { page }),
                  }}
                />
              </>
            ),
          },
          {
            key: 'reviewDue',
            label: `待复核（${dueCount}）`,
            children: (
              <>
                <Typography.Paragraph type="secondary">
                  {`办事指南须定期复核${interval ? `（每 ${interval} 天）` : ''}：以下事项超过复核周期未复核。请逐项对照现行规定核对，需要修改的修改后保存；内容无误的，在事项页面点“标记已复核”。`}
                </Typography.Paragraph>
                {due.error ? <LoadErrorAlert error={due.error} what="待复核事项" onRetry={due.reload} /> : null}
                <ServiceItemTable label="待复核事项列表" items={due.data ?? []} loading={due.loading} emptyText="没有待复核的事项" />
              </>
            ),
          },
        ]}
      />
      {importing && (
        <ImportItemsModal
          siteId={siteId}
          siteName={siteName}
          orgs={orgs}
          defaultOrgId={defaultOrgId}
          onImported={reload}
          onFindCode={(code) => {
            setImporting(false);
            onQuery({ tab: 'items', q: code, state: '', incomplete: '', orgId: '' });
          }}
          onClose={() => setImporting(false)}
        />
      )}
    </>
  );
}
