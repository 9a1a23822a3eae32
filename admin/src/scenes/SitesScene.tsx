import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Input, Select, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useCallback, useId, useMemo, useState } from 'react';
import { grantsAllow } from '../../../common/permissions.ts';
import { BUILD_STATUS_LABELS } from '../../../common/schemas/publishing.ts';
import type { SiteStatus } from '../../../common/schemas/sites.ts';
import { fetchOrgs } from '../api/orgs.ts';
import { requestPublication } from '../api/publishing.ts';
import { fetchSites, type Site, type SiteFilter } from '../api/sites.ts';
import { LoadErrorAlert } from '../components/LoadErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { SiteDrawer, type SiteDrawerProps } from '../features/sites/SiteDrawer.tsx';
import {
  HOSTING_OPTIONS,
  hostingLabel,
  KIND_OPTIONS,
  kindLabel,
  STATUS_OPTIONS,
  STATUS_TAG_COLORS,
  statusLabel,
  siteRows,
  type SiteRow,
} from '../features/sites/siteLabels.ts';
import { formatDateTime } from '../lib/datetime.ts';
import { actionErrorText } from '../lib/formErrors.ts';
import { useApiData } from '../lib/useApiData.ts';
import { useCurrentUser } from '../session/useSession.ts';

/** 网站列表: filters, flat or hierarchical view, register and edit sites. */
export default function SitesScene() {
  const user = useCurrentUser();
  const { message } = App.useApp();
  const canManage = user.permissions.includes('sites.manage');
  const ids = {
    status: useId(),
    kind: useId(),
    hosting: useId(),
    county: useId(),
    q: useId(),
    hierarchy: useId(),
  };

  const [filter, setFilter] = useState<SiteFilter>({});
  const [hierarchy, setHierarchy] = useState(false);
  const [drawer, setDrawer] = useState<SiteDrawerProps['target']>(null);

  const loadSites = useCallback((signal: AbortSignal) => fetchSites(filter, signal), [filter]);
  const sites = useApiData(loadSites);
  // Every visible site, unfiltered: parent names and the parent-site choice.
  const loadAll = useCallback((signal: AbortSignal) => fetchSites({}, signal), []);
  const allSites = useApiData(loadAll);
  const loadOrgs = useCallback((signal: AbortSignal) => fetchOrgs(signal), []);
  const orgs = useApiData(loadOrgs);

  const orgList = useMemo(() => orgs.data ?? [], [orgs.data]);
  const allList = useMemo(() => allSites.data ?? [], [allSites.data]);
  const orgNames = useMemo(() => new Map(orgList.map((o) => [o.id, o.name])), [orgList]);
  const siteNames = useMemo(() => new Map(allList.map((s) => [s.id, s.name])), [allList]);
  const countyOptions = useMemo(() => orgList.filter((o) => o.level === 'county').map((o) => ({ value: o.id, label: o.name })), [orgList]);
  const rows = useMemo(() => siteRows(sites.data ?? [], hierarchy), [sites.data, hierarchy]);

  /** A site administrator edits identity fields of their own sites; others only look. */
  const modeFor = (site: Site) => (canManage ? 'manage' : grantsAllow(user.grants, 'sites.edit', site.id) ? 'identity' : 'read');

  const setFilterValue = (key: keyof SiteFilter) => (value: string | undefined) => setFilter((f) => ({ ...f, [key]: value || undefined }));

  const republish = async (site: Site) => {
    try {
      const p = await requestPublication(site.id);
      void message.success(
        `已安排重新发布「${site.name}」${p.finishedAt ? `；上次发布于 ${formatDateTime(p.finishedAt)}（${BUILD_STATUS_LABELS[p.status]}）` : ''}`,
      );
    } catch (e) {
      void message.error(`重新发布失败：${actionErrorText(e)}`);
    }
  };

  const reloadAll = () => {
    sites.reload();
    allSites.reload();
  };

  const columns: TableColumnsType<SiteRow> = [
    {
      title: '网站名称',
      key: 'name',
      render: (_, s) => (
        <>
          <div>{s.name}</div>
          {(s.domains[0] ?? s.baseUrl) && <Typography.Text type="secondary">{s.domains[0] ?? s.baseUrl}</Typography.Text>}
        </>
      ),
    },
    { title: '网站标识码', key: 'code', render: (_, s) => s.code ?? <Typography.Text type="secondary">未填写</Typography.Text> },
    { title: '类型', key: 'kind', render: (_, s) => kindLabel(s.kind) },
    { title: '主办单位', key: 'sponsor', render: (_, s) => orgNames.get(s.sponsorOrgId) ?? '（未知单位）' },
    ...(hierarchy
      ? []
      : [
          {
            title: '上级网站',
            key: 'parent',
            render: (_: unknown, s: SiteRow) => (s.parentSiteId ? (siteNames.get(s.parentSiteId) ?? '（不可见）') : '无'),
          },
        ]),
    { title: '托管方式', key: 'hosting', render: (_, s) => hostingLabel(s.hosting) },
    {
      title: '状态',
      key: 'status',
      render: (_, s) => <Tag color={STATUS_TAG_COLORS[s.status as SiteStatus]}>{statusLabel(s.status)}</Tag>,
    },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      render: (_, s) => {
        const mode = modeFor(s);
        const publishable = s.hosting === 'hosted' && s.code !== null && s.status !== 'planned' && s.status !== 'closed';
        return (
          <>
            <Button
              type="link"
              size="small"
              onClick={() => setDrawer({ site: s, mode })}
              aria-label={`${mode === 'read' ? '查看' : '编辑'}${s.name}`}
            >
              {mode === 'read' ? '查看' : '编辑'}
            </Button>
            {publishable && (
              <Button type="link" size="small" href={`/sites/${s.code}/`} target="_blank" aria-label={`预览${s.name}的公众页面`}>
                预览
              </Button>
            )}
            {publishable && grantsAllow(user.grants, 'sites.edit', s.id) && (
              <Button type="link" size="small" onClick={() => void republish(s)} aria-label={`重新发布${s.name}`}>
                重新发布
              </Button>
            )}
          </>
        );
      },
    },
  ];

  return (
    <>
      <PageTitle
        title="网站列表"
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ mode: 'manage' })}>
              登记网站
            </Button>
          )
        }
      />
      {sites.error !== null && <LoadErrorAlert error={sites.error} what="网站列表" onRetry={sites.reload} />}
      {orgs.error !== null && <LoadErrorAlert error={orgs.error} what="单位列表" onRetry={orgs.reload} />}
      <div className="gk-filters" role="search" aria-label="筛选网站">
        <div className="gk-filter">
          <label htmlFor={ids.status}>状态</label>
          <Select id={ids.status} options={STATUS_OPTIONS} allowClear placeholder="全部" onChange={setFilterValue('status')} />
        </div>
        <div className="gk-filter">
          <label htmlFor={ids.kind}>类型</label>
          <Select id={ids.kind} options={KIND_OPTIONS} allowClear placeholder="全部" onChange={setFilterValue('kind')} />
        </div>
        <div className="gk-filter">
          <label htmlFor={ids.hosting}>托管方式</label>
          <Select id={ids.hosting} options={HOSTING_OPTIONS} allowClear placeholder="全部" onChange={setFilterValue('hosting')} />
        </div>
        <div className="gk-filter">
          <label htmlFor={ids.county}>所属县区</label>
          <Select
            id={ids.county}
            options={countyOptions}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="全部"
            onChange={setFilterValue('countyOrgId')}
          />
        </div>
        <div className="gk-filter">
          <label htmlFor={ids.q}>名称或标识码</label>
          <Input.Search
            id={ids.q}
            allowClear
            enterButton="查询"
            placeholder="输入关键词"
            maxLength={100}
            onSearch={(q) => setFilterValue('q')(q.trim())}
          />
        </div>
        <div className="gk-filter gk-filter-switch">
          <label htmlFor={ids.hierarchy}>按层级显示</label>
          <Switch id={ids.hierarchy} checked={hierarchy} onChange={setHierarchy} />
        </div>
      </div>
      <Table<SiteRow>
        key={hierarchy ? 'tree' : 'flat'}
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={sites.loading}
        caption={<span className="gk-visually-hidden">{hierarchy ? '网站列表（按层级）' : '网站列表'}</span>}
        expandable={hierarchy ? { defaultExpandAllRows: true } : {}}
        pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (total) => `共 ${total} 项`, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
      />
      <SiteDrawer target={drawer} sites={allList} orgs={orgList} onSaved={reloadAll} onClose={() => setDrawer(null)} />
    </>
  );
}
