import { Card, Space } from 'antd';
import { useCallback, useMemo, useRef } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { FindingKind, Severity } from '../../../common/schemas/monitoring.ts';
import { fetchSiteHealth } from '../api/monitoring.ts';
import { FullPageSpin } from '../components/FullPageSpin.tsx';
import { LoadErrorAlert } from '../components/LoadErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { AvailabilityCard } from '../features/monitoring/AvailabilityCard.tsx';
import { ExternalLink } from '../features/monitoring/FindingTags.tsx';
import { FindingsPanel } from '../features/monitoring/FindingsPanel.tsx';
import { FreshnessCard } from '../features/monitoring/FreshnessCard.tsx';
import { findingQueryFrom, findingQueryParams, type FindingQuery } from '../features/monitoring/monitoringLabels.ts';
import { OpenFindingsCard } from '../features/monitoring/OpenFindingsCard.tsx';
import { RunsCard } from '../features/monitoring/RunsCard.tsx';
import '../features/monitoring/monitoring.css';
import { useApiData } from '../lib/useApiData.ts';
import { hasAnyPermission } from '../navigation.ts';
import { MONITORING_SITES_PATH } from '../paths.ts';
import { useCurrentUser } from '../session/useSession.ts';

/**
 * One site's health: the homepage's 7-day failure ratio against the alert and veto lines with
 * 30 days of probes, the open findings by kind and severity, the stale columns with their
 * countdowns, the site's findings (filtered in the address) and its monitoring runs. For
 * supervisors and the site's own people.
 */
export default function SiteHealthScene() {
  const { siteId = '' } = useParams();
  const user = useCurrentUser();
  const supervisor = hasAnyPermission(user.permissions, ['monitoring.read']);
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => findingQueryFrom(params), [params]);
  const load = useCallback((signal: AbortSignal) => fetchSiteHealth(siteId, signal), [siteId]);
  const health = useApiData(load);
  const listHeading = useRef<HTMLHeadingElement>(null);

  const change = (patch: Partial<FindingQuery>) =>
    setParams(findingQueryParams({ ...query, ...patch, siteId: '', page: patch.page ?? 1 }), { replace: true });
  const pick = (kind: FindingKind, severity: Severity | '') => {
    change({ kind, severity, state: 'open', source: '', q: '' });
    listHeading.current?.scrollIntoView({ block: 'start' });
    listHeading.current?.focus({ preventScroll: true });
  };

  const h = health.data;
  const back = supervisor ? <Link to={MONITORING_SITES_PATH}>返回监测概况</Link> : null;
  if (!h) {
    if (!health.error) return <FullPageSpin />;
    return (
      <>
        <PageTitle title="网站监测情况" extra={back} />
        <LoadErrorAlert error={health.error} what="网站监测情况" onRetry={health.reload} />
      </>
    );
  }
  return (
    <>
      <PageTitle
        title={`网站监测情况：${h.siteName}`}
        extra={
          <Space size="middle" wrap>
            {h.homepageUrl ? <ExternalLink href={h.homepageUrl}>访问网站首页</ExternalLink> : null}
            {back}
          </Space>
        }
      />
      {health.error ? <LoadErrorAlert error={health.error} what="网站监测情况" onRetry={health.reload} /> : null}
      <p className="gk-tree-meta">{`统计截至 ${h.asOf}（北京时间）`}</p>
      <AvailabilityCard health={h} />
      <OpenFindingsCard openFindings={h.openFindings} onPick={pick} />
      <FreshnessCard freshness={h.freshness} onOpen={(finding) => change({ finding, page: query.page })} />
      <Card
        className="gk-block"
        title={
          <h2 className="gk-card-heading" ref={listHeading} tabIndex={-1}>
            本网站的问题
          </h2>
        }
      >
        <FindingsPanel query={query} onQuery={change} siteId={siteId} label="本网站的问题" />
      </Card>
      <RunsCard siteId={siteId} />
    </>
  );
}
