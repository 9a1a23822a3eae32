import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import { useState } from 'react';
import { RouterProvider } from 'react-router/dom';
import { createAdminRouter } from './router.tsx';
import { SessionProvider } from './session/SessionProvider.tsx';

/** Providers shared by every screen: antd (Chinese locale), the session and the router. */
export function Root() {
  const [router] = useState(createAdminRouter);
  return (
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }}>
      <AntApp>
        <SessionProvider>
          <RouterProvider router={router} />
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}
