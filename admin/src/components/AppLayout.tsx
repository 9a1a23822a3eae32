import { MenuFoldOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { Button, Layout } from 'antd';
import { Suspense, useState } from 'react';
import { Link, Outlet } from 'react-router';
import { mustChangePasswordNow } from '../api/auth.ts';
import { PLATFORM_NAME } from '../lib/useDocumentTitle.ts';
import { IdleWatcher } from '../session/IdleWatcher.tsx';
import { SiteProvider } from '../session/SiteProvider.tsx';
import { useCurrentUser } from '../session/useSession.ts';
import { FullPageSpin } from './FullPageSpin.tsx';
import { SideMenu } from './SideMenu.tsx';
import { SiteSwitcher } from './SiteSwitcher.tsx';
import { UserMenu } from './UserMenu.tsx';

const MENU_ID = 'gk-side-menu';

/**
 * The signed-in frame: header (platform name, site switcher, user menu), left menu and the
 * screen. While a password change is required only the header and that screen are shown.
 */
export function AppLayout() {
  const user = useCurrentUser();
  const passwordChangeOnly = mustChangePasswordNow(user);
  const [collapsed, setCollapsed] = useState(false);

  return (
    <SiteProvider key={user.id} user={user}>
      <a className="gk-skip-link" href="#main-content">
        跳到主要内容
      </a>
      <Layout className="gk-app">
        <Layout.Header className="gk-header">
          {!passwordChangeOnly && (
            <Button
              type="text"
              className="gk-header-icon-button"
              icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              aria-label={collapsed ? '展开菜单' : '收起菜单'}
              aria-expanded={!collapsed}
              aria-controls={MENU_ID}
              onClick={() => setCollapsed((c) => !c)}
            />
          )}
          <Link to="/" className="gk-brand">
            {PLATFORM_NAME}
          </Link>
          <div className="gk-header-tools">
            {!passwordChangeOnly && <SiteSwitcher />}
            <UserMenu passwordChangeOnly={passwordChangeOnly} />
          </div>
        </Layout.Header>
        <Layout hasSider={!passwordChangeOnly}>
          {!passwordChangeOnly && (
            <Layout.Sider
              theme="light"
              width={220}
              collapsible
              collapsed={collapsed}
              onCollapse={setCollapsed}
              breakpoint="lg"
              trigger={null}
              className="gk-sider"
            >
              <nav id={MENU_ID} aria-label="主菜单">
                <SideMenu />
              </nav>
            </Layout.Sider>
          )}
          <Layout.Content id="main-content" tabIndex={-1} className="gk-content">
            <Suspense fallback={<FullPageSpin />}>
              <Outlet />
            </Suspense>
          </Layout.Content>
        </Layout>
      </Layout>
      <IdleWatcher idleTimeoutMinutes={user.session.idleTimeoutMinutes} />
    </SiteProvider>
  );
}
