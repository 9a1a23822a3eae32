import { Card, Empty } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { grantsAllow } from '../../../common/permissions.ts';
import { fetchSites } from '../api/sites.ts';
import { LoadErrorAlert } from '../components/LoadErrorAlert.tsx';
import { SiteChoice } from '../components/SiteChoice.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { ColumnsEditor } from '../features/columns/ColumnsEditor.tsx';
import { useApiData } from '../lib/useApiData.ts';
import { useCurrentSite } from '../session/useCurrentSite.ts';
import { useCurrentUser } from '../session/useSession.ts';

/**
 * 栏目管理 for one site: the site chosen in the header, or (for platform-wide users viewing
 * all sites) one chosen here.
 */
export default function ColumnsScene() {
  const user = useCurrentUser();
  const { siteId: headerSiteId, sites: grantSites } = useCurrentSite();
  const [chosen, setChosen] = useState<string | null>(null);

  const loadSites = useCallback((signal: AbortSignal) => fetchSites({}, signal), []);
  const sites = useApiData(loadSites);
  const siteList = useMemo(() => sites.data ?? [], [sites.data]);

  // The header's choice wins; otherwise the local choice; a single visible site needs no choice.
  const siteId = headerSiteId ?? chosen ?? (siteList.length === 1 ? (siteList[0]?.id ?? null) : null);
  const siteName = siteList.find((s) => s.id === siteId)?.name ?? grantSites.find((s) => s.id === siteId)?.name ?? '';
  const canManage = siteId !== null && grantsAllow(user.grants, 'columns.manage', siteId);
  const options = useMemo(() => siteList.map((s) => ({ value: s.id, label: s.code ? `${s.name}（${s.code}）` : s.name })), [siteList]);

  return (
    <>
      <PageTitle title="栏目管理" />
      {sites.error !== null && <LoadErrorAlert error={sites.error} what="网站列表" onRetry={sites.reload} />}
      {headerSiteId === null && siteList.length > 1 && (
        <div className="gk-filters">
          <SiteChoice options={options} value={chosen} onChange={setChosen} placeholder="请选择要管理栏目的网站" />
        </div>
      )}
      {siteId ? (
        <ColumnsEditor key={siteId} siteId={siteId} siteName={siteName} canManage={canManage} />
      ) : (
        !sites.loading && (
          <Card>
            <Empty description={siteList.length === 0 ? '没有可管理栏目的网站' : '请先选择网站'} />
          </Card>
        )
      )}
    </>
  );
}
