import { Button, Checkbox, Collapse, Form, Input, InputNumber, Space, Typography } from 'antd';
import { useState } from 'react';
import { SaveLocalSystemSchema, type IndicatorSystem } from '../../../../common/schemas/evaluation.ts';
import { saveSystem, type SystemDetail } from '../../api/evaluation.ts';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { useSubmitForm } from '../../lib/useSubmitForm.ts';
import { draftOf, groupTotal, itemsOf, saveRequestOf, type DraftItem, type SystemDraft } from './systemDraft.ts';

// The rest of the system's faults name their item and show above the buttons.
const FIELDS = ['key', 'note'];

/** One item's row: kept or not, its name, cap, points per finding and rule text. */
function ItemFields({ item, index }: { item: DraftItem; index: number }) {
  const at = (...path: (string | number)[]) => ['items', index, ...path];
  return (
    <div className="gk-system-item">
      <Space wrap align="start">
        <Form.Item name={at('keep')} valuePropName="checked" noStyle>
          <Checkbox aria-label={`保留指标「${item.name}」`}>保留</Checkbox>
        </Form.Item>
        <Form.Item label="指标名称" name={at('name')}>
          <Input maxLength={60} style={{ width: 220 }} />
        </Form.Item>
        {item.kind !== 'veto' && item.cap !== undefined ? (
          <Form.Item label="分值上限" name={at('cap')}>
            <InputNumber min={0.01} max={100} step={0.5} />
          </Form.Item>
        ) : null}
        {(item.drivers ?? []).map((d, j) =>
          d.points === undefined ? null : (
            <Space key={j} align="start">
              <Form.Item label={item.kind === 'bonus' ? '每处加分' : '每处扣分'} name={at('drivers', j, 'points')}>
                <InputNumber min={0.01} max={100} step={0.1} />
              </Form.Item>
              {d.homePoints !== undefined ? (
                <Form.Item label="首页每处" name={at('drivers', j, 'homePoints')}>
                  <InputNumber min={0.01} max={100} step={0.1} />
                </Form.Item>
              ) : null}
            </Space>
          ),
        )}
      </Space>
      <Form.Item label="指标说明" name={at('rule')}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} maxLength={4000} />
      </Form.Item>
    </div>
  );
}

/**
 * 编辑指标体系: a new local system copied from another, or the next version of a local one.
 * The weights, wording and the items kept are edited here; what the monitoring looks for
 * stays as in the system copied. Saving adds a version; the server names every item that no
 * longer adds up.
 */
export function SystemEditor({
  system,
  baseVersion,
  copy,
  onSaved,
  onCancel,
  onDirtyChange,
}: {
  /** The system edited (a local one at `baseVersion`) or copied (`copy` set). */
  system: IndicatorSystem;
  baseVersion: number | null;
  copy?: { key: string; name: string };
  onSaved: (detail: SystemDetail) => void;
  onCancel: () => void;
  onDirtyChange: (dirty: boolean) => void;
}) {
  const [form] = Form.useForm<SystemDraft>();
  const submitForm = useSubmitForm({ form, fields: FIELDS, onDirtyChange });
  const [initialValues] = useState<SystemDraft>(() => draftOf(system, copy));
  const items = Form.useWatch('items', { form, preserve: true }) ?? initialValues.items;
  const isNew = baseVersion === null;

  const save = () => {
    const draft = form.getFieldsValue(true) as SystemDraft;
    return submitForm.submit({
      schema: SaveLocalSystemSchema,
      body: saveRequestOf(draft, baseVersion, isNew ? `${system.key}@${system.version}` : undefined),
      send: (data) => saveSystem(data),
      success: (d) => `已保存指标体系“${d.system.name}”第 ${d.system.version} 版`,
      onSaved,
    });
  };

  const groupPanel = (g: IndicatorSystem['groups'][number], gi: number) => {
    const total = groupTotal({ items }, g.code);
    return {
      key: g.code,
      label: `${g.kind === 'bonus' ? '加分' : '扣分'}：${g.name}${g.points !== undefined ? `（${g.points} 分，各项上限合计 ${total} 分）` : ''}`,
      children: (
        <>
          <Space wrap>
            <Form.Item label="一级指标名称" name={['groups', gi, 'name']}>
              <Input maxLength={40} />
            </Form.Item>
            {g.points !== undefined ? (
              <Form.Item label="分值" name={['groups', gi, 'points']}>
                <InputNumber min={0.01} max={100} step={1} />
              </Form.Item>
            ) : null}
          </Space>
          {itemsOf(initialValues, g.code).map(({ item, index }) => (
            <ItemFields key={item.code} item={item} index={index} />
          ))}
        </>
      ),
    };
  };

  return (
    <Form<SystemDraft>
      form={form}
      name="indicator-system"
      layout="vertical"
      initialValues={initialValues}
      onValuesChange={() => submitForm.markDirty()}
      onFinish={() => void save()}
    >
      <Space wrap align="start">
        <Form.Item label="指标体系名称" name="name" required>
          <Input maxLength={100} style={{ width: 320 }} />
        </Form.Item>
        <Form.Item label="编码" name="key" required extra={isNew ? '小写字母、数字和“-”，保存后不能修改。' : undefined}>
          <Input maxLength={40} disabled={!isNew} autoComplete="off" />
        </Form.Item>
      </Space>
      <Space wrap align="start">
        <Form.Item label="合格线（低于此分不合格）" name="passLine">
          <InputNumber min={0} max={100} />
        </Form.Item>
        <Form.Item label="加分线（高于此分计加分）" name="bonusLine">
          <InputNumber min={0} max={100} />
        </Form.Item>
        {initialValues.serviceWithout !== null ? (
          <Form.Item label="无对外服务网站的满分" name="serviceWithout">
            <InputNumber min={1} max={100} />
          </Form.Item>
        ) : null}
      </Space>
      <Typography.Paragraph type="secondary">
        可调整分值、指标名称和说明，取消勾选“保留”即不再使用该指标；各项指标关联的监测问题沿用原指标体系。保存后成为新版本，已完成的抽查仍按当时的版本。
      </Typography.Paragraph>
      <Collapse
        className="gk-block"
        items={[
          {
            key: 'veto',
            label: '单项否决指标',
            children: itemsOf(initialValues, null).map(({ item, index }) => <ItemFields key={item.code} item={item} index={index} />),
          },
          ...initialValues.groups.map(groupPanel),
        ]}
      />
      <Form.Item label="版本说明" name="note" required extra="说明本次修改的内容和依据。">
        <Input.TextArea rows={2} maxLength={500} showCount />
      </Form.Item>
      <FormErrorAlert text={submitForm.alert} />
      <Space>
        <Button type="primary" htmlType="submit" loading={submitForm.saving}>
          {isNew ? '保存指标体系' : '保存为新版本'}
        </Button>
        <Button onClick={onCancel}>取消</Button>
      </Space>
    </Form>
  );
}
