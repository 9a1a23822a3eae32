import { Button, Card, Checkbox, Form, InputNumber, Space, Typography } from 'antd';
import { useState } from 'react';
import { SaveGuideSettingsSchema } from '../../../../common/schemas/guides.ts';
import {
  DEFAULT_GUIDE_SETTINGS,
  SERVICE_ELEMENT_LABELS,
  SERVICE_ELEMENTS,
  type GuideSettings,
  type ServiceElement,
} from '../../../../common/service-items.ts';
import { saveGuideSettings } from '../../api/guides.ts';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { useSubmitForm } from '../../lib/useSubmitForm.ts';
import { isNationalKey } from './guideLabels.ts';

interface SettingsValues {
  requiredElements?: ServiceElement[];
  reviewIntervalDays?: number | null;
}

const FIELDS = ['requiredElements', 'reviewIntervalDays'];

const ELEMENT_OPTIONS = SERVICE_ELEMENTS.map((e) => ({
  value: e,
  label: (
    <>
      {SERVICE_ELEMENT_LABELS[e]}
      {isNationalKey(e) ? <span className="gk-tree-meta">（国家指标）</span> : null}
    </>
  ),
  // 事项名称 is always required (an item without a name cannot be listed at all).
  disabled: e === 'name',
}));

export interface GuideSettingsCardProps {
  settings: GuideSettings;
  onSaved: (settings: GuideSettings) => void;
}

/**
 * 必备要素设置 (supervisors): which elements every guide must state before it can be published
 * (the ten key categories of the national indicator by default), and how often a guide must be reviewed.
 */
export function GuideSettingsCard({ settings, onSaved }: GuideSettingsCardProps) {
  const [form] = Form.useForm<SettingsValues>();
  const submitForm = useSubmitForm({ form, fields: FIELDS });
  const [initialValues] = useState<SettingsValues>(() => ({
    requiredElements: [...settings.requiredElements],
    reviewIntervalDays: settings.reviewIntervalDays,
  }));
  const save = (values: SettingsValues) =>
    void submitForm.submit({
      schema: SaveGuideSettingsSchema,
      body: { requiredElements: values.requiredElements ?? [], reviewIntervalDays: values.reviewIntervalDays ?? undefined },
      send: saveGuideSettings,
      success: '必备要素设置已保存，各网站的事项按新的设置检查',
      onSaved,
    });
  return (
    <Card className="gk-block" title={<h2 className="gk-card-heading">必备要素设置</h2>}>
      <Typography.Paragraph type="secondary">
        勾选的要素为每个事项发布前必须填写的内容，缺少的事项不能发布。标“国家指标”的为政府网站考核指标中的办事指南十类重点要素（默认）；缺少其中
        4 类及以上的已发布事项达到 5 个，网站将因“服务不实用”被单项否决。
      </Typography.Paragraph>
      <Form<SettingsValues>
        form={form}
        name="guide-settings"
        layout="vertical"
        initialValues={initialValues}
        onValuesChange={submitForm.markDirty}
        onFinish={save}
      >
        <Form.Item name="requiredElements" label="必备要素">
          <Checkbox.Group options={ELEMENT_OPTIONS} className="gk-element-grid" />
        </Form.Item>
        <Form.Item name="reviewIntervalDays" label="复核周期（天）" extra="超过该天数未修改或未标记复核的事项列入“待复核”。30—1095 天。">
          <InputNumber min={30} max={1095} precision={0} />
        </Form.Item>
        <FormErrorAlert text={submitForm.alert} />
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={submitForm.saving}>
            保存设置
          </Button>
          <Button
            onClick={() => {
              form.setFieldValue('requiredElements', [...DEFAULT_GUIDE_SETTINGS.requiredElements]);
              submitForm.markDirty();
            }}
          >
            恢复国家指标十类要素
          </Button>
          <Button onClick={submitForm.reset} disabled={!submitForm.dirty || submitForm.saving}>
            放弃修改
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
