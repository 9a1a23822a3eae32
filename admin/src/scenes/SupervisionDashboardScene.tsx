import { Card, Col, Row, Statistic, Table, Tag, Typography } from 'antd';
import { useCallback, useMemo } from 'react';
import { Link } from 'react-router';
import { fetchDashboard } from '../api/evaluation.ts';
import { EChart } from '../components/EChart.tsx';
import { LoadErrorAlert } from '../components/LoadErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { ScrollRegion } from '../components/ScrollRegion.tsx';
import { TableEmpty } from '../components/TableEmpty.tsx';
import { TAG_COLORS } from '../features/articles/articleLabels.ts';
import { countyOption, findingsOption, trendOption } from '../features/evaluation/dashboardCharts.ts';
import { periodLabel, verdictTag } from '../features/evaluation/evaluationLabels.ts';
import { kindLabel } from '../features/monitoring/monitoringLabels.ts';
import { useApiData } from '../lib/useApiData.ts';
import { MONITORING_FINDINGS_PATH, RECTIFICATION_PATH, siteHealthPath, spotCheckPath } from '../paths.ts';

/**
 * 监管驾驶舱 (supervisors): the city's sites at a glance — pass rate and average score over the
 * latest spot checks, the latest by county and its lowest sites, open findings by kind, and
 * what is overdue across the rooms. Every chart's figures are also given as a table.
 */
