import { Button, Col, DatePicker, Form, Input, InputNumber, Row, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { NoticeRequestSchema } from '../../../../common/schemas/evaluation.ts';
import { saveBlob } from '../../api/client.ts';
import { draftNotice } from '../../api/evaluation.ts';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { useSubmitForm } from '../../lib/useSubmitForm.ts';

interface Values {
  issuer: string;
  docNumber: string;
  recipients: string;
  date: Dayjs | null;
  praiseFrom: number;
  rectifyDays: number;
}

const FIELDS = ['issuer', 'docNumber', 'recipients', 'date', 'praiseFrom', 'rectifyDays'];

/** 起草通报: the circular of a finished spot check as a DOCX in 公文 layout, downloaded for the office to edit. */
export function NoticeForm({
  batchId,
  year,
  onDone,
  onCancel,
  onDirtyChange,
}: {
  batchId: string;
  year: string;
  onDone: () => void;
  onCancel: () => void;
  onDirtyChange: (dirty: boolean) => void;
}) {
  const [form] = Form.useForm<Values>();
  const submitForm = useSubmitForm({ form, fields: FIELDS, onDirtyChange });
  const [initialValues] = useState<Values>(() => ({
    issuer: '',
    docNumber: `〔${year}〕号`,
    recipients: '各县（区）人民政府，市级各部门',
    date: dayjs(),
    praiseFrom: 90,
    rectifyDays: 30,
  }));

  const save = (v: Values) =>
    submitForm.submit({
      schema: NoticeRequestSchema,
      body: {
        issuer: v.issuer,
        docNumber: v.docNumber,
        recipients: v.recipients,
        ...(v.date ? { date: v.date.format('YYYY-MM-DD') } : {}),
        praiseFrom: v.praiseFrom,
        rectifyDays: v.rectifyDays,
      },
      send: async (data) => {
        saveBlob(await draftNotice(batchId, data), '抽查情况通报（草稿）.docx');
        return null as unknown;
      },
      success: '通报草稿已生成，请在下载的文件中修改后印发',
      onSaved: onDone,
    });

  return (
    <Form<Values>
      form={form}
      name="spot-check-notice"
      layout="vertical"
      initialValues={initialValues}
      onValuesChange={() => submitForm.markDirty()}
      onFinish={(v) => void save(v)}
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item label="发文机关" name="issuer" required>
            <Input maxLength={40} placeholder="如：某某市人民政府办公室" autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="发文字号" name="docNumber" required extra="年份用六角括号，如“攀办函〔2026〕12号”。">
            <Input maxLength={30} autoComplete="off" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="主送机关" name="recipients" required>
        <Input maxLength={200} autoComplete="off" />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item label="成文日期" name="date">
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label="表扬分数线" name="praiseFrom" extra="得分不低于此分的网站予以表扬。">
            <InputNumber min={0} max={130} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label="整改期限（天）" name="rectifyDays">
            <InputNumber min={1} max={365} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <FormErrorAlert text={submitForm.alert} />
      <Space>
        <Button type="primary" htmlType="submit" loading={submitForm.saving}>
          生成通报草稿
        </Button>
        <Button onClick={onCancel}>取消</Button>
      </Space>
    </Form>
  );
}
