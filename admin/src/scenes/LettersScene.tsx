import { FileTextOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Drawer, Empty, Select, Typography } from 'antd';
import { useCallback, useId, useState } from 'react';
import { grantsAllow } from '../../../common/permissions.ts';
import type { LetterState } from '../../../common/schemas/interaction.ts';
import { fetchLetters } from '../api/interaction.ts';
import { LoadErrorAlert } from '../components/LoadErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { SiteChoice } from '../components/SiteChoice.tsx';
import { LetterTable } from '../features/interaction/LetterTable.tsx';
import { ReplyTemplatesPanel } from '../features/interaction/ReplyTemplatesPanel.tsx';
import { STATE_FILTER_OPTIONS } from '../features/interaction/letterLabels.ts';
import { useInteractionSites } from '../features/interaction/useInteractionSites.ts';
import { hasAnyPermission } from '../navigation.ts';
import { useApiData } from '../lib/useApiData.ts';
import { useCurrentUser } from '../session/useSession.ts';

const PAGE_SIZE = 20;

/**
 * 信件办理: the letters of the chosen site and those its org handles or is offered (转办),
 * filtered by state, a page at a time; each opens the letter. The site's reply templates are
 * kept from here too.
 */
export default function LettersScene() {
  const user = useCurrentUser();
  const sites = useInteractionSites(['interaction.handle', 'interaction.approveReply']);
  const { siteId } = sites;
  const stateId = useId();
  // A leader who only reviews replies starts at the replies waiting for review.
  const [state, setState] = useState<LetterState | ''>(() =>
    hasAnyPermission(user.permissions, ['interaction.handle']) ? '' : 'reviewing',
  );
  const [page, setPage] = useState(1);
  const [templatesOpen, setTemplatesOpen] = useState(false);

  const load = useCallback(
    (signal: AbortSignal) =>
      siteId
        ? fetchLetters(siteId, { state: state || undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, signal)
        : Promise.resolve({ items: [], total: 0 }),
    [siteId, state, page],
  );
  const list = useApiData(load);
  const mayHandle = siteId !== null && grantsAllow(user.grants, 'interaction.handle', siteId);

  return (
    <>
      <PageTitle
        title="信件办理"
        extra={
          mayHandle ? (
            <Button icon={<FileTextOutlined />} onClick={() => setTemplatesOpen(true)}>
              答复模板
            </Button>
          ) : null
        }
      />
      {sites.options.length === 0 ? (
        !sites.loading && (
          <Card>
            <Empty description="您没有可办理信件的网站" />
          </Card>
        )
      ) : (
        <>
          <div className="gk-filters" role="search" aria-label="筛选信件">
            <SiteChoice
              value={siteId}
              options={sites.options}
              onChange={(v) => {
                sites.setChosen(v);
                setPage(1);
              }}
              placeholder="请选择网站"
            />
            <div className="gk-filter">
              <label htmlFor={stateId}>状态</label>
              <Select<LetterState | ''>
                id={stateId}
                value={state}
                options={STATE_FILTER_OPTIONS}
                onChange={(v) => {
                  setState(v);
                  setPage(1);
                }}
              />
            </div>
          </div>
          {!siteId ? <Alert type="info" showIcon title="请先选择网站。" /> : null}
          {list.error ? <LoadErrorAlert error={list.error} what="信件列表" onRetry={list.reload} /> : null}
          {siteId ? (
            <>
              <Typography.Paragraph type="secondary">
                包括本网站收到的信件，以及交由或转办给本单位办理的信件。答复期限按工作日计算，“已过半”“即将到期”“已超期”提示办理进度。
              </Typography.Paragraph>
              <LetterTable
                label="信件列表"
                variant="all"
                letters={list.data?.items ?? []}
                loading={list.loading}
                emptyText={state ? '没有该状态的信件' : '暂无信件'}
                pagination={{
                  current: page,
                  pageSize: PAGE_SIZE,
                  total: list.data?.total ?? 0,
                  showSizeChanger: false,
                  showTotal: (total) => `共 ${total} 封`,
                  onChange: setPage,
                  hideOnSinglePage: true,
                }}
              />
            </>
          ) : null}
        </>
      )}
      <Drawer
        open={templatesOpen}
        title={`答复模板：${siteId ? (sites.names.get(siteId) ?? '') : ''}`}
        size={720}
        onClose={() => setTemplatesOpen(false)}
        destroyOnHidden
      >
        {siteId && templatesOpen ? <ReplyTemplatesPanel siteId={siteId} /> : null}
      </Drawer>
    </>
  );
}
