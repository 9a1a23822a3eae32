import { DownloadOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Select, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { REPORT_SECTIONS, type AnnualReportView } from '../../../common/annual-report.ts';
import { ARTICLE_STATUS_LABELS, type ArticleStatus } from '../../../common/content.ts';
import { annualReportFileUrl, fetchAnnualReport, publishAnnualReport, saveAnnualReport } from '../api/disclosure.ts';
import { fetchOrgs } from '../api/orgs.ts';
import { FormErrorAlert } from '../components/FormErrorAlert.tsx';
import { LoadErrorAlert } from '../components/LoadErrorAlert.tsx';
import { OrgTreeSelect } from '../components/OrgTreeSelect.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { NarrativeField } from '../features/disclosure/annualReport/NarrativeField.tsx';
import { ProactiveSection } from '../features/disclosure/annualReport/ProactiveSection.tsx';
import { ProblemsAlert } from '../features/disclosure/annualReport/ProblemsAlert.tsx';
import { RequestsSection } from '../features/disclosure/annualReport/RequestsSection.tsx';
import { ReviewSection } from '../features/disclosure/annualReport/ReviewSection.tsx';
import {
  defaultReportYear,
  formValuesOf,
  reportYears,
  saveBody,
  type ReportFormValues,
} from '../features/disclosure/annualReport/reportForm.ts';
import { actionErrorText } from '../lib/formErrors.ts';
import { useApiData } from '../lib/useApiData.ts';

const TODAY = new Date();

/** 年报: an org's 政府信息公开工作年度报告 for a year — every section, the problems, files and submission. */
export default function DisclosureAnnualReportScene() {
  const orgs = useApiData(useCallback((signal: AbortSignal) => fetchOrgs(signal), []));
  const [orgId, setOrgId] = useState<string | null>(null);
  const [year, setYear] = useState(defaultReportYear(TODAY));
  const load = useCallback(
    (signal: AbortSignal) => (orgId ? fetchAnnualReport(orgId, year, signal) : Promise.resolve(null)),
    [orgId, year],
  );
  const report = useApiData(load);
  return (
    <>
      <PageTitle title="政府信息公开工作年度报告" />
      <Space wrap className="gk-block">
        <OrgTreeSelect
          orgs={orgs.data ?? []}
          value={orgId}
          onChange={setOrgId}
          placeholder="选择单位"
          aria-label="单位"
          style={{ width: 320 }}
          loading={orgs.loading}
        />
        <Select<number>
          aria-label="年度"
          value={year}
          onChange={setYear}
          options={reportYears(TODAY).map((y) => ({ value: y, label: `${y} 年度` }))}
          style={{ width: 140 }}
        />
      </Space>
      {orgs.error ? <LoadErrorAlert error={orgs.error} what="单位列表" onRetry={orgs.reload} /> : null}
      {!orgId ? <Alert type="info" showIcon title="请选择单位和年度。" /> : null}
      {report.error ? <LoadErrorAlert error={report.error} what="年度报告" onRetry={report.reload} /> : null}
      {report.data ? <ReportEditor key={`${report.data.orgId}-${report.data.year}`} report={report.data} onSaved={report.reload} /> : null}
    </>
  );
}

/** The report's sections with the entered parts as a form; saving reloads the computed parts and problems. */
function ReportEditor({ report, onSaved }: { report: AnnualReportView; onSaved: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ReportFormValues>();
  const [busy, setBusy] = useState<'save' | 'publish' | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  useEffect(() => form.setFieldsValue(formValuesOf(report)), [form, report]);

  const save = async (values: ReportFormValues) => {
    setBusy('save');
    setAlert(null);
    try {
      await saveAnnualReport(report.orgId, report.year, saveBody(values, report.version));
      void message.success('年报已保存');
      onSaved();
    } catch (e) {
      setAlert(actionErrorText(e));
    } finally {
      setBusy(null);
    }
  };
  const publish = async () => {
    setBusy('publish');
    setAlert(null);
    try {
      const r = await publishAnnualReport(report.orgId, report.year);
      void message.success(r.created ? '年报已提交审核，审核通过后在年报栏目发布' : '年报已作为新版本提交审核');
      onSaved();
    } catch (e) {
      setAlert(actionErrorText(e));
    } finally {
      setBusy(null);
    }
  };
  const status = report.article?.status as ArticleStatus | undefined;
  return (
    <>
      <Typography.Paragraph type="secondary">
        {report.orgName}
        {report.includesSubordinates ? `（含下级单位，共 ${report.orgCount} 个单位）` : ''}；
        {report.version ? `已保存第 ${report.version} 版` : '尚未保存'}
        {status ? (
          <>
            ；发布稿件：<Tag>{ARTICLE_STATUS_LABELS[status] ?? status}</Tag>
          </>
        ) : null}
      </Typography.Paragraph>
      <ProblemsAlert problems={report.problems} />
      <Form<ReportFormValues> form={form} layout="vertical" onFinish={save}>
        <Card title={REPORT_SECTIONS.overview} className="gk-block">
          <NarrativeField name="overview" label="总体情况" hint="围绕主动公开、依申请公开、政府信息管理、平台建设、监督保障等方面撰写。" />
        </Card>
        <Card title={REPORT_SECTIONS.proactive} className="gk-block">
          <ProactiveSection report={report} />
        </Card>
        <Card title={REPORT_SECTIONS.requests} className="gk-block">
          <RequestsSection table={report.requests} />
        </Card>
        <Card title={REPORT_SECTIONS.review} className="gk-block">
          <ReviewSection />
        </Card>
        <Card title={REPORT_SECTIONS.problems} className="gk-block">
          <NarrativeField name="problems" label="存在的主要问题及改进情况" hint="政府年报还应写明工作考核、社会评议和责任追究结果。" />
        </Card>
        <Card title={REPORT_SECTIONS.other} className="gk-block">
          <NarrativeField
            name="other"
            label="其他需要报告的事项"
            hint="如信息处理费收取情况、建议提案办理结果公开情况等；没有可不填，报告中显示“无。”"
          />
        </Card>
        <FormErrorAlert text={alert} />
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={busy === 'save'} disabled={busy !== null}>
            保存
          </Button>
          <Button icon={<DownloadOutlined />} href={annualReportFileUrl(report.orgId, report.year, 'docx')} download>
            下载 Word
          </Button>
          <Button icon={<DownloadOutlined />} href={annualReportFileUrl(report.orgId, report.year, 'xlsx')} download>
            下载 Excel 表格
          </Button>
          <Button
            icon={<SendOutlined />}
            onClick={() => void publish()}
            loading={busy === 'publish'}
            disabled={busy !== null || report.problems.length > 0 || report.version === 0}
          >
            提交发布
          </Button>
        </Space>
      </Form>
    </>
  );
}
