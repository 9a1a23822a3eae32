import { Alert, Form, Input, Modal } from 'antd';
import { CloseColumnSchema } from '../../../../common/schemas/sites.ts';
import { closeColumn, type Column } from '../../api/sites.ts';
import { useSubmitForm } from '../../lib/useSubmitForm.ts';

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
  const submitForm = useSubmitForm({ form, fields: FIELDS });

  const submit = () =>
    submitForm.submit({
      schema: CloseColumnSchema,
      body: { reason: form.getFieldValue('reason') ?? '' },
      send: (data) => closeColumn(siteId, column.id, data.reason),
      onSaved: onClosed,
    });

  return (
    <Modal
      open
      title={`关闭栏目「${column.name}」`}
      okText="关闭栏目"
      okButtonProps={{ danger: true, loading: submitForm.saving }}
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
      <Form form={form} name="column-close" layout="vertical" onValuesChange={submitForm.markDirty} onFinish={() => void submit()}>
        <Form.Item label="关闭原因" name="reason" required extra="将记入审计日志。">
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
      {submitForm.alert && <Alert type="error" showIcon role="alert" title={submitForm.alert} />}
    </Modal>
  );
}
