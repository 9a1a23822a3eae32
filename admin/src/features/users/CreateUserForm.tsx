import { Alert, Button, Form, Input, Space } from 'antd';
import { CreateUserSchema } from '../../../../common/schemas/accounts.ts';
import type { Org } from '../../api/orgs.ts';
import { createUser, type CreatedUser } from '../../api/users.ts';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { OrgTreeSelect } from '../../components/OrgTreeSelect.tsx';
import { useSubmitForm } from '../../lib/useSubmitForm.ts';

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
  const submitForm = useSubmitForm({ form, fields: FIELDS, onDirtyChange });

  const save = (values: CreateUserValues) =>
    // On failure the form stays open with what was typed.
    submitForm.submit({
      schema: CreateUserSchema,
      body: { username: (values.username ?? '').trim(), displayName: values.displayName ?? '', orgId: values.orgId ?? null },
      send: createUser,
      onSaved: onCreated,
    });

  return (
    <Form<CreateUserValues>
      form={form}
      name="user-create"
      layout="vertical"
      onValuesChange={submitForm.markDirty}
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
      <FormErrorAlert text={submitForm.alert} />
      <Space>
        <Button type="primary" htmlType="submit" loading={submitForm.saving}>
          创建用户
        </Button>
        <Button onClick={onCancel}>取消</Button>
      </Space>
    </Form>
  );
}
