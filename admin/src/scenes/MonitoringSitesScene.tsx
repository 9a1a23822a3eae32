import { Card, Input, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useCallback, useId, useMemo, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { fetchMonitoringSettings, type SiteHealth } from '../api/monitoring.ts';
import { fetchSites, type Site } from '../api/sites.ts';
import { LoadErrorAlert } from '../components/LoadErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { ScrollRegion } from '../components/ScrollRegion.tsx';
import { TableEmpty } from '../components/TableEmpty.tsx';
import { TAG_COLORS } from '../features/articles/articleLabels.ts';
import { MonitoringSettingsCard } from '../features/monitoring/MonitoringSettingsCard.tsx';
import { healthCounts, LEVEL_COLORS, LEVEL_LABELS, percentText } from '../features/monitoring/monitoringLabels.ts';
import '../features/monitoring/monitoring.css';
import { useSiteHealths } from '../features/monitoring/useSiteHealths.ts';
import { hostingLabel } from '../features/sites/siteLabels.ts';
import { useApiData } from '../lib/useApiData.ts';
import { hasAnyPermission } from '../navigation.ts';
import { MONITORING_FINDINGS_PATH, siteHealthPath } from '../paths.ts';
import { useCurrentUser } from '../session/useSession.ts';

const PAGE_SIZE = 20;

/** A cell that needs the site's health: the value once loaded, else what is happening. */
function healthCell(h: SiteHealth | 'error' | undefined, render: (h: SiteHealth) => ReactNode) {
  if (h === undefined) return <span className="gk-tree-meta">加载中…</span>;
  if (h === 'error') return <span className="gk-tree-meta">加载失败</span>;
  return render(h);
}

const countTag = (n: number, color: string) => (n > 0 ? <Tag color={color}>{n}</Tag> : 0);

/**
 * 监测概况 (supervisors): every site that is not closed, with its homepage's 7-day failure
 * ratio against the lines, its open veto and deduction findings and its overdue columns; each
 * opens the site's health. Those who set the policy (evaluation.manage) keep the availability
 * settings here too.
 */
export default function MonitoringSitesScene() {
  const user = useCurrentUser();
  const mayManage = hasAnyPermission(user.permissions, ['evaluation.manage']);
  const searchId = useId();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const loadSites = useCallback((signal: AbortSignal) => fetchSites({}, signal), []);
  const sites = useApiData(loadSites);
  const loadSettings = useCallback((signal: AbortSignal) => fetchMonitoringSettings(signal), []);
  const settings = useApiData(loadSettings);

  const rows = useMemo(() => {
    const needle = q.trim();
    return (sites.data ?? []).filter(
      (s) => s.status !== 'closed' && (!needle || s.name.includes(needle) || (s.code ?? '').includes(needle)),
    );
  }, [sites.data, q]);
  // Only the page shown asks for its sites' health.
  const shown = useMemo(() => rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((s) => s.id), [rows, page]);
  const healths = useSiteHealths(shown);

  const columns: TableColumnsType<Site> = [
    { title: '网站', key: 'name', render: (_, s) => <Link to={siteHealthPath(s.id)}>{s.name}</Link> },
    { title: '托管方式', key: 'hosting', width: 140, render: (_, s) => hostingLabel(s.hosting) },
    {
      title: '近 7 天失败率',
      key: 'ratio',
      width: 180,
      render: (_, s) =>
        healthCell(healths.byId.get(s.id), (h) =>
          h.availability.probes === 0 ? (
            <span className="gk-tree-meta">暂无探测</span>
          ) : (
            <>
              {`${percentText(h.availability.ratio)}（${h.availability.failures}/${h.availability.probes}）`}{' '}
              <Tag color={LEVEL_COLORS[h.availability.level]}>{LEVEL_LABELS[h.availability.level]}</Tag>
            </>
          ),
        ),
    },
    {
      title: '未解决：否决',
      key: 'veto',
      width: 100,
      align: 'right',
      render: (_, s) => healthCell(healths.byId.get(s.id), (h) => countTag(healthCounts(h).veto, TAG_COLORS.darkRed)),
    },
    {
      title: '未解决：扣分',
      key: 'deduction',
      width: 100,
      align: 'right',
      render: (_, s) => healthCell(healths.byId.get(s.id), (h) => countTag(healthCounts(h).deduction, TAG_COLORS.orange)),
    },
    {
      title: '超期栏目',
      key: 'overdue',
      width: 90,
      align: 'right',
      render: (_, s) => healthCell(healths.byId.get(s.id), (h) => countTag(healthCounts(h).overdueColumns, TAG_COLORS.darkRed)),
    },
    {
      title: '问题清单',
      key: 'findings',
      width: 90,
      render: (_, s) => (
        <Link to={`${MONITORING_FINDINGS_PATH}?${new URLSearchParams({ siteId: s.id }).toString()}`} aria-label={`查看问题：${s.name}`}>
          查看问题
        </Link>
      ),
    },
  ];

  return (
    <>
      <PageTitle title="监测概况" />
      <Typography.Paragraph type="secondary">
        {`各网站首页近 7 天的访问失败率${settings.data ? `（预警线 ${settings.data.alertPercent}%，否决线 ${settings.data.vetoPercent}%）` : ''}、未解决的否决和扣分问题以及超过更新要求的栏目。点击网站名称查看详细情况。`}
      </Typography.Paragraph>
      {sites.error ? <LoadErrorAlert error={sites.error} what="网站列表" onRetry={sites.reload} /> : null}
      <Card className="gk-block" title={<h2 className="gk-card-heading">各网站监测情况</h2>}>
        <div className="gk-filters" role="search" aria-label="筛选网站">
          <div className="gk-filter">
            <label htmlFor={searchId}>网站名称或标识码</label>
            <Input.Search
              id={searchId}
              allowClear
              enterButton="搜索"
              maxLength={50}
              onSearch={(v) => {
                setQ(v);
                setPage(1);
              }}
            />
          </div>
        </div>
        <ScrollRegion label="各网站监测情况">
          <Table<Site>
            rowKey="id"
            size="small"
            caption={<span className="gk-visually-hidden">各网站监测情况</span>}
            columns={columns}
            dataSource={rows}
            loading={sites.loading}
            pagination={{ current: page, pageSize: PAGE_SIZE, showSizeChanger: false, hideOnSinglePage: true, onChange: setPage }}
            scroll={{ x: 980 }}
            locale={{ emptyText: <TableEmpty loading={sites.loading} text="暂无网站" /> }}
          />
        </ScrollRegion>
      </Card>
      {mayManage ? (
        <>
          {settings.error ? <LoadErrorAlert error={settings.error} what="可用性监测设置" onRetry={settings.reload} /> : null}
          {settings.data ? (
            <MonitoringSettingsCard
              settings={settings.data}
              onSaved={() => {
                settings.reload();
                healths.reload();
              }}
            />
          ) : null}
        </>
      ) : null}
    </>
  );
}
