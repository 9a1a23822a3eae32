import { Form, Input, InputNumber, Modal, Radio, Typography } from 'antd';
import { useState } from 'react';
import {
  CALENDAR_IMPORT_MAX_CHARS,
  CALENDAR_MAX_YEAR,
  CALENDAR_MIN_YEAR,
  CalendarImportSchema,
  type CalendarImportFormat,
} from '../../../../common/schemas/calendar.ts';
import { importCalendarYear, type CalendarImportSummary } from '../../api/calendar.ts';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { useSubmitForm } from '../../lib/useSubmitForm.ts';
import { guessImport } from './calendarModel.ts';

interface ChosenFile {
  name: string;
  text: string;
}

interface ImportValues {
  year?: number | null;
  format?: CalendarImportFormat;
  /** The chosen file; named `content` so the server's errors about the content land here. */
  content?: ChosenFile | null;
  note?: string;
}

const FIELDS = ['year', 'format', 'content', 'note'];
const FORMAT_OPTIONS = [
  { value: 'json', label: 'JSON' },
  { value: 'ics', label: 'ICS（iCalendar）' },
];

/**
 * A file input whose value is the file's text, read in the browser (nothing is uploaded as a
 * file). Form.Item passes the `id` its label points at.
 */
function TextFileInput({
  id,
  value,
  onChange,
  onRead,
}: {
  id?: string;
  value?: ChosenFile | null;
  onChange?: (v: ChosenFile | null) => void;
  onRead: (file: ChosenFile) => void;
}) {
  const [reading, setReading] = useState(false);
  const [readError, setReadError] = useState<string | null>(null);

  const pick = async (file: File | undefined) => {
    setReadError(null);
    if (!file) return onChange?.(null);
    setReading(true);
    try {
      const chosen = { name: file.name, text: await file.text() };
      onChange?.(chosen);
      onRead(chosen);
    } catch {
      setReadError('无法读取该文件，请确认文件未损坏后重试');
      onChange?.(null);
    } finally {
      setReading(false);
    }
  };

  return (
    <>
      <input id={id} type="file" accept=".json,.ics,application/json,text/calendar" onChange={(e) => void pick(e.target.files?.[0])} />
      <div className="gk-hint" aria-live="polite">
        {reading ? '正在读取…' : readError ? readError : value ? `已选择：${value.name}（${value.text.length} 个字符）` : ''}
      </div>
    </>
  );
}

/**
 * 导入全年安排: one year's arrangement from the State Council notice, as a JSON or ICS file. The
 * file is read here and its text sent; the server checks it completely and imports all or nothing.
 */
export function ImportCalendarModal({
  year,
  onImported,
  onCancel,
}: {
  year: number;
  onImported: (summary: CalendarImportSummary) => void;
  onCancel: () => void;
}) {
  const [form] = Form.useForm<ImportValues>();
  const submitForm = useSubmitForm({ form, fields: FIELDS });

  // Fill in what the file says about itself; the user can still change both.
  const onRead = (file: ChosenFile) => {
    const guess = guessImport(file.name, file.text);
    if (guess.format) form.setFieldValue('format', guess.format);
    if (guess.year) form.setFieldValue('year', guess.year);
  };

  const submit = async () => {
    // Only "is a file chosen" is checked by antd; everything about the body by the shared schema.
    const v = await form.validateFields(['content']).then(
      () => form.getFieldsValue(),
      () => null,
    );
    if (!v) return;
    await submitForm.submit({
      schema: CalendarImportSchema,
      body: { year: v.year ?? undefined, format: v.format, content: v.content?.text ?? '', ...(v.note?.trim() ? { note: v.note } : {}) },
      send: importCalendarYear,
      onSaved: onImported,
    });
  };

  return (
    <Modal
      open
      title="导入全年节假日安排"
      okText="导入"
      okButtonProps={{ loading: submitForm.saving }}
      cancelText="取消"
      onOk={() => void submit()}
      onCancel={onCancel}
      mask={{ closable: false }}
      width={640}
    >
      <Typography.Paragraph type="secondary">
        导入的内容即为该年的全部安排：将替换该年的内置数据和此前导入的数据；其他日期的手工设置保留，与导入日期相同的手工设置将被替换。
      </Typography.Paragraph>
      <Form<ImportValues>
        form={form}
        name="calendar-import"
        layout="vertical"
        initialValues={{ year, format: 'json', note: '' }}
        onValuesChange={submitForm.markDirty}
        onFinish={() => void submit()}
      >
        <Form.Item
          label="文件"
          name="content"
          rules={[{ required: true, message: '请选择要导入的文件' }]}
          extra={`JSON 或 ICS 文件，不超过 ${CALENDAR_IMPORT_MAX_CHARS.toLocaleString('zh-CN')} 个字符。`}
        >
          <TextFileInput onRead={onRead} />
        </Form.Item>
        <Form.Item label="格式" name="format" required>
          <Radio.Group options={FORMAT_OPTIONS} />
        </Form.Item>
        <Form.Item label="年份" name="year" required extra="JSON 文件中的年份须与此一致；ICS 文件只导入该年的日期。">
          <InputNumber min={CALENDAR_MIN_YEAR} max={CALENDAR_MAX_YEAR} precision={0} />
        </Form.Item>
        <Form.Item label="说明" name="note" extra="如通知文号；不填则使用文件中的说明。">
          <Input maxLength={200} autoComplete="off" />
        </Form.Item>
      </Form>
      <details className="gk-calendar-format">
        <summary>JSON 文件格式</summary>
        <pre>{`{
  "year": 2027,
  "note": "国办发明电〔2026〕…号",
  "days": [
    { "date": "2027-01-01", "kind": "holiday", "name": "元旦" },
    { "date": "2027-02-06", "kind": "workday", "name": "春节" }
  ]
}`}</pre>
        <p>holiday 为放假（假期中的每一天都要列出，含周末）；workday 为调休上班，name 填所补的节日。所有日期须在该年内。</p>
      </details>
      <FormErrorAlert text={submitForm.alert} />
    </Modal>
  );
}
