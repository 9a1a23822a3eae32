import { Button, Col, Form, Input, InputNumber, Row, Select, Space, Switch } from 'antd';
import { useState } from 'react';
import { SaveChannelSchema, type ChannelKind } from '../../../../common/schemas/interaction.ts';
import { createChannel, updateChannel, type ChannelView } from '../../api/interaction.ts';
import type { Org } from '../../api/orgs.ts';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { OrgTreeSelect } from '../../components/OrgTreeSelect.tsx';
import { differs } from '../../lib/changes.ts';
import { useSubmitForm } from '../../lib/useSubmitForm.ts';
import {
  CHANNEL_FIELDS,
  KIND_OPTIONS,
  channelBody,
  channelFormValues,
  kindChange,
  newChannelValues,
  type ChannelFormValues,
} from './channelForm.ts';

export interface ChannelFormProps {
  siteId: string;
  orgs: readonly Org[];
  /** The channel being edited; without it the form opens a new one. */
  channel?: ChannelView;
  onSaved: (channel: ChannelView) => void;
  onCancel: () => void;
  onDirtyChange: (dirty: boolean) => void;
}

/** Opens or edits a channel of the site: kind, name, the org that answers, the deadline and how replies go out. */
export function ChannelForm({ siteId, orgs, channel, onSaved, onCancel, onDirtyChange }: ChannelFormProps) {
  const [form] = Form.useForm<ChannelFormValues>();
  const submitForm = useSubmitForm({ form, fields: CHANNEL_FIELDS, onDirtyChange });
  // Fixed when the form opens (it is keyed per channel): list reloads must not reset what is typed.
  const [initialValues] = useState<ChannelFormValues>(() => (channel ? channelFormValues(channel) : newChannelValues()));
  const [kind, setKind] = useState<ChannelKind | undefined>(initialValues.kind);

  const onValuesChange = (changed: Partial<ChannelFormValues>) => {
    submitForm.markDirty();
    if (changed.kind && changed.kind !== kind) {
      form.setFieldsValue(kindChange(kind, changed.kind, { replyDays: form.getFieldValue('replyDays'), name: form.getFieldValue('name') }));
      setKind(changed.kind);
    }
  };

  const save = (values: ChannelFormValues) =>
    submitForm.submit({
      schema: SaveChannelSchema,
      body: channelBody(values),
      send: (data) => {
        if (!channel) return createChannel(siteId, data);
        return differs(channelBody(channelFormValues(channel)), data) ? updateChannel(channel.id, data) : null;
      },
      success: (saved) => `渠道“${saved.name}”已保存`,
      onSaved,
    });

  return (
    <Form<ChannelFormValues>
      form={form}
      name={channel ? 'channel-edit' : 'channel-create'}
      layout="vertical"
      initialValues={initialValues}
      onValuesChange={onValuesChange}
      onFinish={(v) => void save(v)}
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item label="渠道类型" name="kind" required extra="更换类型时，未修改过的答复时限和名称随类型变化。">
            <Select options={KIND_OPTIONS} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="渠道名称" name="name" required>
            <Input maxLength={50} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="办理单位" name="handlingOrgId" required extra="来信默认由该单位受理和答复。">
            <OrgTreeSelect orgs={orgs} placeholder="请选择办理单位" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="答复时限（工作日）" name="replyDays" required extra="自收信次日起按工作日计算，不超过 60 个工作日。">
            <InputNumber min={1} max={60} precision={0} style={{ width: 160 }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            label="公开答复"
            name="publishReplies"
            valuePropName="checked"
            extra="来信人同意公开的，答复后在网站公开（个人信息自动屏蔽）。"
          >
            <Switch />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label="答复须审核" name="reviewReplies" valuePropName="checked" extra="答复经领导审核通过后才发送。">
            <Switch />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            label="不满意时重新办理"
            name="reopenOnUnsatisfied"
            valuePropName="checked"
            extra="来信人评价“不满意”时信件自动退回重新办理。"
          >
            <Switch />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item label="渠道说明" name="intro" extra="显示在网站写信页面上，如受理范围和注意事项。">
            <Input.TextArea rows={4} maxLength={1000} showCount />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="排序" name="sortOrder" extra="数字小的排在前面；留空排在最后。">
            <InputNumber min={0} max={9999} precision={0} style={{ width: 160 }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="启用" name="enabled" valuePropName="checked" extra="停用后网站不再显示该渠道，已收到的信件照常办理。">
            <Switch />
          </Form.Item>
        </Col>
      </Row>
      <FormErrorAlert text={submitForm.alert} />
      <Space>
        <Button type="primary" htmlType="submit" loading={submitForm.saving}>
          {channel ? '保存修改' : '新增渠道'}
        </Button>
        <Button onClick={onCancel}>取消</Button>
      </Space>
    </Form>
  );
}
