import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Select, Space, Tag, Timeline, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import { outcomeNeedsGrounds, REDACTION_GROUNDS, REPLY_OUTCOMES } from '../../../common/disclosure-outcomes.ts';
import { RecordRequestEventSchema } from '../../../common/schemas/disclosure.ts';
import { fetchRequest, recordRequestEvent, replyLetterUrl } from '../api/disclosure.ts';
import { FormErrorAlert } from '../components/FormErrorAlert.tsx';
import { LoadErrorAlert } from '../components/LoadErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import {
  EVENT_CHOICES,
  LEVEL_TAGS,
  eventBody,
  outcomeText,
  type EventChoice,
  type EventFormValues,
} from '../features/disclosure/requestLabels.ts';
import { RequestHandlingCard } from '../features/disclosure/RequestHandlingCard.tsx';
import { RequestLettersCard } from '../features/disclosure/RequestLettersCard.tsx';
import { actionErrorText } from '../lib/formErrors.ts';
import { useApiData } from '../lib/useApiData.ts';

type DateFields = 'on' | 'applicantDeadline' | 'noticeReceivedOn' | 'applicantNotifiedOn' | 'newDueDate';
type FormShape = Omit<EventFormValues, DateFields> & Partial<Record<DateFields, Dayjs | null>> & { grounds?: string[] };

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);
const EVENT_LABEL = new Map<string, string>([
  ['received', '收到申请'],
  ['assigned', '转办'],
  ['delivered', '送达'],
  ['archived', '归档'],
  ...EVENT_CHOICES.map((c): [string, string] => [c.value, c.label]),
]);
const GROUND_OPTIONS = REDACTION_GROUNDS.map((g) => ({ value: g.code, label: `${g.article}：${g.label}` }));

/** The answer's body with its 条例 14–16 grounds, checked against the server's schema. */
function answerBody(v: FormShape): ReturnType<typeof eventBody> {
  const note = v.note?.trim() ? v.note.trim() : null;
  const grounds = v.outcome && outcomeNeedsGrounds(v.outcome) ? (v.grounds ?? []) : undefined;
  const parsed = RecordRequestEventSchema.safeParse({
    event: { type: 'answered', on: day(v.on) ?? '', outcome: v.outcome, ...(grounds ? { grounds } : {}) },
    note,
  });
  return parsed.success ? { ok: true, body: parsed.data } : { ok: false, message: parsed.error.issues[0]?.message ?? '请检查填写的内容' };
}