export default function SupervisionDashboardScene() {
  const load = useCallback((signal: AbortSignal) => fetchDashboard(signal), []);
  const data = useApiData(load);
  const d = data.data;
  const options = useMemo(() => (d ? { trend: trendOption(d), county: countyOption(d), findings: findingsOption(d) } : null), [d]);
  const stat = (title: string, value: number | string, to?: string, warn = false) => (
    <Col xs={12} md={8} xl={6} key={title}>
      <Card size="small">
        <Statistic title={title} value={value} styles={{ content: warn ? { color: TAG_COLORS.darkRed } : {} }} />
        {to ? <Link to={to}>查看</Link> : null}
      </Card>
    </Col>
  );
  const latestTrend = d?.trend.at(-1);

  return (
    <>
      <PageTitle title="监管驾驶舱" />
      <Typography.Paragraph type="secondary">
        {d ? `数据截至 ${d.asOf}。合格率和平均分取最近完成的抽查；问题、逾期事项为当前情况。` : '正在汇总各网站情况…'}
      </Typography.Paragraph>
      {data.error ? <LoadErrorAlert error={data.error} what="监管驾驶舱" onRetry={data.reload} /> : null}
      {d ? (
        <>
          <Row gutter={[16, 16]} className="gk-block">
            {stat(
              '最近一次抽查合格率',
              latestTrend?.passRate !== undefined && latestTrend.passRate !== null ? `${latestTrend.passRate}%` : '—',
              latestTrend ? spotCheckPath(latestTrend.batchId) : undefined,
            )}
            {stat('最近一次抽查平均分（未被否决的网站）', latestTrend?.averageScore ?? '—')}
            {stat('超期未发布的信息', d.overduePublications, undefined, d.overduePublications > 0)}
            {stat('超期未答复的信件', d.letters.overdue, '/letters/overdue', d.letters.overdue > 0)}
            {stat('临近否决线的咨询信件', d.letters.vetoRisk, '/letters/overdue', d.letters.vetoRisk > 0)}
            {stat('逾期的依申请公开', d.disclosureRequests.overdue, '/disclosure/overdue', d.disclosureRequests.overdue > 0)}
            {stat('应急发布待补审', `${d.emergencies.awaiting}（逾期 ${d.emergencies.overdue}）`, undefined, d.emergencies.overdue > 0)}
            {stat(
              '整改任务（逾期）',
              `${d.rectification.open}（${d.rectification.overdue}）`,
              RECTIFICATION_PATH,
              d.rectification.overdue > 0,
            )}
          </Row>
          <Row gutter={16}>
            <Col xs={24} xl={14}>
              <Card className="gk-block" title={<h2 className="gk-card-heading">合格率和平均分走势</h2>}>
                {d.trend.length === 0 ? (
                  <TableEmpty loading={false} text="还没有完成的抽查" />
                ) : (
                  <>
                    <EChart option={options!.trend} label="最近各次抽查的合格率和平均分" />
                    <Table
                      rowKey="batchId"
                      size="small"
                      pagination={false}
                      caption={<span className="gk-visually-hidden">各次抽查的合格率和平均分</span>}
                      dataSource={d.trend}
                      columns={[
                        { title: '抽查', key: 'name', render: (_, t) => <Link to={spotCheckPath(t.batchId)}>{t.name}</Link> },
                        { title: '期间', key: 'period', width: 140, render: (_, t) => periodLabel(t.period) },
                        { title: '合格/检查', key: 'pass', width: 100, render: (_, t) => `${t.pass}/${t.scored}` },
                        { title: '合格率', key: 'rate', width: 90, render: (_, t) => (t.passRate === null ? '—' : `${t.passRate}%`) },
                        { title: '平均分', key: 'avg', width: 90, render: (_, t) => t.averageScore ?? '—' },
                      ]}
                    />
                  </>
                )}
              </Card>
            </Col>
            <Col xs={24} xl={10}>
              <Card
                className="gk-block"
                title={<h2 className="gk-card-heading">{`各区县合格率${d.latest ? `（${d.latest.name}）` : ''}`}</h2>}
              >
                {d.latest ? (
                  <>
                    <EChart option={options!.county} label="最近一次抽查各区县的合格率" />
                    <Table
                      rowKey={(c) => c.countyId ?? 'city'}
                      size="small"
                      pagination={false}
                      caption={<span className="gk-visually-hidden">各区县合格率和平均分</span>}
                      dataSource={d.latest.byCounty}
                      columns={[
                        { title: '区县', key: 'county', render: (_, c) => c.county },
                        { title: '合格/检查', key: 'pass', width: 100, render: (_, c) => `${c.pass}/${c.scored}` },
                        { title: '合格率', key: 'rate', width: 90, render: (_, c) => (c.passRate === null ? '—' : `${c.passRate}%`) },
                        { title: '平均分', key: 'avg', width: 90, render: (_, c) => c.averageScore ?? '—' },
                      ]}
                    />
                  </>
                ) : (
                  <TableEmpty loading={false} text="还没有完成的抽查" />
                )}
              </Card>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} xl={14}>
              <Card className="gk-block" title={<h2 className="gk-card-heading">未解决的问题（按类型）</h2>}>
                {d.findings.length === 0 ? (
                  <TableEmpty loading={false} text="没有未解决的问题" />
                ) : (
                  <>
                    <EChart option={options!.findings} label="各类未解决问题的数量" height={320} />
                    <Table
                      rowKey="kind"
                      size="small"
                      pagination={false}
                      caption={<span className="gk-visually-hidden">各类未解决问题的数量</span>}
                      dataSource={d.findings}
                      columns={[
                        {
                          title: '问题类型',
                          key: 'kind',
                          render: (_, f) => (
                            <Link to={`${MONITORING_FINDINGS_PATH}?${new URLSearchParams({ kind: f.kind }).toString()}`}>
                              {kindLabel(f.kind)}
                            </Link>
                          ),
                        },
                        { title: '否决级', key: 'veto', width: 80, align: 'right', render: (_, f) => f.veto },
                        { title: '扣分级', key: 'deduction', width: 80, align: 'right', render: (_, f) => f.deduction },
                        { title: '提示', key: 'info', width: 80, align: 'right', render: (_, f) => f.info },
                      ]}
                    />
                  </>
                )}
              </Card>
            </Col>
            <Col xs={24} xl={10}>
              <Card className="gk-block" title={<h2 className="gk-card-heading">最近一次抽查得分最低的网站</h2>}>
                <Table
                  rowKey="siteId"
                  size="small"
                  pagination={false}
                  caption={<span className="gk-visually-hidden">得分最低的网站</span>}
                  dataSource={d.latest?.lowest ?? []}
                  locale={{ emptyText: <TableEmpty loading={false} text="还没有完成的抽查" /> }}
                  columns={[
                    { title: '网站', key: 'site', render: (_, r) => <Link to={siteHealthPath(r.siteId)}>{r.siteName}</Link> },
                    {
                      title: '结论',
                      key: 'verdict',
                      width: 150,
                      render: (_, r) => {
                        const v = verdictTag(r.verdict);
                        return (
                          <Tag color={v.color}>{r.vetoes > 0 ? `${v.text}（否决 ${r.vetoes} 项）` : `${v.text} ${r.score ?? ''}`}</Tag>
                        );
                      },
                    },
                  ]}
                />
              </Card>
              <Card className="gk-block" title={<h2 className="gk-card-heading">{`尚未迁入平台的网站（${d.outside.length} 个）`}</h2>}>
                <ScrollRegion label="尚未迁入平台的网站">
                  <Table
                    rowKey="siteId"
                    size="small"
                    pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
                    caption={<span className="gk-visually-hidden">尚未迁入平台的网站</span>}
                    dataSource={d.outside}
                    locale={{ emptyText: <TableEmpty loading={false} text="全部网站均已迁入平台" /> }}
                    columns={[
                      { title: '网站', key: 'site', render: (_, s) => <Link to={siteHealthPath(s.siteId)}>{s.name}</Link> },
                      { title: '网址', key: 'url', render: (_, s) => s.baseUrl ?? '—' },
                    ]}
                  />
                </ScrollRegion>
              </Card>
            </Col>
          </Row>
        </>
      ) : null}
    </>
  );
}
