import { Input, Select } from 'antd';
import { useId } from 'react';
import { KIND_OPTIONS, SEVERITY_OPTIONS, SOURCE_OPTIONS, STATE_OPTIONS, type FindingQuery } from './monitoringLabels.ts';

export interface FindingFiltersProps {
  query: FindingQuery;
  /** The site choices ('' first: every site); none: the list is one site's and has no site filter. */
  sites?: { value: string; label: string }[] | undefined;
  onChange: (patch: Partial<FindingQuery>) => void;
}

/** The findings list's filters: 网站, 问题类型, 严重程度, 状态, 来源 and a keyword over the address and the description. */
export function FindingFilters({ query, sites, onChange }: FindingFiltersProps) {
  const ids = { site: useId(), kind: useId(), severity: useId(), state: useId(), source: useId(), q: useId() };
  return (
    <div className="gk-filters" role="search" aria-label="筛选问题">
      {sites ? (
        <div className="gk-filter">
          <label htmlFor={ids.site}>网站</label>
          <Select
            id={ids.site}
            className="gk-site-choice"
            value={query.siteId}
            options={sites}
            showSearch={{ optionFilterProp: 'label' }}
            onChange={(siteId: string) => onChange({ siteId })}
          />
        </div>
      ) : null}
      <div className="gk-filter">
        <label htmlFor={ids.kind}>问题类型</label>
        <Select
          id={ids.kind}
          className="gk-monitoring-kind-filter"
          value={query.kind}
          options={KIND_OPTIONS}
          onChange={(kind: string) => onChange({ kind: kind as FindingQuery['kind'] })}
        />
      </div>
      <div className="gk-filter">
        <label htmlFor={ids.severity}>严重程度</label>
        <Select
          id={ids.severity}
          value={query.severity}
          options={SEVERITY_OPTIONS}
          onChange={(severity: string) => onChange({ severity: severity as FindingQuery['severity'] })}
        />
      </div>
      <div className="gk-filter">
        <label htmlFor={ids.state}>状态</label>
        <Select id={ids.state} value={query.state} options={STATE_OPTIONS} onChange={(state) => onChange({ state })} />
      </div>
      <div className="gk-filter">
        <label htmlFor={ids.source}>来源</label>
        <Select
          id={ids.source}
          value={query.source}
          options={SOURCE_OPTIONS}
          onChange={(source: string) => onChange({ source: source as FindingQuery['source'] })}
        />
      </div>
      <div className="gk-filter">
        <label htmlFor={ids.q}>关键词</label>
        <Input.Search
          // Re-created when the keyword changes from outside (a link, 清除筛选).
          key={query.q}
          id={ids.q}
          defaultValue={query.q}
          allowClear
          placeholder="网址或问题描述"
          enterButton="搜索"
          maxLength={100}
          onSearch={(q) => onChange({ q: q.trim() })}
        />
      </div>
    </div>
  );
}