/** One 依申请公开 request: the applicant (masked unless revealed), the due date with its calculation, the record, the next step. */
export default function DisclosureRequestViewScene() {
  const { id = '' } = useParams();
  const [reveal, setReveal] = useState(false);
  const load = useCallback((signal: AbortSignal) => fetchRequest(id, reveal, signal), [id, reveal]);
  const request = useApiData(load);
  const [form] = Form.useForm<FormShape>();
  const type = Form.useWatch('type', form) as EventChoice | undefined;
  const outcome = Form.useWatch('outcome', form) as string | undefined;
  const [saving, setSaving] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);

  const submit = async (v: FormShape) => {
    setSaving(true);
    setAlert(null);
    const made =
      v.type === 'answered'
        ? answerBody(v)
        : eventBody({
            ...v,
            on: day(v.on),
            applicantDeadline: day(v.applicantDeadline),
            noticeReceivedOn: day(v.noticeReceivedOn),
            applicantNotifiedOn: day(v.applicantNotifiedOn),
            newDueDate: day(v.newDueDate),
          });
    if (!made.ok) {
      setAlert(made.message);
      setSaving(false);
      return;
    }
    try {
      await recordRequestEvent(id, made.body);
      form.resetFields();
      request.reload();
    } catch (e) {
      setAlert(actionErrorText(e));
    } finally {
      setSaving(false);
    }
  };

  const r = request.data;
  if (request.error && !r) return <LoadErrorAlert error={request.error} what="申请" onRetry={request.reload} />;
  if (!r) return null;
  const level = LEVEL_TAGS[r.clock.level];
  const closed = ['answered', 'abandonedNoAmendment', 'abandonedUnpaid'].includes(r.clock.state) || r.archivedAt !== null;
  return (
    <>
      <PageTitle
        title={`依申请公开 ${r.trackingNo}${r.archivedAt ? '（已归档）' : ''}`}
        extra={<Link to="/disclosure/requests">返回申请列表</Link>}
      />
      <Card title="申请" size="small">
        <Descriptions
          size="small"
          column={2}
          items={[
            { key: 'name', label: '申请人', children: r.applicant.name },
            { key: 'id', label: '证件号码', children: r.applicant.idNumber },
            { key: 'phone', label: '联系电话', children: r.applicant.phone },
            { key: 'address', label: '通信地址', children: r.applicant.address ?? '—' },
            { key: 'email', label: '电子邮箱', children: r.applicant.email ?? '—' },
            { key: 'same', label: '同一申请人的其他申请', children: `${r.sameApplicantRequests} 件` },
            { key: 'description', label: '所需信息', span: 2, children: r.description },
            { key: 'purpose', label: '用途', span: 2, children: r.purpose ?? '—' },
          ]}
        />
        {r.revealed ? (
          <Typography.Text type="secondary">完整个人信息的查看已记入审计日志。</Typography.Text>
        ) : (
          <Button size="small" onClick={() => setReveal(true)}>
            查看完整个人信息（将记入审计日志）
          </Button>
        )}
      </Card>
      <Card title="答复期限" size="small" style={{ marginTop: 16 }}>
        <p>
          <strong>{r.clock.stateLabel}</strong> 答复期限：{r.clock.dueDate ?? '—'}{' '}
          {level ? <Tag color={level.color}>{level.text}</Tag> : null}
          {r.clock.lawfullyExtended ? <Tag color="blue">已依法延期</Tag> : null}
        </p>
        <ol>
          {r.clock.trace.map((s, i) => (
            <li key={i}>
              {s.date}：{s.text}
            </li>
          ))}
        </ol>
      </Card>
      <Card title="办理记录" size="small" style={{ marginTop: 16 }}>
        <Timeline
          items={r.events.map((e) => ({
            key: e.seq,
            content: (
              <>
                <strong>
                  {String(e.data.on ?? e.data.confirmedOn ?? e.data.signedOn ?? e.data.submittedOn ?? '')}{' '}
                  {EVENT_LABEL.get(e.type) ?? e.type}
                </strong>
                {typeof e.data.outcome === 'string' ? `：${outcomeText(e.data.outcome)}` : null}
                {e.text ? <div>{e.text}</div> : null}
                {e.note && !e.text ? <div>{e.note}</div> : null}
              </>
            ),
          }))}
        />
      </Card>
      {r.reply ? (
        <Card title="答复" size="small" style={{ marginTop: 16 }}>
          <p>
            {r.reply.on} {outcomeText(r.reply.outcome)}
          </p>
          {r.reply.grounds.length ? (
            <>
              <Typography.Text strong>不予公开的依据：</Typography.Text>
              <ol>
                {r.reply.grounds.map((g) => (
                  <li key={g.code}>{g.text}</li>
                ))}
              </ol>
            </>
          ) : null}
        </Card>
      ) : null}
      <RequestHandlingCard request={r} onChanged={request.reload} />
      {closed ? null : <RequestLettersCard requestId={r.id} />}
      {r.clock.state === 'answered' ? (
        <Space style={{ marginTop: 16 }}>
          <Button icon={<DownloadOutlined />} href={replyLetterUrl(r.id)} download>
            下载答复书（DOCX）
          </Button>
        </Space>
      ) : null}
      {closed ? null : (
        <Card title="记录办理环节" size="small" style={{ marginTop: 16 }}>
          <Form<FormShape> form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ on: dayjs() }}>
            <Form.Item label="环节" name="type" rules={[{ required: true, message: '请选择环节' }]}>
              <Select options={EVENT_CHOICES.map((c) => ({ value: c.value, label: c.label }))} virtual={false} style={{ maxWidth: 320 }} />
            </Form.Item>
            <Form.Item label="日期" name="on" rules={[{ required: true, message: '请选择日期' }]}>
              <DatePicker />
            </Form.Item>
            {type === 'amendmentRequested' ? (
              <Form.Item label="申请人补正期限" name="applicantDeadline" rules={[{ required: true, message: '请选择补正期限' }]}>
                <DatePicker />
              </Form.Item>
            ) : null}
            {type === 'consultationStarted' || type === 'consultationEnded' ? (
              <Form.Item label="征求意见对象" name="party" initialValue="thirdParty">
                <Select
                  options={[
                    { value: 'thirdParty', label: '第三方' },
                    { value: 'agencies', label: '有关行政机关' },
                  ]}
                  style={{ maxWidth: 320 }}
                />
              </Form.Item>
            ) : null}
            {type === 'feeNoticeSent' ? (
              <Form.Item label="申请人收到收费通知日期" name="noticeReceivedOn">
                <DatePicker />
              </Form.Item>
            ) : null}
            {type === 'extensionApproved' ? (
              <>
                <Form.Item label="延长工作日数（不超过 20）" name="workdays" initialValue={20}>
                  <InputNumber min={1} max={20} precision={0} />
                </Form.Item>
                <Form.Item label="批准人（政府信息公开工作机构负责人）" name="approverId">
                  <Input maxLength={40} style={{ maxWidth: 320 }} />
                </Form.Item>
              </>
            ) : null}
            {type === 'delaySet' ? (
              <Form.Item label="延迟答复日期" name="newDueDate" rules={[{ required: true, message: '请选择日期' }]}>
                <DatePicker />
              </Form.Item>
            ) : null}
            {type === 'extensionApproved' || type === 'delaySet' ? (
              <Form.Item label="告知申请人日期" name="applicantNotifiedOn">
                <DatePicker />
              </Form.Item>
            ) : null}
            {type === 'answered' ? (
              <Form.Item label="答复结果" name="outcome" rules={[{ required: true, message: '请选择答复结果' }]}>
                <Select options={REPLY_OUTCOMES.map((o) => ({ value: o.code, label: outcomeText(o.code) }))} style={{ maxWidth: 480 }} />
              </Form.Item>
            ) : null}
            {type === 'answered' && outcome && outcomeNeedsGrounds(outcome) ? (
              <Form.Item
                label="不予公开的依据（条例第十四条、第十五条、第十六条）"
                name="grounds"
                rules={[{ required: true, message: '请选择不予公开的依据' }]}
              >
                <Select mode="multiple" options={GROUND_OPTIONS} style={{ maxWidth: 720 }} />
              </Form.Item>
            ) : null}
            <Form.Item
              label={
                type === 'answered'
                  ? '答复内容（申请人可在查询页面看到）'
                  : type === 'amendmentRequested'
                    ? '补正事项（申请人可在查询页面看到）'
                    : '说明'
              }
              name="note"
            >
              <Input.TextArea rows={3} maxLength={5000} />
            </Form.Item>
            <FormErrorAlert text={alert} />
            <Space>
              <Button type="primary" htmlType="submit" loading={saving}>
                记录
              </Button>
            </Space>
          </Form>
        </Card>
      )}
      {request.error ? <Alert type="error" showIcon title={actionErrorText(request.error)} style={{ marginTop: 16 }} /> : null}
    </>
  );
}
