import { Select } from 'antd';
import { useId } from 'react';
import { ALL_SITES } from '../session/sites.ts';
import { useCurrentSite } from '../session/useCurrentSite.ts';

/** Chooses which of the user's sites the screens show. Only the view changes. */
export function SiteSwitcher() {
  const { sites, platformWide, siteId, setSiteId } = useCurrentSite();
  const id = useId();
  if (sites.length === 0) return null;

  const options = [
    ...(platformWide ? [{ value: ALL_SITES, label: '全部网站' }] : []),
    ...sites.map((s) => ({ value: s.id, label: s.name })),
  ];

  return (
    <div className="gk-site-switcher">
      <label htmlFor={id} className="gk-header-label">
        当前网站
      </label>
      <Select
        id={id}
        value={siteId ?? ALL_SITES}
        options={options}
        onChange={(value: string) => setSiteId(value === ALL_SITES ? null : value)}
        showSearch={options.length > 8 ? { optionFilterProp: 'label' } : false}
        popupMatchSelectWidth={false}
        className="gk-site-select"
      />
    </div>
  );
}
