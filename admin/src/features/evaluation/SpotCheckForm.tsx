import { Button, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { CreateBatchSchema } from '../../../../common/schemas/evaluation.ts';
import { createSpotCheck, type BatchView, type SystemSummary } from '../../api/evaluation.ts';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { useSubmitForm } from '../../lib/useSubmitForm.ts';
import { lastQuarter, periodLabel, periodOptions } from './evaluationLabels.ts';

interface Values {
  name: string;
  period: string;
  asOf?: Dayjs | null;
  system: string;
  scope: 'all' | 'sample';
  size?: number | null;
  seed?: string;
}

const FIELDS = ['name', 'period', 'asOf', 'system', 'sample.size', 'sample.seed'];

/** 新建抽查: a period over every open site or a reproducible random sample, scored against a system. */
export function SpotCheckForm({
  systems,
  today,
  onSaved,
  onCancel,
  onDirtyChange,
}: {
  systems: readonly SystemSummary[];
  today: string;
  onSaved: (batch: BatchView) => void;
  onCancel: () => void;
  onDirtyChange: (dirty: boolean) => void;
}) {
  const [form] = Form.useForm<Values>();
  const submitForm = useSubmitForm({ form, fields: FIELDS, onDirtyChange });
  const [initialValues] = useState<Values>(() => {
    const period = lastQuarter(today);
    return { name: `${periodLabel(period)}政府网站抽查`, period, system: systems[0]?.key ?? '', scope: 'all' };
  });
  const [scope, setScope] = useState<Values['scope']>('all');

  const save = (v: Values) =>
    submitForm.submit({
      schema: CreateBatchSchema,
      body: {
        name: v.name,
        period: v.period,
        ...(v.asOf ? { asOf: v.asOf.format('YYYY-MM-DD') } : {}),
        ...(v.system ? { system: v.system } : {}),
        ...(v.scope === 'sample' ? { sample: { size: v.size ?? undefined, ...(v.seed?.trim() ? { seed: v.seed.trim() } : {}) } } : {}),
      },
      send: (data) => createSpotCheck(data),
      success: (b) => `已新建抽查“${b.name}”，正在评分`,
      onSaved,
    });

  return (
    <Form<Values>
      form={form}
      name="spot-check-create"
      layout="vertical"
      initialValues={initialValues}
      onValuesChange={(changed: Partial<Values>) => {
        submitForm.markDirty();
        if (changed.scope) setScope(changed.scope);
      }}
      onFinish={(v) => void save(v)}
    >
      <Form.Item label="抽查名称" name="name" required>
        <Input maxLength={200} autoComplete="off" />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item label="检查期间" name="period" required>
            <Select options={periodOptions(today)} virtual={false} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="检查日期" name="asOf" extra="按该日的监测结果评分；不填为期间最后一天。">
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="指标体系" name="system" required extra="评分使用指标体系的当前版本，并随抽查一并保存，日后不受修改影响。">
        <Select options={systems.map((s) => ({ value: s.key, label: `${s.name}（第 ${s.version} 版）` }))} />
      </Form.Item>
      <Form.Item label="抽查范围" name="scope">
        <Radio.Group
          options={[
            { value: 'all', label: '全部在运行的网站' },
            { value: 'sample', label: '随机抽取' },
          ]}
        />
      </Form.Item>
      {scope === 'sample' ? (
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item label="抽查网站数" name="size" required>
              <InputNumber min={1} max={10000} precision={0} style={{ width: 160 }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label="随机种子" name="seed" extra="不填则自动生成。种子随结果公布，任何人可用它复现同一样本。">
              <Input maxLength={40} autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
      ) : null}
      <FormErrorAlert text={submitForm.alert} />
      <Space>
        <Button type="primary" htmlType="submit" loading={submitForm.saving}>
          开始抽查
        </Button>
        <Button onClick={onCancel}>取消</Button>
      </Space>
    </Form>
  );
}
