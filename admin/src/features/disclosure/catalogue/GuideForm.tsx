import { Button, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { GuideSchema } from '../../../../../common/schemas/catalogue.ts';
import { saveGuide, type Guide } from '../../../api/catalogue.ts';
import { FormErrorAlert } from '../../../components/FormErrorAlert.tsx';
import { useSubmitForm } from '../../../lib/useSubmitForm.ts';
import { GUIDE_FIELDS, guideBody, guideFormValues, type GuideFormValues } from './guideForm.ts';

export interface GuideFormProps {
  siteId: string;
  guide: Guide;
  onSaved: (guide: Guide) => void;
}

/** The 政府信息公开指南's fields (条例 第十二条): the office, its contacts, the arrangement and how to obtain information. */
export function GuideForm({ siteId, guide, onSaved }: GuideFormProps) {
  const [form] = Form.useForm<GuideFormValues>();
  const submitForm = useSubmitForm({ form, fields: GUIDE_FIELDS });
  const [initialValues] = useState(() => guideFormValues(guide));
  const save = (values: GuideFormValues) =>
    submitForm.submit({
      schema: GuideSchema,
      body: guideBody(values),
      send: (data) => saveGuide(siteId, data),
      success: '政府信息公开指南已保存，公开页面即时更新',
      onSaved,
    });
  return (
    <Form<GuideFormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onValuesChange={submitForm.markDirty}
      onFinish={save}
      style={{ maxWidth: 760 }}
    >
      <Form.Item label="政府信息公开工作机构名称" name="officeName" required>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item label="办公地址" name="address" required>
        <Input maxLength={300} />
      </Form.Item>
      <Space wrap size="large">
        <Form.Item label="邮政编码" name="postalCode">
          <Input maxLength={6} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item label="联系电话" name="phone" required>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item label="传真号码" name="fax" required>
          <Input maxLength={64} />
        </Form.Item>
      </Space>
      <Form.Item label="办公时间" name="officeHours" required>
        <Input maxLength={200} placeholder="如：工作日上午 8:30—12:00，下午 14:30—18:00" />
      </Form.Item>
      <Form.Item label="互联网联系方式" name="webContact" required extra="电子邮箱或网上申请地址">
        <Input maxLength={300} />
      </Form.Item>
      <Form.Item label="信息分类与编排体系" name="arrangement" required extra="说明本机关政府信息的分类和编排方式；每段一行。">
        <Input.TextArea rows={4} maxLength={5000} showCount />
      </Form.Item>
      <Form.Item label="获取方式" name="obtaining" required extra="说明主动公开信息的查阅方式和依申请公开的办理方式。">
        <Input.TextArea rows={4} maxLength={5000} showCount />
      </Form.Item>
      <FormErrorAlert text={submitForm.alert} />
      <Space>
        <Button type="primary" htmlType="submit" loading={submitForm.saving}>
          保存指南
        </Button>
        <Button onClick={submitForm.reset} disabled={!submitForm.dirty || submitForm.saving}>
          放弃修改
        </Button>
      </Space>
    </Form>
  );
}
