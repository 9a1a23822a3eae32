import { Card, Space } from 'antd';
import { useCallback } from 'react';
import { Link, useParams } from 'react-router';
import { fetchFinding } from '../api/monitoring.ts';
import { FullPageSpin } from '../components/FullPageSpin.tsx';
import { LoadErrorAlert } from '../components/LoadErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { FindingDetails } from '../features/monitoring/FindingDetails.tsx';
import { kindLabel } from '../features/monitoring/monitoringLabels.ts';
import '../features/monitoring/monitoring.css';
import { useApiData } from '../lib/useApiData.ts';
import { hasAnyPermission } from '../navigation.ts';
import { MONITORING_FINDINGS_PATH, siteHealthPath } from '../paths.ts';
import { useCurrentUser } from '../session/useSession.ts';

/** One finding on a page of its own (the notices link here): its evidence and its history. */
export default function FindingViewScene() {
  const { id = '' } = useParams();
  const user = useCurrentUser();
  const supervisor = hasAnyPermission(user.permissions, ['monitoring.read']);
  const load = useCallback((signal: AbortSignal) => fetchFinding(id, signal), [id]);
  const finding = useApiData(load);
  const f = finding.data;
  if (finding.error && !f)
    return (
      <>
        <PageTitle title="问题详情" />
        <LoadErrorAlert error={finding.error} what="问题详情" onRetry={finding.reload} />
      </>
    );
  if (!f) return <FullPageSpin />;
  return (
    <>
      <PageTitle
        title={`问题详情：${kindLabel(f.kind)}`}
        extra={
          <Space size="middle" wrap>
            <Link to={siteHealthPath(f.siteId)}>查看网站监测情况</Link>
            {supervisor ? <Link to={MONITORING_FINDINGS_PATH}>返回问题清单</Link> : null}
          </Space>
        }
      />
      <Card>
        <FindingDetails finding={f} />
      </Card>
    </>
  );
}
