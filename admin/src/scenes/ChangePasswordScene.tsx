import { Alert, App, Button, Card, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { changePassword, mustChangePasswordNow } from '../api/auth.ts';
import { isApiError } from '../api/client.ts';
import { PageTitle } from '../components/PageTitle.tsx';
import { DEFAULT_MIN_CLASSES, DEFAULT_MIN_LENGTH, classesProblem, lengthProblem, usernameProblem } from '../lib/passwordPolicy.ts';
import { useCurrentUser, useSession } from '../session/useSession.ts';
import { useUnsavedChanges } from '../session/useUnsavedChanges.ts';

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

const FORM_FIELDS = ['currentPassword', 'newPassword'] as const;

/** A form rule from a check that returns a problem text or null. */
function check(problem: (value: string) => string | null) {
  return {
    validator: (_rule: unknown, value: unknown) => {
      const p = typeof value === 'string' && value ? problem(value) : null;
      return p ? Promise.reject(new Error(p)) : Promise.resolve();
    },
  };
}

function reasonText(user: { mustChangePassword: boolean; passwordExpired: boolean }): string | null {
  if (user.mustChangePassword) return '首次登录须修改初始密码';
  if (user.passwordExpired) return '密码已过期，请修改';
  return null;
}

export default function ChangePasswordScene() {
  const user = useCurrentUser();
  const { refresh, signOut } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<PasswordValues>();
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  useUnsavedChanges(dirty);

  const required = mustChangePasswordNow(user);
  const reason = reasonText(user);

  const onFinish = async (values: PasswordValues) => {
    setSubmitting(true);
    setError(null);
    try {
      await changePassword(values.currentPassword, values.newPassword);
    } catch (e) {
      setSubmitting(false);
      if (!isApiError(e)) {
        setError('修改失败，请稍后重试');
      } else if (e.code === 'GK_ERR_BAD_CREDENTIALS') {
        form.setFields([{ name: 'currentPassword', errors: ['当前密码不正确'] }]);
      } else {
        const fieldErrors = FORM_FIELDS.map((name) => ({ name, errors: e.fieldMessages(name) })).filter((f) => f.errors.length > 0);
        if (fieldErrors.length > 0) form.setFields(fieldErrors);
        const unplaced = e.fields.filter((f) => !(FORM_FIELDS as readonly string[]).includes(f.field));
        if (fieldErrors.length === 0 || unplaced.length > 0) {
          setError([e.message, ...unplaced.map((f) => f.message)].join('；'));
        }
      }
      return;
    }

    setDirty(false);
    form.resetFields();
    void message.success('密码已修改');
    try {
      const next = await refresh({ lostNotice: '密码已修改，请使用新密码重新登录' });
      if (next && !mustChangePasswordNow(next)) void navigate('/', { replace: true });
    } catch {
      setError('密码已修改，但刷新登录状态失败，请刷新页面后继续');
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <>
      <PageTitle title="修改密码" />
      <Card className="gk-narrow-card">
        {reason && (
          <Alert className="gk-form-alert" type="warning" showIcon title={reason} description="修改密码后方可使用系统的其他功能。" />
        )}
        <Form<PasswordValues>
          form={form}
          name="change-password"
          layout="vertical"
          onFinish={(values) => void onFinish(values)}
          onValuesChange={(_changed, all) => setDirty(Object.values(all).some((v) => typeof v === 'string' && v.length > 0))}
        >
          {/* Lets password managers tie the new password to the account. */}
          <input type="text" name="username" autoComplete="username" value={user.username} readOnly hidden />
          <Form.Item label="当前密码" name="currentPassword" rules={[{ required: true, message: '请输入当前密码' }]}>
            <Input.Password autoComplete="current-password" maxLength={128} />
          </Form.Item>
          <Form.Item
            label="新密码"
            name="newPassword"
            extra={`至少 ${DEFAULT_MIN_LENGTH} 位，包含大写字母、小写字母、数字、特殊字符中的至少 ${DEFAULT_MIN_CLASSES} 类，不能包含用户名（以系统安全策略为准）。`}
            rules={[
              { required: true, message: '请输入新密码' },
              check(lengthProblem),
              check(classesProblem),
              check((v) => usernameProblem(v, user.username)),
              ({ getFieldValue }) => check((v) => (v === getFieldValue('currentPassword') ? '新密码不能与当前密码相同' : null)),
            ]}
          >
            <Input.Password autoComplete="new-password" maxLength={128} />
          </Form.Item>
          <Form.Item
            label="确认新密码"
            name="confirmPassword"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: '请再次输入新密码' },
              ({ getFieldValue }) => check((v) => (v !== getFieldValue('newPassword') ? '两次输入的新密码不一致' : null)),
            ]}
          >
            <Input.Password autoComplete="new-password" maxLength={128} />
          </Form.Item>
          {error && <Alert className="gk-form-alert" type="error" showIcon role="alert" title={error} />}
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" loading={submitting}>
                确认修改
              </Button>
              {required ? (
                <Button onClick={() => void signOut()}>退出登录</Button>
              ) : (
                <Button onClick={() => void navigate('/')}>取消</Button>
              )}
            </Space>
          </Form.Item>
        </Form>
      </Card>
    </>
  );
}
