import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Popconfirm, Select, Table, Tag, type TableColumnsType } from 'antd';
import { useCallback } from 'react';
import { DictionaryEntrySchema } from '../../../../common/schemas/content.ts';
import { addDictionaryEntry, fetchDictionary, removeDictionaryEntry, type DictionaryEntry } from '../../api/content.ts';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { LoadErrorAlert } from '../../components/LoadErrorAlert.tsx';
import { TableEmpty } from '../../components/TableEmpty.tsx';
import { formatDateTime } from '../../lib/datetime.ts';
import { actionErrorText } from '../../lib/formErrors.ts';
import { useApiData } from '../../lib/useApiData.ts';
import { useSubmitForm } from '../../lib/useSubmitForm.ts';
import { DICTIONARY_FIELDS, dictionaryBody, LEVEL_LABELS, type DictionaryFormValues, type DictionaryKind } from './dictionaryForm.ts';

const LEVEL_OPTIONS = [
  { value: 'error', label: LEVEL_LABELS.error },
  { value: 'warning', label: LEVEL_LABELS.warning },
];

const WORD_LABELS: Record<DictionaryKind, string> = { sensitive: '敏感词', commonError: '错误写法', leader: '姓名' };

/** One dictionary (one kind in one scope): its entries, an add form and delete per entry. */
export function DictionaryPanel({ scope, kind }: { scope: string; kind: DictionaryKind }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<DictionaryFormValues>();
  // An entry is added with one click and the list shows it: no unsaved-changes guard here.
  const submitForm = useSubmitForm({ form, fields: DICTIONARY_FIELDS[kind] });

  const load = useCallback((signal: AbortSignal) => fetchDictionary(scope, kind, signal), [scope, kind]);
  const entries = useApiData(load);

  const add = (values: DictionaryFormValues) =>
    submitForm.submit({
      schema: DictionaryEntrySchema,
      body: dictionaryBody(scope, kind, values),
      send: addDictionaryEntry,
      success: (added) => `已添加“${added.word}”`,
      onSaved: () => {
        form.resetFields();
        entries.reload();
      },
    });

  const remove = async (entry: DictionaryEntry) => {
    try {
      await removeDictionaryEntry(entry.id);
      void message.success(`已删除“${entry.word}”`);
    } catch (e) {
      void message.error(`删除失败：${actionErrorText(e)}`);
    } finally {
      entries.reload();
    }
  };

  const extraColumns: TableColumnsType<DictionaryEntry> =
    kind === 'sensitive'
      ? [
          {
            title: '级别',
            key: 'level',
            width: 160,
            render: (_, e) => (
              <Tag color={e.extra.level === 'warning' ? '#ad4e00' : 'red'}>{LEVEL_LABELS[e.extra.level ?? 'error'] ?? e.extra.level}</Tag>
            ),
          },
          { title: '说明', key: 'note', render: (_, e) => e.extra.note ?? '' },
        ]
      : kind === 'commonError'
        ? [{ title: '正确写法', key: 'correct', render: (_, e) => e.extra.correct ?? '' }]
        : [
            { title: '现任职务', key: 'title', render: (_, e) => e.extra.title ?? '' },
            { title: '单位', key: 'org', render: (_, e) => e.extra.org ?? '' },
          ];

  const columns: TableColumnsType<DictionaryEntry> = [
    { title: WORD_LABELS[kind], dataIndex: 'word', key: 'word' },
    ...extraColumns,
    { title: '添加时间', key: 'createdAt', width: 160, render: (_, e) => formatDateTime(e.createdAt) },
    {
      title: '操作',
      key: 'actions',
      width: 100,
      render: (_, e) => (
        <Popconfirm
          title={`删除“${e.word}”？`}
          okText="删除"
          okButtonProps={{ danger: true }}
          cancelText="取消"
          onConfirm={() => remove(e)}
        >
          <Button type="link" size="small" danger>
            删除<span className="gk-visually-hidden">{e.word}</span>
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <>
      <FormErrorAlert text={submitForm.alert} />
      <Form
        form={form}
        layout="inline"
        name={`dictionary-${kind}`}
        onFinish={(v) => void add(v)}
        initialValues={{ level: 'error' }}
        className="gk-block"
      >
        <Form.Item name="word" label={WORD_LABELS[kind]} required>
          <Input maxLength={kind === 'leader' ? 20 : 50} />
        </Form.Item>
        {kind === 'sensitive' && (
          <>
            <Form.Item name="level" label="级别">
              <Select options={LEVEL_OPTIONS} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="note" label="说明">
              <Input maxLength={200} />
            </Form.Item>
          </>
        )}
        {kind === 'commonError' && (
          <Form.Item name="correct" label="正确写法" required>
            <Input maxLength={50} />
          </Form.Item>
        )}
        {kind === 'leader' && (
          <>
            <Form.Item name="title" label="现任职务" required>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="org" label="单位">
              <Input maxLength={100} />
            </Form.Item>
          </>
        )}
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={submitForm.saving}>
            添加
          </Button>
        </Form.Item>
      </Form>
      {entries.error !== null && <LoadErrorAlert error={entries.error} what="词库" onRetry={entries.reload} />}
      <Table<DictionaryEntry>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={entries.data ?? []}
        loading={entries.loading}
        pagination={(entries.data?.length ?? 0) > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        locale={{ emptyText: <TableEmpty loading={entries.loading} text="词库为空" /> }}
      />
    </>
  );
}
