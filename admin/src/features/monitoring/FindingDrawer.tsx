import { Drawer, Space, Spin } from 'antd';
import { useCallback } from 'react';
import { Link } from 'react-router';
import { fetchFinding, type FindingDetail } from '../../api/monitoring.ts';
import { LoadErrorAlert } from '../../components/LoadErrorAlert.tsx';
import { useApiData } from '../../lib/useApiData.ts';
import { findingPath } from '../../paths.ts';
import { FindingDetails } from './FindingDetails.tsx';
import { kindLabel } from './monitoringLabels.ts';

/** A finding's evidence and history beside the list; `id` null: closed. */
export function FindingDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  return (
    <Drawer open={id !== null} title="问题详情" size={720} onClose={onClose} destroyOnHidden>
      {id !== null ? <FindingDrawerBody key={id} id={id} /> : null}
    </Drawer>
  );
}

function FindingDrawerBody({ id }: { id: string }) {
  const load = useCallback((signal: AbortSignal) => fetchFinding(id, signal), [id]);
  const detail = useApiData<FindingDetail>(load);
  if (detail.error) return <LoadErrorAlert error={detail.error} what="问题详情" onRetry={detail.reload} />;
  const f = detail.data;
  if (!f)
    return (
      <Space>
        <Spin size="small" />
        <span>加载中…</span>
      </Space>
    );
  return (
    <>
      <p className="gk-monitoring-drawer-lead">
        <strong>{kindLabel(f.kind)}</strong>
        <span>{f.siteName}</span>
        <Link to={findingPath(f.id)}>在单独页面查看</Link>
      </p>
      <FindingDetails finding={f} />
    </>
  );
}
