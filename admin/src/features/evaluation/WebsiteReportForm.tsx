import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Form, Input, InputNumber, Radio, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import {
  displayValue,
  REPORT_FIELDS,
  REPORT_SECTIONS,
  REPORT_SOURCE_LABELS,
  SaveWebsiteReportSchema,
  WEBSITE_REPORT_STATE_LABELS,
  type ManualValues,
  type ReportField,
  type WebsiteReport,
} from '../../../../common/schemas/website-report.ts';
import { saveWebsiteReport, submitWebsiteReport, websiteReportXlsxUrl } from '../../api/evaluation.ts';
import { ApiError } from '../../api/client.ts';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { formatDateTime } from '../../lib/datetime.ts';
import { useSubmitForm } from '../../lib/useSubmitForm.ts';
import { TAG_COLORS } from '../articles/articleLabels.ts';

// Dark enough for text on the tags' light backgrounds (WCAG AA).
const SOURCE_COLORS = { platform: 'blue', manual: TAG_COLORS.orange, sum: undefined } as const;
const STATE_COLORS = { draft: undefined, submitted: 'blue', published: TAG_COLORS.green } as const;

/** The control of a hand-entered field; the Form.Item around it gives `value` and `onChange`, passed on. */
function ManualInput({
  field,
  disabled,
  ...control
}: {
  field: ReportField;
  disabled: boolean;
  value?: unknown;
  onChange?: (v: unknown) => void;
}) {
  switch (field.type) {
    case 'yesno':
      return (
        <Radio.Group disabled={disabled} aria-label={field.label} {...control}>
          <Radio value={true}>是</Radio>
          <Radio value={false}>否</Radio>
        </Radio.Group>
      );
    case 'text':
      return (
        <Input
          maxLength={200}
          disabled={disabled}
          placeholder="没有的填“无”"
          aria-label={field.label}
          style={{ maxWidth: 360 }}
          value={(control.value as string | undefined) ?? ''}
          onChange={(e) => control.onChange?.(e.target.value)}
        />
      );
    default:
      return (
        <InputNumber
          min={0}
          precision={field.type === 'count' ? 0 : 1}
          disabled={disabled}
          aria-label={field.label}
          {...(field.unit ? { suffix: field.unit } : {})}
          style={{ width: 200 }}
          value={control.value as number | null | undefined}
          onChange={(v) => control.onChange?.(v)}
        />
      );
  }
}

/**
 * 政府网站工作年度报表 of one site and year: the platform's figures as they are, the
 * hand-entered ones to fill in (marked 人工填报), saved as a whole; exported as XLSX and
 * submitted as an article of the site's 年度报表 column into the three reviews.
 */
export function WebsiteReportForm({
  report,
  canEdit,
  canSubmit,
  onChanged,
}: {
  report: WebsiteReport;
  canEdit: boolean;
  canSubmit: boolean;
  onChanged: (report?: WebsiteReport) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ManualValues>();
  const submitForm = useSubmitForm({ form, fields: [] });
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [initialValues] = useState<ManualValues>(() =>
    Object.fromEntries(REPORT_FIELDS.filter((f) => f.source === 'manual').map((f) => [f.key, report.values[f.key] ?? undefined])),
  );
  const locked = !canEdit || report.state === 'submitted';
  const missing = new Set(report.missing);

  const save = () =>
    submitForm.submit({
      schema: SaveWebsiteReportSchema,
      body: { expectedVersion: report.version, values: form.getFieldsValue(true) },
      send: (data) => saveWebsiteReport(report.year, report.siteId, data),
      success: '已保存年度报表',
      onSaved: (r) => onChanged(r),
    });
  const submit = async () => {
    setSubmitError(null);
    setSubmitting(true);
    try {
      await submitWebsiteReport(report.year, report.siteId);
      void message.success('年度报表已提交审核，审核通过后在网站首页发布');
      onChanged();
    } catch (e) {
      const missingLabels = e instanceof ApiError && Array.isArray(e.details.missing) ? (e.details.missing as string[]) : [];
      setSubmitError(e instanceof Error ? `${e.message}${missingLabels.length ? `：${missingLabels.join('、')}` : ''}` : '提交失败');
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Form<ManualValues>
      form={form}
      name="website-report"
      layout="vertical"
      initialValues={initialValues}
      onValuesChange={() => submitForm.markDirty()}
      onFinish={() => void save()}
    >
      <Space wrap className="gk-block">
        <Tag color={STATE_COLORS[report.state]}>{WEBSITE_REPORT_STATE_LABELS[report.state]}</Tag>
        <span>发布期限：{report.deadline}</span>
        {report.updatedAt ? (
          <Typography.Text type="secondary">
            最近保存：{formatDateTime(report.updatedAt)} {report.updatedBy}
          </Typography.Text>
        ) : null}
        {report.missing.length ? <Typography.Text strong>还有 {report.missing.length} 项人工填报内容未填写</Typography.Text> : null}
      </Space>
      {REPORT_SECTIONS.map((section) => (
        <Card key={section} size="small" className="gk-block" title={<h2 className="gk-card-heading">{section}</h2>}>
          <Descriptions size="small" column={1} bordered>
            {REPORT_FIELDS.filter((f) => f.section === section).map((f) => (
              <Descriptions.Item
                key={f.key}
                label={
                  <Space size={4} wrap>
                    <span>{f.label}</span>
                    <Tag color={SOURCE_COLORS[f.source]}>{REPORT_SOURCE_LABELS[f.source]}</Tag>
                    {f.source === 'manual' && missing.has(f.key) ? <Tag color={TAG_COLORS.darkRed}>未填</Tag> : null}
                  </Space>
                }
              >
                {f.source === 'manual' ? (
                  <Form.Item name={f.key} noStyle>
                    <ManualInput field={f} disabled={locked} />
                  </Form.Item>
                ) : f.basis ? (
                  <Tooltip title={f.basis}>
                    <span>{displayValue(f, report.values[f.key] ?? null)}</span>
                  </Tooltip>
                ) : (
                  displayValue(f, report.values[f.key] ?? null)
                )}
              </Descriptions.Item>
            ))}
          </Descriptions>
        </Card>
      ))}
      <FormErrorAlert text={submitForm.alert ?? submitError} />
      <Space wrap>
        {canEdit ? (
          <Button type="primary" htmlType="submit" loading={submitForm.saving} disabled={locked}>
            保存
          </Button>
        ) : null}
        <Button icon={<DownloadOutlined />} href={websiteReportXlsxUrl(report.year, report.siteId)} download>
          导出 XLSX
        </Button>
        {canSubmit ? (
          <Button onClick={() => void submit()} loading={submitting} disabled={submitForm.dirty || report.state === 'submitted'}>
            提交发布
          </Button>
        ) : null}
      </Space>
    </Form>
  );
}
