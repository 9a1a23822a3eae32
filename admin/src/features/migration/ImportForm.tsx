import { Button, Checkbox, Col, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import { useState } from 'react';
import { CreateImportSchema, IMPORT_DEFAULTS } from '../../../../common/schemas/migration.ts';
import { createImport, type ImportView } from '../../api/migration.ts';
import type { Site } from '../../api/sites.ts';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { useSubmitForm } from '../../lib/useSubmitForm.ts';

interface Values {
  sourceSiteId?: string;
  targetSiteId?: string;
  startUrl: string;
  dryRun: boolean;
  maxPages: number;
  concurrency: number;
  intervalMs: number;
  reviewEach: boolean;
}

const FIELDS = ['sourceSiteId', 'targetSiteId', 'startUrl', 'dryRun', 'options.maxPages', 'options.concurrency', 'options.intervalMs'];

/** 新建迁移: which old site goes into which hosted site, and how politely it is read. */
export function ImportForm({
  sites,
  onSaved,
  onCancel,
  onDirtyChange,
}: {
  sites: readonly Site[];
  onSaved: (created: ImportView) => void;
  onCancel: () => void;
  onDirtyChange: (dirty: boolean) => void;
}) {
  const [form] = Form.useForm<Values>();
  const submitForm = useSubmitForm({ form, fields: FIELDS, onDirtyChange });
  const [initialValues] = useState<Values>(() => ({
    startUrl: '',
    dryRun: false,
    maxPages: IMPORT_DEFAULTS.maxPages,
    concurrency: IMPORT_DEFAULTS.concurrency,
    intervalMs: IMPORT_DEFAULTS.intervalMs,
    reviewEach: false,
  }));
  // Old sites: registered and not closed, with an address to read; targets: hosted sites.
  const sources = sites.filter((s) => s.baseUrl && s.status !== 'closed');
  const targets = sites.filter((s) => s.hosting === 'hosted' && s.status !== 'closed');

  const save = (v: Values) =>
    submitForm.submit({
      schema: CreateImportSchema,
      body: {
        sourceSiteId: v.sourceSiteId ?? '',
        targetSiteId: v.targetSiteId ?? '',
        startUrl: v.startUrl,
        dryRun: v.dryRun,
        options: { maxPages: v.maxPages, concurrency: v.concurrency, intervalMs: v.intervalMs, reviewEach: v.reviewEach },
      },
      send: (data) => createImport(data),
      success: () => '已开始分析原网站',
      onSaved,
    });

  return (
    <Form<Values>
      form={form}
      name="legacy-import-create"
      layout="vertical"
      initialValues={initialValues}
      onValuesChange={(changed: Partial<Values>) => {
        submitForm.markDirty();
        if (changed.sourceSiteId) {
          const source = sites.find((s) => s.id === changed.sourceSiteId);
          if (source?.baseUrl && !form.getFieldValue('startUrl')) form.setFieldValue('startUrl', source.baseUrl);
        }
      }}
      onFinish={(v) => void save(v)}
    >
      <Form.Item label="原网站" name="sourceSiteId" required extra="已登记的原网站（通常为外部网站）；迁移后其旧网址将跳转到新网站。">
        <Select
          options={sources.map((s) => ({ value: s.id, label: s.name }))}
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="选择原网站"
        />
      </Form.Item>
      <Form.Item label="起始网址" name="startUrl" required>
        <Input maxLength={2000} autoComplete="off" placeholder="http://" />
      </Form.Item>
      <Form.Item label="迁入网站" name="targetSiteId" required>
        <Select
          options={targets.map((s) => ({ value: s.id, label: s.name }))}
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="选择平台托管的网站"
        />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item label="页面上限" name="maxPages">
            <InputNumber min={1} max={100000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label="并发数" name="concurrency">
            <InputNumber min={1} max={16} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label="请求间隔（毫秒）" name="intervalMs">
            <InputNumber min={0} max={60000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="dryRun" valuePropName="checked" extra="只分析并列出将导入的内容，不写入任何信息。">
        <Checkbox>试运行</Checkbox>
      </Form.Item>
      <Form.Item
        name="reviewEach"
        valuePropName="checked"
        extra="不勾选时，迁移的信息按原发布日期直接发布并标记为迁移；勾选后逐条进入三审。"
      >
        <Checkbox>逐条送审</Checkbox>
      </Form.Item>
      <FormErrorAlert text={submitForm.alert} />
      <Space>
        <Button type="primary" htmlType="submit" loading={submitForm.saving}>
          开始分析
        </Button>
        <Button onClick={onCancel}>取消</Button>
      </Space>
    </Form>
  );
}
