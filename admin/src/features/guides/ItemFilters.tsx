import { Input, Select } from 'antd';
import { useId } from 'react';
import type { Org } from '../../api/orgs.ts';
import { OrgTreeSelect } from '../../components/OrgTreeSelect.tsx';
import { COMPLETENESS_FILTER_OPTIONS, STATE_FILTER_OPTIONS, type CompletenessFilter, type ListQuery } from './guideLabels.ts';

export interface ItemFiltersProps {
  query: ListQuery;
  orgs: readonly Org[];
  onChange: (patch: Partial<ListQuery>) => void;
}

/** The list's filters: 状态 (incl. 有未发布的修改), 要素, 部门 and a keyword over name and code. */
export function ItemFilters({ query, orgs, onChange }: ItemFiltersProps) {
  const ids = { state: useId(), complete: useId(), org: useId(), q: useId() };
  return (
    <div className="gk-filters" role="search" aria-label="筛选办事事项">
      <div className="gk-filter">
        <label htmlFor={ids.state}>状态</label>
        <Select id={ids.state} value={query.state} options={STATE_FILTER_OPTIONS} onChange={(state) => onChange({ state })} />
      </div>
      <div className="gk-filter">
        <label htmlFor={ids.complete}>要素</label>
        <Select<CompletenessFilter>
          id={ids.complete}
          value={query.incomplete}
          options={COMPLETENESS_FILTER_OPTIONS}
          onChange={(incomplete) => onChange({ incomplete })}
        />
      </div>
      <div className="gk-filter">
        <label htmlFor={ids.org}>部门</label>
        <OrgTreeSelect
          id={ids.org}
          orgs={orgs}
          allowClear
          placeholder="全部部门"
          className="gk-org-filter"
          value={query.orgId || null}
          onChange={(orgId) => onChange({ orgId: orgId ?? '' })}
        />
      </div>
      <div className="gk-filter">
        <label htmlFor={ids.q}>关键词</label>
        <Input.Search
          // Re-created when the keyword changes from outside (a link from the import report).
          key={query.q}
          id={ids.q}
          defaultValue={query.q}
          allowClear
          placeholder="事项名称或编码"
          enterButton="搜索"
          maxLength={50}
          onSearch={(q) => onChange({ q: q.trim() })}
        />
      </div>
    </div>
  );
}
