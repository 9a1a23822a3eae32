import { Form, Input } from 'antd';
import { NARRATIVE_MAX, type NarrativeKey } from '../../../../../common/annual-report.ts';

/** One narrative section as plain text (no HTML: the server refuses markup and escapes what it shows). */
export function NarrativeField({ name, label, hint }: { name: NarrativeKey; label: string; hint: string }) {
  return (
    <Form.Item label={label} name={['narratives', name]} extra={hint}>
      <Input.TextArea autoSize={{ minRows: 4, maxRows: 16 }} maxLength={NARRATIVE_MAX} showCount />
    </Form.Item>
  );
}
