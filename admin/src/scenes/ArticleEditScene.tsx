import { Alert, Card, Col, Empty, Row } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { grantsAllow } from '../../../common/permissions.ts';
import { fetchArticle } from '../api/content.ts';
import { FullPageSpin } from '../components/FullPageSpin.tsx';
import { LoadErrorAlert } from '../components/LoadErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { ArticleEditor, type EditorLocationState, type KeptDraft } from '../features/articles/ArticleEditor.tsx';
import { StatusTags } from '../features/articles/ArticleTags.tsx';
import { isArticleType } from '../features/articles/articleForm.ts';
import '../features/articles/articles.css';
import { sitesWith } from '../features/articles/contentSites.ts';
import { KeptDraftPanel } from '../features/articles/KeptDraftPanel.tsx';
import { useSiteOptions } from '../features/articles/useSites.ts';
import { useApiData } from '../lib/useApiData.ts';
import { useCurrentSite } from '../session/useCurrentSite.ts';
import { useCurrentUser } from '../session/useSession.ts';

/**
 * 新建稿件 (/articles/new) and 编辑稿件 (/articles/:id/edit). The only screen that loads the
 * rich-text editor (Tiptap), so it stays out of every other chunk.
 */
export default function ArticleEditScene() {
  const { id } = useParams();
  return id ? <EditExisting key={id} id={id} /> : <CreateNew />;
}

function useAuthorSiteOptions() {
  const user = useCurrentUser();
  const registry = useSiteOptions();
  return useMemo(() => {
    const permitted = sitesWith(user.grants, ['content.author']);
    const list = permitted.all ? registry.options : permitted.sites;
    return list.map((s) => ({ value: s.id, label: registry.names.get(s.id) ?? s.name }));
  }, [user.grants, registry]);
}

function CreateNew() {
  const [params] = useSearchParams();
  const { siteId: headerSite } = useCurrentSite();
  const siteOptions = useAuthorSiteOptions();

  // Site: the one asked for in the link, else the header's, else the only one the user writes for.
  const wanted = params.get('siteId') ?? headerSite;
  const siteId = siteOptions.some((o) => o.value === wanted) ? wanted : siteOptions.length === 1 ? (siteOptions[0]?.value ?? null) : null;
  const type = params.get('type');

  return (
    <>
      <PageTitle title="新建稿件" />
      {siteOptions.length === 0 ? (
        <Card>
          <Empty description="您没有任何网站的信息员权限，不能新建稿件" />
        </Card>
      ) : (
        <ArticleEditor
          // Re-created once the site list (and so the default site) is known.
          key={`${siteId ?? ''}:${siteOptions.length}`}
          article={null}
          siteOptions={siteOptions}
          defaults={{ siteId, type: isArticleType(type) ? type : 'news', columnId: params.get('columnId') }}
          // A new article has no version to conflict with.
          onConflict={() => undefined}
          onReload={() => undefined}
        />
      )}
    </>
  );
}

function EditExisting({ id }: { id: string }) {
  const user = useCurrentUser();
  const location = useLocation();
  const load = useCallback((signal: AbortSignal) => fetchArticle(id, signal), [id]);
  const article = useApiData(load);
  const [kept, setKept] = useState<KeptDraft | null>(null);
  // Bumped on 载入最新版本: a fresh editor over the reloaded article.
  const [generation, setGeneration] = useState(0);
  const [initial] = useState<EditorLocationState | null>(() => (location.state as EditorLocationState | null) ?? null);

  const a = article.data;
  const reload = () => {
    article.reload();
    setGeneration((g) => g + 1);
  };

  if (!a) {
    return (
      <>
        <PageTitle title="编辑稿件" />
        {article.error !== null ? <LoadErrorAlert error={article.error} what="稿件" onRetry={article.reload} /> : <FullPageSpin />}
      </>
    );
  }

  const canAuthor = grantsAllow(user.grants, 'content.author', a.siteId);
  const editor = (
    <ArticleEditor
      key={`${a.id}:${a.version}:${generation}`}
      article={a}
      siteOptions={[]}
      initial={generation === 0 ? initial : null}
      onConflict={setKept}
      onReload={reload}
    />
  );

  return (
    <>
      <PageTitle title="编辑稿件" extra={<StatusTags article={a} />} />
      {article.error !== null && <LoadErrorAlert error={article.error} what="稿件" onRetry={article.reload} />}
      {!canAuthor ? (
        <Alert
          type="warning"
          showIcon
          title="您没有该网站的信息员权限，不能修改此稿件"
          description={<Link to={`/articles/${encodeURIComponent(a.id)}`}>查看稿件</Link>}
        />
      ) : (
        // One tree shape with or without the side panel, so the editor is never remounted by it.
        <Row gutter={16}>
          <Col xs={24} xl={kept ? 15 : 24}>
            {editor}
          </Col>
          {kept && (
            <Col xs={24} xl={9}>
              <KeptDraftPanel draft={kept} onDismiss={() => setKept(null)} />
            </Col>
          )}
        </Row>
      )}
    </>
  );
}
