import { Alert, Button, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { CreateUserSchema } from '../../../../common/schemas/accounts.ts';
import type { Org } from '../../api/orgs.ts';
import { createUser, type CreatedUser } from '../../api/users.ts';
import { OrgTreeSelect } from '../../components/OrgTreeSelect.tsx';
import { applyFieldErrors, submitErrorDisplay, validateBody } from '../../lib/formErrors.ts';
import { useUnsavedChanges } from '../../session/useUnsavedChanges.ts';

interface CreateUserValues {
  username?: string;
  displayName?: string;
  orgId?: string | null;
}

const FIELDS = ['username', 'displayName', 'orgId'];

export interface CreateUserFormProps {
  orgs: readonly Org[];
  onCreated: (created: CreatedUser) => void;
  onCancel: () => void;
  onDirtyChange: (dirty: boolean) => void;
}

/** 新建用户: username, name and org; the server answers with a one-time password. */
export function CreateUserForm({ orgs, onCreated, onCancel, onDirtyChange }: CreateUserFormProps) {
  const [form] = Form.useForm<CreateUserValues>();
  const [dirty, setDirtyState] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useUnsavedChanges(dirty);

  const setDirty = (next: boolean) => {
    setDirtyState(next);
    onDirtyChange(next);
  };

  const save = async (values: CreateUserValues) => {
    setAlert(null);
    const body = { username: (values.username ?? '').trim(), displayName: values.displayName ?? '', orgId: values.orgId ?? null };
    const v = validateBody(CreateUserSchema, body, FIELDS);
    if (!v.ok) {
      applyFieldErrors(form, v.fields, FIELDS);
      setAlert(v.other.join('；') || null);
      return;
    }
    setSaving(true);
    try {
      const created = await createUser(v.data);
      setDirty(false);
      onCreated(created);
    } catch (e) {
      // The form stays open with what was typed.
      const shown = submitErrorDisplay(e, FIELDS);
      applyFieldErrors(form, shown.fields, FIELDS);
      setAlert(shown.alert);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<CreateUserValues>
      form={form}
      name="user-create"
      layout="vertical"
      onValuesChange={() => setDirty(true)}
      onFinish={(v) => void save(v)}
    >
      <Form.Item label="用户名" name="username" required extra="以字母开头，3–64 位字母、数字、下划线、点或短横线，创建后不能修改。">
        <Input maxLength={64} autoComplete="off" spellCheck={false} />
      </Form.Item>
      <Form.Item label="姓名" name="displayName" required>
        <Input maxLength={100} autoComplete="off" />
      </Form.Item>
      <Form.Item label="所属单位" name="orgId">
        <OrgTreeSelect orgs={orgs} allowClear placeholder="请选择所属单位" />
      </Form.Item>
      <Alert
        className="gk-form-alert"
        type="info"
        showIcon
        role="note"
        title="创建后系统将生成一次性密码，仅显示一次；用户首次登录时须修改密码。角色由安全管理员另行授权。"
      />
      {alert && <Alert className="gk-form-alert" type="error" showIcon role="alert" title={alert} />}
      <Space>
        <Button type="primary" htmlType="submit" loading={saving}>
          创建用户
        </Button>
        <Button onClick={onCancel}>取消</Button>
      </Space>
    </Form>
  );
}
