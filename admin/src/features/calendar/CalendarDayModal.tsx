import { DatePicker, Form, Input, Modal, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  CALENDAR_DAY_KIND_LABELS,
  CALENDAR_DAY_KINDS,
  CALENDAR_MAX_YEAR,
  CALENDAR_MIN_YEAR,
  CalendarDayBodySchema,
  type CalendarDayEntry,
  type CalendarDayKind,
} from '../../../../common/schemas/calendar.ts';
import { setCalendarDay, type StoredCalendarDay } from '../../api/calendar.ts';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { useSubmitForm } from '../../lib/useSubmitForm.ts';

interface DayValues {
  date?: Dayjs | null;
  kind?: CalendarDayKind;
  name?: string;
}

const FIELDS = ['date', 'kind', 'name'];
const KIND_OPTIONS = CALENDAR_DAY_KINDS.map((k) => ({ value: k, label: CALENDAR_DAY_KIND_LABELS[k] }));
const outOfRange = (d: Dayjs) => d.year() < CALENDAR_MIN_YEAR || d.year() > CALENDAR_MAX_YEAR;

/** What the dialog opens with: a listed day to change, or a date (possibly none) for a new entry. */
export type CalendarDayTarget = { entry: CalendarDayEntry } | { date: string | null };

/**
 * 设置某日安排: makes one day a holiday (放假) or a 调休 working day, replacing whatever the
 * calendar said for it. Mounted only while shown; on failure it stays open with the input kept.
 */
export function CalendarDayModal({
  target,
  onSaved,
  onCancel,
}: {
  target: CalendarDayTarget;
  onSaved: (day: StoredCalendarDay) => void;
  onCancel: () => void;
}) {
  const [form] = Form.useForm<DayValues>();
  const submitForm = useSubmitForm({ form, fields: FIELDS });
  const entry = 'entry' in target ? target.entry : null;
  const initialDate = entry?.date ?? ('date' in target ? target.date : null);

  const submit = () => {
    const v = form.getFieldsValue();
    const date = v.date ? v.date.format('YYYY-MM-DD') : null;
    return submitForm.submit({
      schema: CalendarDayBodySchema,
      body: { kind: v.kind, name: v.name ?? '' },
      // The date is the request's path, not part of the body: checked here with the body.
      extra: date ? [] : [{ field: 'date', message: '请选择日期' }],
      send: (body) => setCalendarDay(date ?? '', body),
      success: (day) => `已将 ${day.date} 设为${CALENDAR_DAY_KIND_LABELS[day.kind]}（${day.name}）`,
      onSaved,
    });
  };

  return (
    <Modal
      open
      title={entry ? `修改 ${entry.date} 的安排` : '添加节假日安排'}
      okText="保存"
      okButtonProps={{ loading: submitForm.saving }}
      cancelText="取消"
      onOk={() => void submit()}
      onCancel={onCancel}
      mask={{ closable: false }}
    >
      <Form<DayValues>
        form={form}
        name="calendar-day"
        layout="vertical"
        initialValues={{
          date: initialDate ? dayjs(initialDate) : null,
          kind: entry?.kind ?? 'holiday',
          name: entry?.name ?? '',
        }}
        onValuesChange={submitForm.markDirty}
        onFinish={() => void submit()}
      >
        <Form.Item label="日期" name="date" required extra={entry ? '修改其他日期请另行添加。' : undefined}>
          <DatePicker disabled={entry !== null} disabledDate={outOfRange} aria-required />
        </Form.Item>
        <Form.Item label="类型" name="kind" required extra="调休上班：因节假日调休而在周末上班的日子。">
          <Radio.Group options={KIND_OPTIONS} />
        </Form.Item>
        <Form.Item label="名称" name="name" required extra="节日名称，如 国庆节；调休上班填所补的节日。">
          <Input maxLength={50} autoComplete="off" />
        </Form.Item>
      </Form>
      <FormErrorAlert text={submitForm.alert} />
    </Modal>
  );
}
