import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { useDocumentTitle } from '../lib/useDocumentTitle.ts';

/** The screen's heading (h1), also used as the browser tab title. */
export function PageTitle({ title, extra }: { title: string; extra?: ReactNode }) {
  useDocumentTitle(title);
  return (
    <div className="gk-page-title">
      <Typography.Title level={1}>{title}</Typography.Title>
      {extra}
    </div>
  );
}
