import { App, Button, Card, Empty, Space, Typography } from 'antd';
import { useCallback, useId, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { fetchNotices, markNoticeRead, type NoticeView } from '../../api/monitoring.ts';
import { LoadErrorAlert } from '../../components/LoadErrorAlert.tsx';
import { formatDateTime } from '../../lib/datetime.ts';
import { useApiData } from '../../lib/useApiData.ts';
import { findingPath } from '../../paths.ts';
import { SeverityTag } from './FindingTags.tsx';
import { kindLabel } from './monitoringLabels.ts';
import './monitoring.css';

/** Notices the card lists; the count says how many more there are. */
const SHOWN = 5;

function NoticeItem({ notice: n, busy, onRead }: { notice: NoticeView; busy: boolean; onRead: () => void }) {
  const id = useId();
  return (
    <li>
      <div id={id}>
        <Space size={[4, 4]} wrap>
          <SeverityTag severity={n.severity} />
          <Typography.Text strong>{kindLabel(n.kind)}</Typography.Text>
          <span>{n.siteName}</span>
        </Space>
        <p className="gk-notice-detail">{n.detail}</p>
      </div>
      <Space size="middle" wrap>
        <Typography.Text type="secondary">{formatDateTime(n.createdAt)}</Typography.Text>
        <Link to={findingPath(n.findingId)}>查看问题</Link>
        <Button size="small" onClick={onRead} loading={busy} aria-describedby={id}>
          标为已读
        </Button>
      </Space>
    </li>
  );
}

/**
 * 监测通知: the unread veto notices of the user's org (a run found a veto problem on one of
 * its sites), each opening the finding and each marked read here.
 */
export function NoticesCard({ extra }: { extra?: ReactNode }) {
  const { message } = App.useApp();
  const load = useCallback((signal: AbortSignal) => fetchNotices({ state: 'unread', pageSize: SHOWN }, signal), []);
  const notices = useApiData(load);
  const [busy, setBusy] = useState<string | null>(null);

  const read = async (n: NoticeView) => {
    setBusy(n.id);
    try {
      await markNoticeRead(n.id);
      void message.success('通知已标为已读');
      notices.reload();
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const data = notices.data;
  let body: ReactNode;
  if (notices.error && !data) body = <LoadErrorAlert error={notices.error} what="监测通知" onRetry={notices.reload} />;
  else if (!data) body = <span className="gk-tree-meta">加载中…</span>;
  else if (data.items.length === 0) body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无未读的监测通知" />;
  else
    body = (
      <>
        <Typography.Paragraph>
          {`您单位的网站有 ${data.unread} 条未读的单项否决通知${data.unread > data.items.length ? `，以下为最新 ${data.items.length} 条` : ''}。`}
        </Typography.Paragraph>
        <ul className="gk-notice-list" aria-label="未读的监测通知">
          {data.items.map((n) => (
            <NoticeItem key={n.id} notice={n} busy={busy === n.id} onRead={() => void read(n)} />
          ))}
        </ul>
      </>
    );
  return (
    <Card title="监测通知" extra={extra}>
      {body}
    </Card>
  );
}
