import { Button, Result } from 'antd';
import { Navigate, Outlet, useLocation } from 'react-router';
import { mustChangePasswordNow } from '../api/auth.ts';
import { useSession } from '../session/useSession.ts';
import { CHANGE_PASSWORD_PATH, LOGIN_PATH, type LoginLocationState } from '../paths.ts';
import { FullPageSpin } from './FullPageSpin.tsx';

/**
 * Guards the signed-in part of the admin: waits for the session check, sends anonymous users to
 * the login page, and holds users who must change their password on the change-password screen.
 */
export function RequireAuth() {
  const { status, user, loadError, retryLoad } = useSession();
  const location = useLocation();

  if (status === 'loading') return <FullPageSpin tip="正在检查登录状态…" />;

  if (status === 'error') {
    return (
      <main className="gk-center-page">
        <Result
          status="warning"
          title="无法连接服务器"
          subTitle={loadError?.message ?? '请检查网络后重试'}
          extra={
            <Button type="primary" onClick={retryLoad}>
              重新连接
            </Button>
          }
        />
      </main>
    );
  }

  if (status === 'anonymous' || !user) {
    const state: LoginLocationState = { from: `${location.pathname}${location.search}` };
    return <Navigate to={LOGIN_PATH} replace state={state} />;
  }

  if (mustChangePasswordNow(user) && location.pathname !== CHANGE_PASSWORD_PATH) {
    return <Navigate to={CHANGE_PASSWORD_PATH} replace />;
  }

  return <Outlet />;
}
