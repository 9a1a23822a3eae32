import { Drawer } from 'antd';
import type { Org } from '../../api/orgs.ts';
import type { Site } from '../../api/sites.ts';
import { useGuardedClose } from '../../lib/useGuardedClose.ts';
import { SiteDetails } from './SiteDetails.tsx';
import { SiteForm, type SiteFormMode } from './SiteForm.tsx';

export type SiteDrawerTarget = { site?: Site; mode: SiteFormMode } | { site: Site; mode: 'read' };

export interface SiteDrawerProps {
  /** null: closed; no site: register a new one; mode 'read': look only. */
  target: SiteDrawerTarget | null;
  sites: readonly Site[];
  orgs: readonly Org[];
  onSaved: (site: Site) => void;
  onClose: () => void;
}

/** The site form in a drawer; the form is mounted only while open, and closing with changes asks first. */
export function SiteDrawer({ target, sites, orgs, onSaved, onClose }: SiteDrawerProps) {
  const { setDirty, close, cancel } = useGuardedClose(onClose, {
    title: '放弃未保存的修改？',
    content: '已填写的内容将不会保存。',
    cancelText: '继续编辑',
  });

  const title = !target
    ? ''
    : !target.site
      ? '登记网站'
      : target.mode === 'read'
        ? `查看网站：${target.site.name}`
        : `编辑网站：${target.site.name}`;

  return (
    <Drawer open={target !== null} title={title} size={720} onClose={cancel} destroyOnHidden>
      {target?.mode === 'read' && (
        <SiteDetails
          site={target.site}
          sponsorName={orgs.find((o) => o.id === target.site.sponsorOrgId)?.name ?? null}
          parentName={target.site.parentSiteId ? (sites.find((s) => s.id === target.site.parentSiteId)?.name ?? null) : null}
          onClose={close}
        />
      )}
      {target && target.mode !== 'read' && (
        <SiteForm
          key={target.site?.id ?? 'new'}
          {...(target.site ? { site: target.site } : {})}
          mode={target.mode}
          sites={sites}
          orgs={orgs}
          onDirtyChange={setDirty}
          onCancel={cancel}
          onSaved={(site) => {
            close();
            onSaved(site);
          }}
        />
      )}
    </Drawer>
  );
}
