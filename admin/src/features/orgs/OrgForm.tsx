import { Button, Form, Input, InputNumber, Select, Space } from 'antd';
import { useMemo } from 'react';
import { CreateOrgSchema, ORG_LEVEL_LABELS, ORG_LEVELS, UpdateOrgSchema } from '../../../../common/schemas/accounts.ts';
import { createOrg, updateOrg, type Org } from '../../api/orgs.ts';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { OrgTreeSelect } from '../../components/OrgTreeSelect.tsx';
import { changedFields } from '../../lib/changes.ts';
import { subtreeIds } from '../../lib/tree.ts';
import { placeMovedLast } from '../../lib/treeMove.ts';
import { useSubmitForm } from '../../lib/useSubmitForm.ts';
import { ORG_FIELDS, orgAsBody, orgBody, orgFormValues, type OrgFormValues } from './orgForm.ts';

const LEVEL_OPTIONS = ORG_LEVELS.map((l) => ({ value: l, label: ORG_LEVEL_LABELS[l] }));

export interface OrgFormProps {
  orgs: readonly Org[];
  /** The org being edited; without it the form creates a new org. */
  org?: Org;
  /** Parent preselected for a new org. */
  defaultParentId?: string | null;
  onSaved: (org: Org) => void;
  onCancel?: () => void;
  onDirtyChange?: (dirty: boolean) => void;
}

/** Creates or edits an org (name, parent = move, level, codes, order), validated with the shared schemas. */
export function OrgForm({ orgs, org, defaultParentId = null, onSaved, onCancel, onDirtyChange }: OrgFormProps) {
  const [form] = Form.useForm<OrgFormValues>();
  const submitForm = useSubmitForm({ form, fields: ORG_FIELDS, onDirtyChange });

  const initialValues = useMemo<OrgFormValues>(
    () => (org ? orgFormValues(org) : { parentId: defaultParentId, level: 'department' }),
    [org, defaultParentId],
  );
  // An org cannot move under itself or its own descendants; the server refuses it too.
  const blocked = useMemo(() => (org ? subtreeIds(orgs, org.id) : undefined), [orgs, org]);

  const save = (values: OrgFormValues) => {
    const body = orgBody(values);
    if (!org) {
      return submitForm.submit({
        schema: CreateOrgSchema,
        body,
        send: createOrg,
        success: (saved) => `已新建单位「${saved.name}」`,
        onSaved,
      });
    }
    return submitForm.submit({
      schema: UpdateOrgSchema,
      body,
      send: (data) => {
        const changes = changedFields(orgAsBody(org), data, ORG_FIELDS);
        if (Object.keys(changes).length === 0) return null;
        return updateOrg(org.id, placeMovedLast(changes, orgs, org.id));
      },
      success: '单位信息已保存',
      onSaved,
    });
  };

  return (
    <Form<OrgFormValues>
      form={form}
      name={org ? 'org-edit' : 'org-create'}
      layout="vertical"
      initialValues={initialValues}
      onValuesChange={submitForm.markDirty}
      onFinish={(values) => void save(values)}
    >
      <Form.Item label="单位名称" name="name" required>
        <Input maxLength={200} autoComplete="off" />
      </Form.Item>
      <Form.Item
        label="上级单位"
        name="parentId"
        extra={org ? '更改上级单位即把本单位（连同下级单位）移到新的位置。' : '不选则为顶层单位。'}
      >
        <OrgTreeSelect orgs={orgs} {...(blocked ? { disabledIds: blocked } : {})} allowClear placeholder="无（顶层单位）" />
      </Form.Item>
      <Form.Item label="单位层级" name="level" required>
        <Select options={LEVEL_OPTIONS} />
      </Form.Item>
      <Form.Item label="统一社会信用代码" name="creditCode" extra="18 位，含末位校验码；没有可不填。">
        <Input maxLength={18} autoComplete="off" className="gk-code-input" />
      </Form.Item>
      <Form.Item label="行政区划代码" name="divisionCode" extra="6 位或 12 位数字；没有可不填。">
        <Input maxLength={12} inputMode="numeric" autoComplete="off" className="gk-code-input" />
      </Form.Item>
      <Form.Item
        label="索引号格式"
        name="indexTemplate"
        extra="不填则使用平台统一格式。可用 {creditCode} 统一社会信用代码、{orgCode} 组织机构代码、{category} 分类、{YYYY} {MM} {DD} 或 {YYYYMMDD} 日期、{NNNNN} 序号（N 的个数即位数），分隔符 / - _ .，例如 {creditCode}/{YYYY}-{NNNNN}。"
      >
        <Input maxLength={64} autoComplete="off" className="gk-code-input" />
      </Form.Item>
      <Form.Item label="排序号" name="sortOrder" extra="同一上级下数字小的排在前面。">
        <InputNumber min={0} max={1_000_000} precision={0} />
      </Form.Item>
      <FormErrorAlert text={submitForm.alert} />
      <Space>
        <Button type="primary" htmlType="submit" loading={submitForm.saving}>
          {org ? '保存修改' : '新建单位'}
        </Button>
        {org ? (
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
