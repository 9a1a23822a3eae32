import { App, Button, Empty, Form, List, Popconfirm, Select, Space, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { GrantRoleSchema } from '../../../../common/schemas/accounts.ts';
import type { Site } from '../../api/sites.ts';
import { grantRole, revokeGrant, type UserSummary } from '../../api/users.ts';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { actionErrorText } from '../../lib/formErrors.ts';
import { useSubmitForm } from '../../lib/useSubmitForm.ts';
import { grantLabel, isSiteRole, ROLE_OPTIONS } from './userLabels.ts';

interface GrantValues {
  role?: string;
  siteId?: string | null;
}

const FIELDS = ['role', 'siteId'];

export interface GrantRolesPanelProps {
  user: UserSummary;
  sites: readonly Site[];
  siteNames: ReadonlyMap<string, string>;
  /** The current user, to warn before they revoke their own role. */
  currentUserId: string;
  onChanged: () => void;
  onDirtyChange: (dirty: boolean) => void;
}

/**
 * 授权: the user's current grants with 撤销, and a form to grant a role (platform-wide, or on
 * one site for site roles). 三员分立 refusals come back as field messages and are shown.
 */
export function GrantRolesPanel({ user, sites, siteNames, currentUserId, onChanged, onDirtyChange }: GrantRolesPanelProps) {
  const { message } = App.useApp();
  const [form] = Form.useForm<GrantValues>();
  const role = Form.useWatch('role', form);
  const submitForm = useSubmitForm({ form, fields: FIELDS, onDirtyChange });
  const [revoking, setRevoking] = useState<string | null>(null);

  const siteOptions = useMemo(() => sites.map((s) => ({ value: s.id, label: s.code ? `${s.name}（${s.code}）` : s.name })), [sites]);
  const siteRole = role !== undefined && isSiteRole(role);

  const grant = (values: GrantValues) => {
    const body = { role: values.role, siteId: values.role && isSiteRole(values.role) ? (values.siteId ?? null) : null };
    return submitForm.submit({
      schema: GrantRoleSchema,
      body,
      extra: body.role && isSiteRole(body.role) && !body.siteId ? [{ field: 'siteId', message: '该角色须指定网站' }] : [],
      send: (data) => grantRole(user.id, data),
      success: (granted) => `已授予「${grantLabel(granted, siteNames)}」`,
      onSaved: () => {
        form.resetFields();
        onChanged();
      },
    });
  };

  const revoke = async (grantId: string) => {
    setRevoking(grantId);
    try {
      await revokeGrant(grantId);
      void message.success('已撤销授权');
      onChanged();
    } catch (e) {
      void message.error(`撤销失败：${actionErrorText(e)}`);
    } finally {
      setRevoking(null);
    }
  };

  return (
    <>
      <h2 className="gk-section-heading">当前角色</h2>
      {user.grants.length > 0 ? (
        <List
          className="gk-grant-list"
          size="small"
          bordered
          dataSource={user.grants}
          renderItem={(g) => (
            <List.Item
              actions={[
                <Popconfirm
                  key="revoke"
                  title="撤销该角色？"
                  description={
                    user.id === currentUserId ? '这是您自己的角色，撤销后您将立即退出登录。' : '撤销后该用户的登录会话将立即结束。'
                  }
                  okText="撤销"
                  cancelText="取消"
                  onConfirm={() => revoke(g.id)}
                >
                  <Button type="link" danger size="small" loading={revoking === g.id}>
                    撤销
                  </Button>
                </Popconfirm>,
              ]}
            >
              <Tag color={g.scope === '*' ? 'purple' : 'geekblue'}>{grantLabel(g, siteNames)}</Tag>
            </List.Item>
          )}
        />
      ) : (
        <Empty className="gk-grant-list" image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未授予任何角色" />
      )}

      <h2 className="gk-section-heading">授予角色</h2>
      <Form<GrantValues>
        form={form}
        name="user-grant"
        layout="vertical"
        onValuesChange={submitForm.markDirty}
        onFinish={(v) => void grant(v)}
      >
        <Form.Item label="角色" name="role" required extra="系统管理员、安全管理员、审计管理员（三员）不能互相兼任，也不能兼任其他角色。">
          <Select options={ROLE_OPTIONS} placeholder="请选择角色" />
        </Form.Item>
        {siteRole && (
          <Form.Item label="网站" name="siteId" required>
            <Select options={siteOptions} showSearch={{ optionFilterProp: 'label' }} placeholder="请选择网站" />
          </Form.Item>
        )}
        <FormErrorAlert text={submitForm.alert} />
        <Space>
          <Button type="primary" htmlType="submit" loading={submitForm.saving}>
            授予
          </Button>
        </Space>
      </Form>
    </>
  );
}
