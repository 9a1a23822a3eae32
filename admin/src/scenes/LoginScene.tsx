import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import { login, mustChangePasswordNow } from '../api/auth.ts';
import { isApiError } from '../api/client.ts';
import { FullPageSpin } from '../components/FullPageSpin.tsx';
import { PLATFORM_NAME, useDocumentTitle } from '../lib/useDocumentTitle.ts';
import { hasAnyPermission, navItemFor } from '../navigation.ts';
import { CHANGE_PASSWORD_PATH } from '../paths.ts';
import { useSession } from '../session/useSession.ts';
import { lastLoginText, loginErrorText, pathAfterLogin } from './loginMessages.ts';

interface LoginValues {
  username: string;
  password: string;
}

export default function LoginScene() {
  const session = useSession();
  const { message } = App.useApp();
  const location = useLocation();
  const [form] = Form.useForm<LoginValues>();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  useDocumentTitle('登录');

  if (session.status === 'loading') return <FullPageSpin tip="正在检查登录状态…" />;

  if (session.status === 'authenticated' && session.user) {
    const user = session.user;
    if (mustChangePasswordNow(user)) return <Navigate to={CHANGE_PASSWORD_PATH} replace />;
    const to = pathAfterLogin(location.state, (path) => {
      const item = navItemFor(path);
      return !item || hasAnyPermission(user.permissions, item.anyOf);
    });
    return <Navigate to={to} replace />;
  }

  const onFinish = async (values: LoginValues) => {
    setSubmitting(true);
    setError(null);
    try {
      const result = await login(values.username.trim(), values.password);
      if (!mustChangePasswordNow(result.user) && result.lastLogin) {
        void message.info({ content: lastLoginText(result.lastLogin), duration: 8 });
      }
      session.signIn(result);
    } catch (e) {
      form.setFieldValue('password', '');
      const fieldErrors = isApiError(e)
        ? (['username', 'password'] as const).map((name) => ({ name, errors: e.fieldMessages(name) })).filter((f) => f.errors.length > 0)
        : [];
      if (fieldErrors.length > 0) form.setFields(fieldErrors);
      setError(loginErrorText(e));
      document.getElementById('login_password')?.focus();
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <main className="gk-login">
      <Card className="gk-login-card">
        <h1 className="gk-login-title">{PLATFORM_NAME}</h1>
        <p className="gk-login-subtitle">管理后台登录</p>
        {session.exitNotice && !error && (
          <Alert
            className="gk-form-alert"
            type="warning"
            showIcon
            role="alert"
            title={session.exitNotice}
            closable={{ onClose: session.clearExitNotice, 'aria-label': '关闭提示' }}
          />
        )}
        <Form<LoginValues> form={form} name="login" layout="vertical" requiredMark={false} onFinish={(values) => void onFinish(values)}>
          <Form.Item label="用户名" name="username" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" autoFocus maxLength={64} />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" maxLength={128} />
          </Form.Item>
          {error && <Alert className="gk-form-alert" type="error" showIcon role="alert" title={error} />}
          <Form.Item>
            <Button type="primary" htmlType="submit" block loading={submitting}>
              登录
            </Button>
          </Form.Item>
        </Form>
      </Card>
    </main>
  );
}
