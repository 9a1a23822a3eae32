import { Button, DatePicker, Form, Radio, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { IssueTasksSchema } from '../../../../common/schemas/evaluation.ts';
import { issueRectification } from '../../api/evaluation.ts';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { useSubmitForm } from '../../lib/useSubmitForm.ts';

interface Values {
  deadline: Dayjs | null;
  scope: 'failing' | 'all';
}

/** 下发整改: each lost item of the chosen sites becomes a task for the site's owner org, due by the deadline. */
export function IssueTasksForm({
  batchId,
  onSaved,
  onCancel,
  onDirtyChange,
}: {
  batchId: string;
  onSaved: () => void;
  onCancel: () => void;
  onDirtyChange: (dirty: boolean) => void;
}) {
  const [form] = Form.useForm<Values>();
  const submitForm = useSubmitForm({ form, fields: ['deadline', 'scope'], onDirtyChange });
  const [initialValues] = useState<Values>(() => ({ deadline: dayjs().add(30, 'day'), scope: 'failing' }));
  const save = (v: Values) =>
    submitForm.submit({
      schema: IssueTasksSchema,
      body: { scope: v.scope, ...(v.deadline ? { deadline: v.deadline.format('YYYY-MM-DD') } : {}) },
      send: (data) => issueRectification(batchId, data),
      success: (r) => (r.created > 0 ? `已下发 ${r.created} 项整改任务` : '没有需要新下发的整改任务'),
      onSaved,
    });
  return (
    <Form<Values>
      form={form}
      name="issue-rectification"
      layout="vertical"
      initialValues={initialValues}
      onValuesChange={() => submitForm.markDirty()}
      onFinish={(v) => void save(v)}
    >
      <Form.Item label="整改期限" name="deadline" required extra="逾期未整改的任务每天上午自动督办，并列入约谈问责对象。">
        <DatePicker />
      </Form.Item>
      <Form.Item label="下发范围" name="scope">
        <Radio.Group
          options={[
            { value: 'failing', label: '不合格网站的失分项' },
            { value: 'all', label: '所有网站的全部失分项' },
          ]}
        />
      </Form.Item>
      <FormErrorAlert text={submitForm.alert} />
      <Space>
        <Button type="primary" htmlType="submit" loading={submitForm.saving}>
          下发整改
        </Button>
        <Button onClick={onCancel}>取消</Button>
      </Space>
    </Form>
  );
}
