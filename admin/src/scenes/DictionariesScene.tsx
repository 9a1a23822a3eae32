import { Card, Empty, Tabs, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { DICTIONARY_KIND_LABELS, DICTIONARY_KINDS } from '../../../common/schemas/content.ts';
import { SiteChoice } from '../components/SiteChoice.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { sitesWith } from '../features/articles/contentSites.ts';
import { useSiteOptions } from '../features/articles/useSites.ts';
import { DictionaryPanel } from '../features/dictionaries/DictionaryPanel.tsx';
import { scopeOptions, type DictionaryKind } from '../features/dictionaries/dictionaryForm.ts';
import { useCurrentSite } from '../session/useCurrentSite.ts';
import { useCurrentUser } from '../session/useSession.ts';

const HINTS: Record<DictionaryKind, string> = {
  sensitive: '发布前检查发现敏感词时按级别报告：“错误”阻止提交和审核通过，“提示”仅提醒核实。',
  commonError: '常见的错别字和不规范写法，检查时提示正确写法。',
  leader: '领导姓名与现任职务，检查时发现姓名与职务不符（如使用旧职务）会提示。',
};

/**
 * 检查词库: the dictionaries the pre-publication checks use. Platform-wide lists (平台通用,
 * for sites.manage holders) apply to every site; a site's own lists add to them (sites.edit).
 */
export default function DictionariesScene() {
  const user = useCurrentUser();
  const { siteId: headerSite } = useCurrentSite();
  const registry = useSiteOptions();

  const canManagePlatform = user.permissions.includes('sites.manage');
  const options = useMemo(() => {
    const editable = sitesWith(user.grants, ['sites.edit']);
    const sites = (editable.all ? registry.options : editable.sites).map((s) => ({ id: s.id, name: registry.names.get(s.id) ?? s.name }));
    return scopeOptions(canManagePlatform, sites);
  }, [user.grants, registry, canManagePlatform]);

  const [chosen, setChosen] = useState<string | null>(null);
  // The header's site when it can be edited here, else the first choice (平台通用 for platform managers).
  const scope = chosen ?? (options.some((o) => o.value === headerSite) ? headerSite : (options[0]?.value ?? null));
  const [kind, setKind] = useState<DictionaryKind>('sensitive');

  return (
    <>
      <PageTitle title="检查词库" />
      <Typography.Paragraph type="secondary">
        平台通用词库适用于所有网站；网站词库仅适用于该网站，与平台通用词库一起使用。
      </Typography.Paragraph>
      {options.length === 0 ? (
        <Card>
          <Empty description="您没有可维护词库的范围" />
        </Card>
      ) : (
        <>
          <div className="gk-filters">
            <SiteChoice label="词库范围" value={scope} options={options} onChange={setChosen} />
          </div>
          <Card>
            <Tabs
              activeKey={kind}
              onChange={(k) => setKind(k as DictionaryKind)}
              items={DICTIONARY_KINDS.map((k) => ({
                key: k,
                label: DICTIONARY_KIND_LABELS[k],
                children: scope && (
                  <>
                    <Typography.Paragraph type="secondary">{HINTS[k]}</Typography.Paragraph>
                    <DictionaryPanel key={`${scope}:${k}`} scope={scope} kind={k} />
                  </>
                ),
              }))}
            />
          </Card>
        </>
      )}
    </>
  );
}
