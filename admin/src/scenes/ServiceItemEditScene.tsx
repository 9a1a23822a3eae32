import { Alert, Card, Empty } from 'antd';
import { useCallback, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { DEFAULT_GUIDE_SETTINGS } from '../../../common/service-items.ts';
import { fetchGuideSettings, fetchServiceItem, type ServiceItemView } from '../api/guides.ts';
import { fetchOrgs } from '../api/orgs.ts';
import { FullPageSpin } from '../components/FullPageSpin.tsx';
import { LoadErrorAlert } from '../components/LoadErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { SiteChoice } from '../components/SiteChoice.tsx';
import '../features/articles/articles.css';
import '../features/guides/guides.css';
import { ItemStatusCard } from '../features/guides/ItemStatusCard.tsx';
import { LinkChecksTable } from '../features/guides/LinkChecksTable.tsx';
import { ServiceItemForm } from '../features/guides/ServiceItemForm.tsx';
import { ServiceItemStateTags } from '../features/guides/ServiceItemStateTags.tsx';
import { usePermittedSites } from '../features/sites/usePermittedSites.ts';
import { useSiteRecords } from '../features/guides/useSiteRecords.ts';
import { useCurrentUser } from '../session/useSession.ts';
import { useApiData } from '../lib/useApiData.ts';

/**
 * 新建事项 (/service-items/new?siteId=…) and 编辑事项 (/service-items/:id): the guide form with its
 * completeness panel; for a saved item also its state, the publication decisions and the link checks.
 */
export default function ServiceItemEditScene() {
  const { id } = useParams();
  // Bumped by 载入最新版本: the item is loaded afresh into a new form.
  const [round, setRound] = useState(0);
  return id ? <EditExisting key={`${id}:${round}`} id={id} onReload={() => setRound((r) => r + 1)} /> : <CreateNew />;
}

/** The policy's required elements and the org tree, which every guide form needs. */
function useFormData() {
  const loadSettings = useCallback((signal: AbortSignal) => fetchGuideSettings(signal), []);
  const loadOrgs = useCallback((signal: AbortSignal) => fetchOrgs(signal), []);
  const settings = useApiData(loadSettings);
  const orgs = useApiData(loadOrgs);
  const errors = (
    <>
      {settings.error ? <LoadErrorAlert error={settings.error} what="必备要素设置" onRetry={settings.reload} /> : null}
      {orgs.error ? <LoadErrorAlert error={orgs.error} what="部门列表" onRetry={orgs.reload} /> : null}
    </>
  );
  return {
    required: settings.data?.requiredElements ?? DEFAULT_GUIDE_SETTINGS.requiredElements,
    orgs: orgs.data ?? [],
    ready: settings.data !== undefined || settings.error !== null,
    errors,
  };
}

function CreateNew() {
  const user = useCurrentUser();
  const records = useSiteRecords();
  const [params] = useSearchParams();
  const [chosen, setChosen] = useState<string | null>(params.get('siteId'));
  const sites = usePermittedSites(['guides.edit'], chosen);
  const data = useFormData();
  const { siteId } = sites;
  return (
    <>
      <PageTitle title="新建事项" />
      {data.errors}
      {sites.options.length === 0 ? (
        !sites.loading && (
          <Card>
            <Empty description="您没有任何网站的办事服务专员权限，不能新建事项" />
          </Card>
        )
      ) : (
        <>
          {sites.options.length > 1 && (
            <div className="gk-filters">
              <SiteChoice value={siteId} options={sites.options} onChange={setChosen} placeholder="请选择网站" />
            </div>
          )}
          {!siteId ? (
            <Alert type="info" showIcon title="请先选择网站。" />
          ) : data.ready && records.loaded ? (
            <ServiceItemForm
              key={siteId}
              siteId={siteId}
              item={null}
              // The officer's own department, else the site's sponsor.
              defaultOrgId={user.orgId || records.byId.get(siteId)?.sponsorOrgId || null}
              orgs={data.orgs}
              required={data.required}
              // A new item has no version to conflict with, nor anything to reload.
              onItem={() => undefined}
              onRefresh={() => undefined}
              onReload={() => undefined}
            />
          ) : (
            <FullPageSpin />
          )}
        </>
      )}
    </>
  );
}

function EditExisting({ id, onReload }: { id: string; onReload: () => void }) {
  const load = useCallback((signal: AbortSignal) => fetchServiceItem(id, signal), [id]);
  const loaded = useApiData(load);
  // The answer of the last save or action: newer than the load it followed, older than the next load.
  const [latest, setLatest] = useState<{ after: ServiceItemView | undefined; item: ServiceItemView } | null>(null);
  const records = useSiteRecords();
  const data = useFormData();

  const item = latest && latest.after === loaded.data ? latest.item : loaded.data;
  if (!item || !data.ready) {
    return (
      <>
        <PageTitle title="编辑事项" />
        {loaded.error !== null ? <LoadErrorAlert error={loaded.error} what="事项" onRetry={loaded.reload} /> : <FullPageSpin />}
      </>
    );
  }
  const siteCode = records.byId.get(item.siteId)?.code ?? null;
  return (
    <>
      <PageTitle title="编辑事项" extra={<ServiceItemStateTags item={item} />} />
      {loaded.error !== null && <LoadErrorAlert error={loaded.error} what="事项" onRetry={loaded.reload} />}
      {data.errors}
      <ItemStatusCard item={item} siteCode={siteCode} />
      <ServiceItemForm
        siteId={item.siteId}
        item={item}
        defaultOrgId={item.orgId}
        orgs={data.orgs}
        required={data.required}
        onItem={(next) => setLatest({ after: loaded.data, item: next })}
        onRefresh={loaded.reload}
        onReload={onReload}
      />
      <Card className="gk-block" style={{ marginTop: 16 }} title={<h2 className="gk-card-heading">链接检查</h2>}>
        <LinkChecksTable checks={item.linkChecks} />
      </Card>
    </>
  );
}
