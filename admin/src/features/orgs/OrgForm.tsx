import { Alert, App, Button, Form, Input, InputNumber, Select, Space } from 'antd';
import { useMemo, useState } from 'react';
import { CreateOrgSchema, ORG_LEVEL_LABELS, ORG_LEVELS, UpdateOrgSchema } from '../../../../common/schemas/accounts.ts';
import { createOrg, updateOrg, type Org } from '../../api/orgs.ts';
import { OrgTreeSelect } from '../../components/OrgTreeSelect.tsx';
import { changedFields } from '../../lib/changes.ts';
import { applyFieldErrors, submitErrorDisplay, validateBody } from '../../lib/formErrors.ts';
import { subtreeIds } from '../../lib/tree.ts';
import { appendSortOrder } from '../../lib/treeMove.ts';
import { useUnsavedChanges } from '../../session/useUnsavedChanges.ts';
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
  const { message } = App.useApp();
  const [form] = Form.useForm<OrgFormValues>();
  const [dirty, setDirtyState] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useUnsavedChanges(dirty);

  const setDirty = (next: boolean) => {
    setDirtyState(next);
    onDirtyChange?.(next);
  };

  const initialValues = useMemo<OrgFormValues>(
    () => (org ? orgFormValues(org) : { parentId: defaultParentId, level: 'department' }),
    [org, defaultParentId],
  );
  // An org cannot move under itself or its own descendants; the server refuses it too.
  const blocked = useMemo(() => (org ? subtreeIds(orgs, org.id) : undefined), [orgs, org]);

  const save = async (values: OrgFormValues) => {
    setAlert(null);
    const body = orgBody(values);
    let request: Promise<Org>;
    if (org) {
      const v = validateBody(UpdateOrgSchema, body, ORG_FIELDS);
      if (!v.ok) {
        applyFieldErrors(form, v.fields, ORG_FIELDS);
        setAlert(v.other.join('；') || null);
        return;
      }
      const changes = changedFields(orgAsBody(org), v.data, ORG_FIELDS);
      if (Object.keys(changes).length === 0) {
        void message.info('没有需要保存的修改');
        setDirty(false);
        return;
      }
      // Moved without a new position: put it after its new siblings rather than keep an old number.
      if (changes.parentId !== undefined && changes.sortOrder === undefined) {
        changes.sortOrder = appendSortOrder(
          orgs.filter((o) => o.id !== org.id),
          changes.parentId ?? null,
        );
      }
      request = updateOrg(org.id, changes);
    } else {
      const v = validateBody(CreateOrgSchema, body, ORG_FIELDS);
      if (!v.ok) {
        applyFieldErrors(form, v.fields, ORG_FIELDS);
        setAlert(v.other.join('；') || null);
        return;
      }
      request = createOrg(v.data);
    }

    setSaving(true);
    try {
      const saved = await request;
      setDirty(false);
      void message.success(org ? '单位信息已保存' : `已新建单位「${saved.name}」`);
      onSaved(saved);
    } catch (e) {
      // Keep the form as typed: only mark what the server refused.
      const shown = submitErrorDisplay(e, ORG_FIELDS);
      applyFieldErrors(form, shown.fields, ORG_FIELDS);
      setAlert(shown.alert);
    } finally {
      setSaving(false);
    }
  };

  const reset = () => {
    form.resetFields();
    setAlert(null);
    setDirty(false);
  };

  return (
    <Form<OrgFormValues>
      form={form}
      name={org ? 'org-edit' : 'org-create'}
      layout="vertical"
      initialValues={initialValues}
      onValuesChange={() => setDirty(true)}
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
      <Form.Item label="排序号" name="sortOrder" extra="同一上级下数字小的排在前面。">
        <InputNumber min={0} max={1_000_000} precision={0} />
      </Form.Item>
      {alert && <Alert className="gk-form-alert" type="error" showIcon role="alert" title={alert} />}
      <Space>
        <Button type="primary" htmlType="submit" loading={saving}>
          {org ? '保存修改' : '新建单位'}
        </Button>
        {org ? (
          <Button onClick={reset} disabled={!dirty || saving}>
            放弃修改
          </Button>
        ) : (
          <Button onClick={onCancel}>取消</Button>
        )}
      </Space>
    </Form>
  );
}
