import { Button, DatePicker, Form, Input, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { INTERVIEW_REASON_LABELS, InterviewInputSchema, type InterviewReason } from '../../../../common/schemas/evaluation.ts';
import { recordInterview, type InterviewCandidate } from '../../api/evaluation.ts';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { useSubmitForm } from '../../lib/useSubmitForm.ts';

interface Values {
  reason: InterviewReason;
  heldOn: Dayjs | null;
  attendees: string;
  summary: string;
  commitments?: string;
}

const FIELDS = ['reason', 'heldOn', 'attendees', 'summary', 'commitments'];

/** 记录约谈: who was interviewed about what, when, and what the org committed to. */
export function InterviewForm({
  batchId,
  candidate,
  onSaved,
  onCancel,
  onDirtyChange,
}: {
  batchId: string;
  candidate: InterviewCandidate;
  onSaved: () => void;
  onCancel: () => void;
  onDirtyChange: (dirty: boolean) => void;
}) {
  const [form] = Form.useForm<Values>();
  const submitForm = useSubmitForm({ form, fields: FIELDS, onDirtyChange });
  const [initialValues] = useState<Values>(() => ({ reason: candidate.reasons[0]!, heldOn: dayjs(), attendees: '', summary: '' }));
  const save = (v: Values) =>
    submitForm.submit({
      schema: InterviewInputSchema,
      body: {
        siteId: candidate.siteId,
        batchId,
        reason: v.reason,
        heldOn: v.heldOn ? v.heldOn.format('YYYY-MM-DD') : '',
        attendees: v.attendees,
        summary: v.summary,
        ...(v.commitments?.trim() ? { commitments: v.commitments } : {}),
      },
      send: (data) => recordInterview(data),
      success: `已记录对“${candidate.orgName || candidate.siteName}”的约谈`,
      onSaved,
    });
  return (
    <Form<Values>
      form={form}
      name="interview-record"
      layout="vertical"
      initialValues={initialValues}
      onValuesChange={() => submitForm.markDirty()}
      onFinish={(v) => void save(v)}
    >
      <Form.Item label="约谈原因" name="reason" required>
        <Select options={candidate.reasons.map((r) => ({ value: r, label: INTERVIEW_REASON_LABELS[r] }))} />
      </Form.Item>
      <Form.Item label="约谈日期" name="heldOn" required>
        <DatePicker />
      </Form.Item>
      <Form.Item label="参加人员" name="attendees" required extra="约谈方和被约谈单位的参加人员。">
        <Input maxLength={500} autoComplete="off" />
      </Form.Item>
      <Form.Item label="约谈情况" name="summary" required>
        <Input.TextArea rows={4} maxLength={4000} showCount />
      </Form.Item>
      <Form.Item label="整改承诺" name="commitments">
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
      <FormErrorAlert text={submitForm.alert} />
      <Space>
        <Button type="primary" htmlType="submit" loading={submitForm.saving}>
          保存记录
        </Button>
        <Button onClick={onCancel}>取消</Button>
      </Space>
    </Form>
  );
}
