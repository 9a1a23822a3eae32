import { Alert, Card, Empty, Select, Spin, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useCallback, useId } from 'react';
import { useSearchParams } from 'react-router';
import { grantsAllow } from '../../../common/permissions.ts';
import { WEBSITE_REPORT_STATE_LABELS, type WebsiteReportStatus } from '../../../common/schemas/website-report.ts';
import { fetchWebsiteReport, fetchWebsiteReportReminder, fetchWebsiteReportStatuses } from '../api/evaluation.ts';
import { LoadErrorAlert } from '../components/LoadErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { ScrollRegion } from '../components/ScrollRegion.tsx';
import { SiteChoice } from '../components/SiteChoice.tsx';
import { TableEmpty } from '../components/TableEmpty.tsx';
import { TAG_COLORS } from '../features/articles/articleLabels.ts';
import { WebsiteReportForm } from '../features/evaluation/WebsiteReportForm.tsx';
import { usePermittedSites } from '../features/sites/usePermittedSites.ts';
import { chinaDate, formatDateTime } from '../lib/datetime.ts';
import { useApiData } from '../lib/useApiData.ts';
import { useCurrentUser } from '../session/useSession.ts';

/** The year whose report is filed now: the one just ended. */
const reportYear = (today: string) => Number(today.slice(0, 4)) - 1;

function SiteReport({ siteId, year, canEdit, canSubmit }: { siteId: string; year: number; canEdit: boolean; canSubmit: boolean }) {
  const load = useCallback((signal: AbortSignal) => fetchWebsiteReport(year, siteId, signal), [year, siteId]);
  const report = useApiData(load);
  const loadReminder = useCallback((signal: AbortSignal) => fetchWebsiteReportReminder(siteId, signal), [siteId]);
  const reminder = useApiData(loadReminder);
  if (report.error) return <LoadErrorAlert error={report.error} what="年度报表" onRetry={report.reload} />;
  if (!report.data) return <Spin />;
  const r = reminder.data?.reminder;
  return (
    <>
      {r && r.year === year ? (
        <Alert
          className="gk-block"
          type="warning"
          showIcon
          title={`${r.year}年度政府网站工作年度报表尚未发布，距 1 月 31 日截止还有 ${r.daysLeft} 天（${r.remindedOn} 提醒）。`}
        />
      ) : null}
      <WebsiteReportForm
        // A fresh form for each saved version.
        key={`${report.data.siteId}:${report.data.year}:${report.data.version}:${report.data.state}`}
        report={report.data}
        canEdit={canEdit}
        canSubmit={canSubmit}
        onChanged={() => report.reload()}
      />
    </>
  );
}

function Statuses({ year, onOpen }: { year: number; onOpen: (siteId: string) => void }) {
  const load = useCallback((signal: AbortSignal) => fetchWebsiteReportStatuses(year, signal), [year]);
  const list = useApiData(load);
  const columns: TableColumnsType<WebsiteReportStatus> = [
    {
      title: '网站',
      key: 'site',
      render: (_, s) => <Typography.Link onClick={() => onOpen(s.siteId)}>{s.siteName}</Typography.Link>,
    },
    {
      title: '状态',
      key: 'state',
      width: 160,
      render: (_, s) => (
        <>
          <Tag color={s.state === 'published' ? TAG_COLORS.green : s.state === 'submitted' ? 'blue' : undefined}>
            {WEBSITE_REPORT_STATE_LABELS[s.state]}
          </Tag>
          {s.late ? <Tag color={TAG_COLORS.darkRed}>逾期未发布</Tag> : null}
        </>
      ),
    },
    { title: '未填项', key: 'missing', width: 90, render: (_, s) => s.missing },
    { title: '发布时间', key: 'published', width: 180, render: (_, s) => (s.publishedAt ? formatDateTime(s.publishedAt) : '—') },
  ];
  return (
    <Card className="gk-block" title={<h2 className="gk-card-heading">各网站{year}年度报表</h2>}>
      {list.error ? <LoadErrorAlert error={list.error} what="年度报表情况" onRetry={list.reload} /> : null}
      <ScrollRegion label="各网站年度报表">
        <Table<WebsiteReportStatus>
          rowKey="siteId"
          size="small"
          caption={<span className="gk-visually-hidden">各网站年度报表</span>}
          columns={columns}
          dataSource={list.data ?? []}
          loading={list.loading}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: <TableEmpty loading={list.loading} text="没有托管网站" /> }}
        />
      </ScrollRegion>
    </Card>
  );
}

/**
 * 网站年度报表: the 政府网站工作年度报表 a hosted site files for the year just ended by 31
 * January (国办函〔2018〕12号): its administrators fill in what the platform cannot count, its
 * editors submit it for review; supervisors see every site's state.
 */
export default function WebsiteReportScene() {
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const sites = usePermittedSites(['sites.edit', 'content.author', 'evaluation.manage'], params.get('siteId'));
  const yearId = useId();
  const thisYear = Number(chinaDate().slice(0, 4));
  const year = Number(params.get('year')) || reportYear(chinaDate());
  const supervises = grantsAllow(user.grants, 'evaluation.manage');
  const { siteId } = sites;
  const set = (patch: Record<string, string>) => setParams({ ...Object.fromEntries(params), ...patch }, { replace: true });

  return (
    <>
      <PageTitle title="网站年度报表" />
      <Typography.Paragraph type="secondary">
        政府网站工作年度报表每年 1 月 31
        日前在网站首页发布。标为“平台统计”的数据来自平台的发布、办事、互动记录和网站访问日志；标为“人工填报”的由网站主办单位填写。提交后经三审在本网站“年度报表”栏目发布，并在首页醒目位置链接。
      </Typography.Paragraph>
      <div className="gk-filters">
        <div className="gk-filter">
          <label htmlFor={yearId}>年度</label>
          <Select
            id={yearId}
            value={year}
            onChange={(v: number) => set({ year: String(v) })}
            options={[thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: `${y}年度` }))}
          />
        </div>
        {sites.options.length ? (
          <SiteChoice value={siteId} options={sites.options} onChange={(v) => set({ siteId: v })} placeholder="请选择网站" />
        ) : null}
      </div>
      {supervises ? <Statuses year={year} onOpen={(id) => set({ siteId: id })} /> : null}
      {sites.options.length === 0 && !sites.loading ? (
        <Card>
          <Empty description="您没有可填报年度报表的网站" />
        </Card>
      ) : siteId ? (
        <SiteReport
          key={`${siteId}:${year}`}
          siteId={siteId}
          year={year}
          canEdit={grantsAllow(user.grants, 'sites.edit', siteId) || grantsAllow(user.grants, 'content.author', siteId)}
          canSubmit={grantsAllow(user.grants, 'content.author', siteId)}
        />
      ) : (
        <Alert type="info" showIcon title="请先选择网站。" />
      )}
    </>
  );
}
