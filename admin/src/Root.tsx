import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import { useState } from 'react';
import { RouterProvider } from 'react-router/dom';
import { createAdminRouter } from './router.tsx';
import { SessionProvider } from './session/SessionProvider.tsx';

/**
 * antd's default blue (#1677ff) gives white button text a 4.1:1 contrast, below WCAG AA's
 * 4.5:1; this deeper government blue gives about 6.9:1. Help texts likewise get a darker grey.
 */
const THEME = {
  token: {
    colorPrimary: '#1450b8',
    colorLink: '#1450b8',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.65)',
    // Form error texts use colorError: antd's #ff4d4f is 3.3:1 on white, #cf1322 about 5.9:1.
    colorError: '#cf1322',
    // Select placeholders are real text to screen readers and axe: #bfbfbf is 1.8:1, this about 4.7:1.
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
  },
};

/** Providers shared by every screen: antd (Chinese locale), the session and the router. */
export function Root() {
  const [router] = useState(createAdminRouter);
  return (
    <ConfigProvider locale={zhCN} theme={THEME} button={{ autoInsertSpace: false }}>
      <AntApp>
        <SessionProvider>
          <RouterProvider router={router} />
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}
