import { Alert, Card, Empty } from 'antd';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { fetchOrgs } from '../api/orgs.ts';
import { LoadErrorAlert } from '../components/LoadErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { SiteChoice } from '../components/SiteChoice.tsx';
import { listQueryFrom, listQueryParams, type ListQuery } from '../features/guides/guideLabels.ts';
import { ServiceItemsPanel } from '../features/guides/ServiceItemsPanel.tsx';
import { usePermittedSites } from '../features/sites/usePermittedSites.ts';
import { useSiteRecords } from '../features/guides/useSiteRecords.ts';
import { useCurrentUser } from '../session/useSession.ts';
import { useApiData } from '../lib/useApiData.ts';

/**
 * 办事事项: the service items of the chosen site, filtered (the filter lives in the address, so
 * a link can open the list filtered), with import, export, link checks and publication, and
 * the items due for review.
 */
export default function ServiceItemsScene() {
  const user = useCurrentUser();
  const records = useSiteRecords();
  const [params, setParams] = useSearchParams();
  const sites = usePermittedSites(['guides.edit', 'guides.publish'], params.get('siteId'));
  const { siteId } = sites;
  const query = useMemo(() => listQueryFrom(params), [params]);
  const loadOrgs = useCallback((signal: AbortSignal) => fetchOrgs(signal), []);
  const orgs = useApiData(loadOrgs);

  const change = (patch: Partial<ListQuery>) =>
    setParams(listQueryParams({ ...query, ...patch, page: patch.page ?? 1 }, siteId), { replace: !('tab' in patch) });

  return (
    <>
      <PageTitle title="办事事项" />
      {sites.options.length === 0 ? (
        !sites.loading && (
          <Card>
            <Empty description="您没有可维护办事事项的网站" />
          </Card>
        )
      ) : (
        <>
          <div className="gk-filters">
            <SiteChoice
              value={siteId}
              options={sites.options}
              onChange={(v) => setParams(listQueryParams({ ...listQueryFrom(new URLSearchParams()), tab: query.tab }, v))}
              placeholder="请选择网站"
            />
          </div>
          {orgs.error ? <LoadErrorAlert error={orgs.error} what="部门列表" onRetry={orgs.reload} /> : null}
          {siteId ? (
            <ServiceItemsPanel
              // A new site starts with nothing selected and no earlier outcome shown.
              key={siteId}
              siteId={siteId}
              siteName={sites.names.get(siteId) ?? ''}
              query={query}
              onQuery={change}
              orgs={orgs.data ?? []}
              // The officer's own department, else the site's sponsor.
              defaultOrgId={user.orgId || records.byId.get(siteId)?.sponsorOrgId || null}
            />
          ) : (
            <Alert type="info" showIcon title="请先选择网站。" />
          )}
        </>
      )}
    </>
  );
}
