import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { CloseColumnSchema } from '../../../../common/schemas/sites.ts';
import { closeColumn, type Column } from '../../api/sites.ts';
import { applyFieldErrors, submitErrorDisplay, validateBody } from '../../lib/formErrors.ts';
import { useUnsavedChanges } from '../../session/useUnsavedChanges.ts';

const FIELDS = ['reason'];

/**
 * 关闭栏目: asks for the reason (it goes to the audit log). Mounted only while shown, so the
 * reason starts empty; on failure the dialog stays open with the reason kept.
 */
export function CloseColumnModal({
  siteId,
  column,
  onClosed,
  onCancel,
}: {
  siteId: string;
  column: Column;
  onClosed: (c: Column) => void;
  onCancel: () => void;
}) {
  const [form] = Form.useForm<{ reason?: string }>();
  const [alert, setAlert] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [dirty, setDirty] = useState(false);
  useUnsavedChanges(dirty);

  const submit = async () => {
    setAlert(null);
    const v = validateBody(CloseColumnSchema, { reason: form.getFieldValue('reason') ?? '' }, FIELDS);
    if (!v.ok) {
      applyFieldErrors(form, v.fields, FIELDS);
      return;
    }
    setSaving(true);
    try {
      const closed = await closeColumn(siteId, column.id, v.data.reason);
      setDirty(false);
      onClosed(closed);
    } catch (e) {
      const shown = submitErrorDisplay(e, FIELDS);
      applyFieldErrors(form, shown.fields, FIELDS);
      setAlert(shown.alert);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={`关闭栏目「${column.name}」`}
      okText="关闭栏目"
      okButtonProps={{ danger: true, loading: saving }}
      cancelText="取消"
      onOk={() => void submit()}
      onCancel={onCancel}
      mask={{ closable: false }}
    >
      <Alert
        className="gk-form-alert"
        type="warning"
        showIcon
        role="note"
        title="关闭后栏目不再对外显示，记录仍予保留；有未关闭的下级栏目时须先处理下级栏目。"
      />
      <Form form={form} name="column-close" layout="vertical" onValuesChange={() => setDirty(true)} onFinish={() => void submit()}>
        <Form.Item label="关闭原因" name="reason" required extra="将记入审计日志。">
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
      {alert && <Alert type="error" showIcon role="alert" title={alert} />}
    </Modal>
  );
}
