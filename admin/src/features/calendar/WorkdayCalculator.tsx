import { Alert, Button, DatePicker, Form, InputNumber, Table, Tag, Typography, type TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { CALENDAR_MAX_ADD_WORKDAYS, CALENDAR_MAX_YEAR, CALENDAR_MIN_YEAR } from '../../../../common/schemas/calendar.ts';
import { fetchAddWorkdays, type AddWorkdaysAnswer } from '../../api/calendar.ts';
import { errorMessage } from '../../api/client.ts';
import { traceRows, traceSummary, workdayResultText, type TraceRow } from './calendarModel.ts';

interface CalcValues {
  date?: Dayjs | null;
  n?: number | null;
}

const outOfRange = (d: Dayjs) => d.year() < CALENDAR_MIN_YEAR || d.year() > CALENDAR_MAX_YEAR;

const columns: TableColumnsType<TraceRow> = [
  { title: '日期', dataIndex: 'date', key: 'date', width: 130 },
  { title: '星期', dataIndex: 'weekday', key: 'weekday', width: 90 },
  {
    title: '计算',
    key: 'counted',
    width: 150,
    render: (_, r) => (r.ordinal !== null ? <Tag color="blue">{`第 ${r.ordinal} 个工作日`}</Tag> : <Tag>跳过</Tag>),
  },
  { title: '原因', dataIndex: 'reason', key: 'reason' },
];

/**
 * 工作日计算: the date n working days after a date, as the platform's deadlines count them
 * (the start day itself not counted), with every day walked and why it counted or was skipped.
 */
export function WorkdayCalculator({ today }: { today: string }) {
  const [form] = Form.useForm<CalcValues>();
  const [answer, setAnswer] = useState<AddWorkdaysAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const calculate = async (v: CalcValues) => {
    setError(null);
    if (!v.date || typeof v.n !== 'number') {
      setError('请选择起始日期并填写工作日数');
      return;
    }
    setLoading(true);
    try {
      setAnswer(await fetchAddWorkdays(v.date.format('YYYY-MM-DD'), v.n));
    } catch (e) {
      setAnswer(null);
      setError(errorMessage(e));
    } finally {
      setLoading(false);
    }
  };

  const rows = answer ? traceRows(answer.trace) : [];

  return (
    <>
      <Form<CalcValues>
        form={form}
        name="workday-calc"
        layout="inline"
        className="gk-block"
        initialValues={{ date: dayjs(today), n: 3 }}
        onFinish={(v) => void calculate(v)}
      >
        <Form.Item label="起始日期" name="date" required>
          <DatePicker disabledDate={outOfRange} allowClear={false} aria-required />
        </Form.Item>
        <Form.Item label="工作日数" name="n" required>
          <InputNumber min={0} max={CALENDAR_MAX_ADD_WORKDAYS} precision={0} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={loading}>
            计算
          </Button>
        </Form.Item>
      </Form>
      {error && <Alert className="gk-block" type="error" showIcon role="alert" title={error} />}
      {answer && (
        <div aria-live="polite">
          <Typography.Paragraph strong className="gk-calendar-result">
            {workdayResultText(answer)}
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary">{`起始日不计入。${traceSummary(answer.trace)}`}</Typography.Paragraph>
          {answer.warnings.map((w) => (
            <Alert key={w} className="gk-block" type="warning" showIcon title={w} />
          ))}
          <Table<TraceRow>
            rowKey="date"
            size="small"
            columns={columns}
            dataSource={rows}
            pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            rowClassName={(r) => (r.ordinal === null ? 'gk-calendar-skipped' : '')}
          />
        </div>
      )}
    </>
  );
}
