import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Popconfirm, Space, Table, type TableColumnsType } from 'antd';
import { useCallback, useState } from 'react';
import { SaveReplyTemplateSchema } from '../../../../common/schemas/interaction.ts';
import {
  createReplyTemplate,
  deleteReplyTemplate,
  fetchReplyTemplates,
  updateReplyTemplate,
  type ReplyTemplate,
} from '../../api/interaction.ts';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { LoadErrorAlert } from '../../components/LoadErrorAlert.tsx';
import { TableEmpty } from '../../components/TableEmpty.tsx';
import { actionErrorText } from '../../lib/formErrors.ts';
import { useApiData } from '../../lib/useApiData.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useSubmitForm } from '../../lib/useSubmitForm.ts';

const TEMPLATE_FIELDS = ['title', 'body'] as const;

interface TemplateValues {
  title?: string;
  body?: string;
}

/** A site's 答复模板: the texts handlers insert into replies; add, edit and delete. */
export function ReplyTemplatesPanel({ siteId }: { siteId: string }) {
  const { message } = App.useApp();
  const load = useCallback((signal: AbortSignal) => fetchReplyTemplates(siteId, signal), [siteId]);
  const templates = useApiData(load);
  // null: closed; { template: undefined }: a new one.
  const [editing, setEditing] = useState<{ template?: ReplyTemplate } | null>(null);

  const remove = async (t: ReplyTemplate) => {
    try {
      await deleteReplyTemplate(t.id);
      void message.success(`已删除模板“${t.title}”`);
    } catch (e) {
      void message.error(`删除失败：${actionErrorText(e)}`);
    } finally {
      templates.reload();
    }
  };

  const columns: TableColumnsType<ReplyTemplate> = [
    { title: '模板名称', dataIndex: 'title', key: 'title', width: 200 },
    { title: '模板内容', dataIndex: 'body', key: 'body', ellipsis: true },
    {
      title: '操作',
      key: 'actions',
      width: 130,
      render: (_, t) => (
        <Space className="gk-table-actions">
          <Button type="link" size="small" onClick={() => setEditing({ template: t })}>
            编辑<span className="gk-visually-hidden">{t.title}</span>
          </Button>
          <Popconfirm
            title={`删除模板“${t.title}”？`}
            okText="删除"
            okButtonProps={{ danger: true }}
            cancelText="取消"
            onConfirm={() => remove(t)}
          >
            <Button type="link" size="small" danger>
              删除<span className="gk-visually-hidden">{t.title}</span>
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <>
      <Space className="gk-block">
        <Button icon={<PlusOutlined />} onClick={() => setEditing({})}>
          新增模板
        </Button>
      </Space>
      {templates.error ? <LoadErrorAlert error={templates.error} what="答复模板" onRetry={templates.reload} /> : null}
      <Table<ReplyTemplate>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={templates.data ?? []}
        loading={templates.loading}
        pagination={false}
        locale={{ emptyText: <TableEmpty loading={templates.loading} text="暂无答复模板" /> }}
      />
      <TemplateModal
        siteId={siteId}
        target={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          templates.reload();
        }}
      />
    </>
  );
}

interface TemplateModalProps {
  siteId: string;
  target: { template?: ReplyTemplate } | null;
  onClose: () => void;
  onSaved: () => void;
}

/** The template form in a dialog (FormModal: mounted only while open; closing with changes asks first). */
function TemplateModal({ siteId, target, onClose, onSaved }: TemplateModalProps) {
  return (
    <FormModal
      open={target !== null}
      title={target?.template ? `编辑模板：${target.template.title}` : '新增答复模板'}
      width={720}
      onClose={onClose}
    >
      {({ onDirtyChange, onCancel, onDone }) => (
        <TemplateForm
          siteId={siteId}
          {...(target?.template ? { template: target.template } : {})}
          onDirtyChange={onDirtyChange}
          onCancel={onCancel}
          onSaved={() => {
            onDone();
            onSaved();
          }}
        />
      )}
    </FormModal>
  );
}

interface TemplateFormProps {
  siteId: string;
  template?: ReplyTemplate;
  onDirtyChange: (dirty: boolean) => void;
  onCancel: () => void;
  onSaved: () => void;
}

function TemplateForm({ siteId, template, onDirtyChange, onCancel, onSaved }: TemplateFormProps) {
  const [form] = Form.useForm<TemplateValues>();
  const submitForm = useSubmitForm({ form, fields: TEMPLATE_FIELDS, onDirtyChange });
  const save = (values: TemplateValues) =>
    submitForm.submit({
      schema: SaveReplyTemplateSchema,
      body: { title: values.title ?? '', body: values.body ?? '' },
      send: (data) =>
        template
          ? data.title === template.title && data.body === template.body
            ? null
            : updateReplyTemplate(template.id, data)
          : createReplyTemplate(siteId, data),
      success: (saved) => `模板“${saved.title}”已保存`,
      onSaved,
    });
  return (
    <Form<TemplateValues>
      form={form}
      name={template ? 'template-edit' : 'template-create'}
      layout="vertical"
      initialValues={template ? { title: template.title, body: template.body } : {}}
      onValuesChange={submitForm.markDirty}
      onFinish={(v) => void save(v)}
    >
      <Form.Item label="模板名称" name="title" required>
        <Input maxLength={50} autoComplete="off" />
      </Form.Item>
      <Form.Item label="模板内容" name="body" required extra="插入答复后可再修改；请勿在模板中写入个人信息。">
        <Input.TextArea rows={8} maxLength={5000} showCount />
      </Form.Item>
      <FormErrorAlert text={submitForm.alert} />
      <Space>
        <Button type="primary" htmlType="submit" loading={submitForm.saving}>
          保存
        </Button>
        <Button onClick={onCancel}>取消</Button>
      </Space>
    </Form>
  );
}
