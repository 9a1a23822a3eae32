import { Alert, Card, Empty, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { fetchOverdueLetters } from '../api/interaction.ts';
import { LoadErrorAlert } from '../components/LoadErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { SiteChoice } from '../components/SiteChoice.tsx';
import { LetterTable } from '../features/interaction/LetterTable.tsx';
import { useInteractionSites } from '../features/interaction/useInteractionSites.ts';
import { hasAnyPermission } from '../navigation.ts';
import { useApiData } from '../lib/useApiData.ts';
import { useCurrentUser } from '../session/useSession.ts';

/** The SiteChoice value meaning every site (supervisors only). */
const ALL = '';

/**
 * 超期预警: open letters of a site (and its org) about to pass their reply deadline or past it,
 * with how long each has been open and the veto-line risk. Supervisors may look at every site.
 */
export default function LettersOverdueScene() {
  const user = useCurrentUser();
  const supervisor = hasAnyPermission(user.permissions, ['monitoring.read']);
  const sites = useInteractionSites(['interaction.handle', 'monitoring.read']);
  const [chosen, setChosen] = useState<string | null>(null);
  const value = chosen ?? sites.siteId ?? (supervisor ? ALL : null);
  const options = useMemo(
    () => (supervisor ? [{ value: ALL, label: '全部网站' }, ...sites.options] : sites.options),
    [supervisor, sites.options],
  );

  const load = useCallback(
    (signal: AbortSignal) => (value === null ? Promise.resolve([]) : fetchOverdueLetters(value === ALL ? null : value, signal)),
    [value],
  );
  const list = useApiData(load);

  return (
    <>
      <PageTitle title="超期预警" />
      <Typography.Paragraph type="secondary">
        尚未答复、已用去答复期限八成以上（即将到期）或已超过答复期限的信件。政务咨询类信件自收信之日起超过 3
        个月未答复的，网站将被单项否决；标有“否决风险”的信件请优先办理。
      </Typography.Paragraph>
      {options.length === 0 ? (
        !sites.loading && (
          <Card>
            <Empty description="您没有可查看的网站" />
          </Card>
        )
      ) : (
        <>
          <div className="gk-filters">
            <SiteChoice value={value} options={options} onChange={setChosen} placeholder="请选择网站" />
          </div>
          {value === null ? <Alert type="info" showIcon title="请先选择网站。" /> : null}
          {list.error ? <LoadErrorAlert error={list.error} what="超期预警" onRetry={list.reload} /> : null}
          <LetterTable
            label="即将到期和已超期的信件"
            variant="watch"
            letters={list.data ?? []}
            loading={list.loading}
            emptyText="没有即将到期或已超期的信件"
            siteNames={value === ALL ? sites.names : undefined}
          />
        </>
      )}
    </>
  );
}
