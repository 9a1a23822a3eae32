import { Button, Card, Form, InputNumber, Space, Typography } from 'antd';
import { useState } from 'react';
import { DEFAULT_MONITORING_SETTINGS, SaveMonitoringSettingsSchema } from '../../../../common/schemas/monitoring.ts';
import { saveMonitoringSettings, type MonitoringSettings } from '../../api/monitoring.ts';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { useSubmitForm } from '../../lib/useSubmitForm.ts';

interface SettingsValues {
  probeTimeoutMs?: number | null;
  alertPercent?: number | null;
  vetoPercent?: number | null;
  minProbes?: number | null;
  probeRetentionDays?: number | null;
}

const FIELDS = ['probeTimeoutMs', 'alertPercent', 'vetoPercent', 'minProbes', 'probeRetentionDays'];

export interface MonitoringSettingsCardProps {
  settings: MonitoringSettings;
  onSaved: (settings: MonitoringSettings) => void;
}

/**
 * 可用性监测设置 (supervisors with evaluation.manage): how long a homepage may take to open
 * before a probe counts as failed, the week's failure ratios that warn and that veto, and the
 * probes the week needs before the veto is claimed.
 */
export function MonitoringSettingsCard({ settings, onSaved }: MonitoringSettingsCardProps) {
  const [form] = Form.useForm<SettingsValues>();
  const submitForm = useSubmitForm({ form, fields: FIELDS });
  const [initialValues] = useState<SettingsValues>(() => ({ ...settings }));
  const save = (v: SettingsValues) =>
    void submitForm.submit({
      schema: SaveMonitoringSettingsSchema,
      body: {
        probeTimeoutMs: v.probeTimeoutMs ?? undefined,
        alertPercent: v.alertPercent ?? undefined,
        vetoPercent: v.vetoPercent ?? undefined,
        minProbes: v.minProbes ?? undefined,
        probeRetentionDays: v.probeRetentionDays ?? undefined,
      },
      send: saveMonitoringSettings,
      success: '可用性监测设置已保存',
      onSaved,
    });
  return (
    <Card className="gk-block" title={<h2 className="gk-card-heading">可用性监测设置</h2>}>
      <Typography.Paragraph type="secondary">
        平台每天多次访问各网站首页。按国家指标，首页超过 15 秒未能打开即为一次失败，一周内累计失败率达到 5%
        的网站“站点无法访问”单项否决；失败率达到预警线时先行提醒。
      </Typography.Paragraph>
      <Form<SettingsValues>
        form={form}
        name="monitoring-settings"
        layout="vertical"
        className="gk-narrow-card"
        initialValues={initialValues}
        onValuesChange={submitForm.markDirty}
        onFinish={save}
      >
        <Form.Item
          name="probeTimeoutMs"
          label="探测超时（毫秒）"
          extra="首页在该时间内未能打开即记为失败。100—60000 毫秒，国家指标为 15000 毫秒。"
        >
          <InputNumber min={100} max={60_000} step={1000} precision={0} className="gk-number-input" />
        </Form.Item>
        <Form.Item name="alertPercent" label="预警比例（%）" extra="近 7 天失败率达到该比例时提醒网站（扣分项），应低于否决比例。">
          <InputNumber min={0.01} max={100} step={0.5} precision={2} className="gk-number-input" />
        </Form.Item>
        <Form.Item name="vetoPercent" label="否决比例（%）" extra="近 7 天失败率达到该比例即单项否决，国家指标为 5%。">
          <InputNumber min={0.01} max={100} step={0.5} precision={2} className="gk-number-input" />
        </Form.Item>
        <Form.Item name="minProbes" label="最少探测次数" extra="近 7 天的探测次数不少于该值时才判定单项否决。">
          <InputNumber min={1} max={10_000} precision={0} className="gk-number-input" />
        </Form.Item>
        <Form.Item
          name="probeRetentionDays"
          label="探测记录保留天数"
          extra="超过该天数的探测记录自动删除。季度和年度检查按期间内的记录计算可用性，100—3660 天。"
        >
          <InputNumber min={100} max={3_660} precision={0} className="gk-number-input" />
        </Form.Item>
        <FormErrorAlert text={submitForm.alert} />
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={submitForm.saving}>
            保存设置
          </Button>
          <Button
            onClick={() => {
              form.setFieldsValue({ ...DEFAULT_MONITORING_SETTINGS });
              submitForm.markDirty();
            }}
          >
            恢复国家指标默认值
          </Button>
          <Button onClick={submitForm.reset} disabled={!submitForm.dirty || submitForm.saving}>
            放弃修改
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
