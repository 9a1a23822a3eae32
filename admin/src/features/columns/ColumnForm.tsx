import { Button, Form, Input, InputNumber, Select, Space, TreeSelect } from 'antd';
import { useMemo, useState } from 'react';
import { CATALOGUE_CATEGORIES, CATALOGUE_GROUP_LABELS, CATALOGUE_GROUPS } from '../../../../common/catalogue.ts';
import { CreateColumnSchema, FRESHNESS_CLASSES, FRESHNESS_LABELS, UpdateColumnSchema } from '../../../../common/schemas/sites.ts';
import type { Org } from '../../api/orgs.ts';
import { createColumn, updateColumn, type Column } from '../../api/sites.ts';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { OrgTreeSelect } from '../../components/OrgTreeSelect.tsx';
import { changedFields } from '../../lib/changes.ts';
import { buildTree, mapTree, subtreeIds } from '../../lib/tree.ts';
import { appendSortOrder, placeMovedLast } from '../../lib/treeMove.ts';
import { useSubmitForm } from '../../lib/useSubmitForm.ts';
import { COLUMN_FIELDS, columnAsBody, columnBody, columnFormProblems, columnFormValues, type ColumnFormValues } from './columnForm.ts';

const FRESHNESS_OPTIONS = FRESHNESS_CLASSES.map((c) => ({ value: c, label: FRESHNESS_LABELS[c] }));
/** The catalogue's categories grouped as the public catalogue shows them. */
const CATALOGUE_OPTIONS = CATALOGUE_GROUPS.map((g) => ({
  label: CATALOGUE_GROUP_LABELS[g],
  title: CATALOGUE_GROUP_LABELS[g],
  options: CATALOGUE_CATEGORIES.filter((c) => c.group === g).map((c) => ({
    value: c.code,
    label: c.basis ? `${c.label}（${c.basis}）` : c.label,
  })),
}));

interface ColumnOption {
  value: string;
  title: string;
  disabled?: boolean;
  children?: ColumnOption[];
}

export interface ColumnFormProps {
  siteId: string;
  columns: readonly Column[];
  orgs: readonly Org[];
  /** The column being edited; without it the form creates one under `parentId`. */
  column?: Column;
  parentId?: string | null;
  onSaved: (column: Column) => void;
  onCancel?: () => void;
  onDirtyChange: (dirty: boolean) => void;
}

/**
 * Creates or edits a column: name, path, place in the tree (the keyboard alternative to
 * dragging), freshness class and owner org, validated with the shared schemas.
 */
export function ColumnForm({ siteId, columns, orgs, column, parentId = null, onSaved, onCancel, onDirtyChange }: ColumnFormProps) {
  const [form] = Form.useForm<ColumnFormValues>();
  const freshnessClass = Form.useWatch('freshnessClass', form);
  const submitForm = useSubmitForm({ form, fields: COLUMN_FIELDS, onDirtyChange });

  // Fixed when the form opens (it is keyed per column): list reloads must not reset what is typed.
  const [initialValues] = useState<ColumnFormValues>(() =>
    column
      ? columnFormValues(column)
      : {
          parentId,
          sortOrder: appendSortOrder(columns, parentId),
          freshnessClass: 'news',
          freshnessDays: null,
          ownerOrgId: null,
          catalogueCategory: null,
        },
  );

  const parentOptions = useMemo(() => {
    const blocked = column ? subtreeIds(columns, column.id) : new Set<string>();
    return mapTree<Column, ColumnOption>(buildTree(columns), (c, children) => ({
      value: c.id,
      title: c.status === 'closed' ? `${c.name}（已关闭）` : c.name,
      ...(blocked.has(c.id) ? { disabled: true } : {}),
      ...(children.length > 0 ? { children } : {}),
    }));
  }, [columns, column]);

  const save = (values: ColumnFormValues) => {
    const body = columnBody(values);
    const extra = columnFormProblems(body);
    if (!column) {
      return submitForm.submit({
        schema: CreateColumnSchema,
        body,
        extra,
        send: (data) => createColumn(siteId, data),
        success: (saved) => `已新建栏目「${saved.name}」`,
        onSaved,
      });
    }
    return submitForm.submit({
      schema: UpdateColumnSchema,
      body,
      extra,
      send: (data) => {
        const changes = changedFields(columnAsBody(column), data, COLUMN_FIELDS);
        if (Object.keys(changes).length === 0) return null;
        return updateColumn(siteId, column.id, placeMovedLast(changes, columns, column.id));
      },
      success: '栏目已保存',
      onSaved,
    });
  };

  return (
    <Form<ColumnFormValues>
      form={form}
      name={column ? 'column-edit' : 'column-create'}
      layout="vertical"
      initialValues={initialValues}
      onValuesChange={submitForm.markDirty}
      onFinish={(v) => void save(v)}
    >
      <Form.Item label="栏目名称" name="name" required>
        <Input maxLength={100} autoComplete="off" />
      </Form.Item>
      <Form.Item label="路径" name="slug" required extra="用于栏目网址，只能包含小写字母、数字和短横线，如 zwdt、tzgg。">
        <Input maxLength={64} autoComplete="off" spellCheck={false} className="gk-code-input" />
      </Form.Item>
      <Form.Item label="上级栏目" name="parentId" extra="不选则为一级栏目；也可在左侧拖动栏目调整位置。">
        <TreeSelect<string | null>
          treeData={parentOptions}
          allowClear
          treeDefaultExpandAll
          showSearch={{ treeNodeFilterProp: 'title' }}
          placeholder="无（一级栏目）"
          popupMatchSelectWidth={false}
        />
      </Form.Item>
      <Form.Item label="排序号" name="sortOrder" extra="同一上级下数字小的排在前面。">
        <InputNumber min={0} max={1_000_000} precision={0} />
      </Form.Item>
      <Form.Item label="更新要求" name="freshnessClass" required extra="按栏目内容类别确定须多长时间内更新，用于网站内容保障检查。">
        <Select options={FRESHNESS_OPTIONS} />
      </Form.Item>
      {freshnessClass === 'custom' && (
        <Form.Item label="更新周期（天）" name="freshnessDays" required>
          <InputNumber min={1} max={3650} precision={0} />
        </Form.Item>
      )}
      <Form.Item label="责任单位" name="ownerOrgId" extra="负责本栏目内容更新的单位。">
        <OrgTreeSelect orgs={orgs} allowClear placeholder="未指定" />
      </Form.Item>
      <Form.Item
        label="公开目录分类"
        name="catalogueCategory"
        extra="本栏目发布的信息列入政府信息公开目录的哪一类（条例第二十条、第二十一条）；不选则不列入目录。"
      >
        <Select options={CATALOGUE_OPTIONS} allowClear showSearch optionFilterProp="label" placeholder="不列入公开目录" />
      </Form.Item>
      <FormErrorAlert text={submitForm.alert} />
      <Space>
        <Button type="primary" htmlType="submit" loading={submitForm.saving}>
          {column ? '保存修改' : '新建栏目'}
        </Button>
        {column ? (
          <Button onClick={submitForm.reset} disabled={!submitForm.dirty || submitForm.saving}>
            放弃修改
          </Button>
        ) : (
          <Button onClick={onCancel}>取消</Button>
        )}
      </Space>
    </Form>
  );
}
