import { Card, Empty, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { fetchReviewStages, type ReviewStage } from '../api/content.ts';
import { LoadErrorAlert } from '../components/LoadErrorAlert.tsx';
import { SiteChoice } from '../components/SiteChoice.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { sitesWith } from '../features/articles/contentSites.ts';
import { useSiteOptions } from '../features/articles/useSites.ts';
import { ReviewStagesEditor } from '../features/reviewStages/ReviewStagesEditor.tsx';
import { useApiData } from '../lib/useApiData.ts';
import { useCurrentSite } from '../session/useCurrentSite.ts';
import { useCurrentUser } from '../session/useSession.ts';

/**
 * 审核流程: which roles act at each review stage of a site, in order — never fewer than three
 * stages. For the site chosen in the header, or one chosen here among the sites the user edits.
 */
export default function ReviewStagesScene() {
  const user = useCurrentUser();
  const { siteId: headerSite } = useCurrentSite();
  const registry = useSiteOptions();

  const options = useMemo(() => {
    const editable = sitesWith(user.grants, ['sites.edit']);
    const sites = editable.all ? registry.options : editable.sites;
    return sites.map((s) => ({ value: s.id, label: registry.names.get(s.id) ?? s.name }));
  }, [user.grants, registry]);

  const [chosen, setChosen] = useState<string | null>(null);
  // The header's site when it can be edited here; a single editable site needs no choice.
  const siteId =
    chosen ?? (options.some((o) => o.value === headerSite) ? headerSite : options.length === 1 ? (options[0]?.value ?? null) : null);
  const siteName = options.find((o) => o.value === siteId)?.label ?? '';

  return (
    <>
      <PageTitle title="审核流程" />
      <Typography.Paragraph type="secondary">
        设置本网站稿件发布前经过的审核环节及各环节的审核角色。默认为初审（信息员）、审核（科室审核人）、审签（分管领导）三个环节，可增加环节或调整角色，但不能少于三个环节。
      </Typography.Paragraph>
      {options.length === 0 ? (
        !registry.loading && (
          <Card>
            <Empty description="您没有可设置审核流程的网站" />
          </Card>
        )
      ) : (
        <>
          <div className="gk-filters">
            <SiteChoice value={siteId} options={options} onChange={setChosen} placeholder="请选择要设置审核流程的网站" />
          </div>
          {siteId ? (
            <SiteStages key={siteId} siteId={siteId} siteName={siteName} />
          ) : (
            <Card>
              <Empty description="请先选择网站" />
            </Card>
          )}
        </>
      )}
    </>
  );
}

/** Loads one site's stages and edits them; a save starts the editor afresh from what was saved. */
function SiteStages({ siteId, siteName }: { siteId: string; siteName: string }) {
  const load = useCallback((signal: AbortSignal) => fetchReviewStages(siteId, signal), [siteId]);
  const stages = useApiData(load);
  const [saved, setSaved] = useState<{ stages: ReviewStage[]; version: number } | null>(null);
  const current = saved?.stages ?? stages.data;

  if (stages.error !== null && !current) return <LoadErrorAlert error={stages.error} what="审核流程" onRetry={stages.reload} />;
  if (!current) return <Card loading />;
  return (
    <ReviewStagesEditor
      key={saved?.version ?? 0}
      siteId={siteId}
      siteName={siteName}
      initial={current}
      onSaved={(next) => setSaved((prev) => ({ stages: next, version: (prev?.version ?? 0) + 1 }))}
    />
  );
}
