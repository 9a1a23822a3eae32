import { Select } from 'antd';
import { useId } from 'react';

export interface SiteChoiceProps {
  value: string | null | undefined;
  options: { value: string; label: string }[];
  onChange: (value: string) => void;
  /** The visible label (default 网站). */
  label?: string;
  placeholder?: string;
}

/** A labelled, searchable site (or scope) select for a screen's filter bar. */
export function SiteChoice({ value, options, onChange, label = '网站', placeholder }: SiteChoiceProps) {
  const id = useId();
  return (
    <div className="gk-filter">
      <label htmlFor={id}>{label}</label>
      <Select
        id={id}
        className="gk-site-choice"
        value={value ?? undefined}
        options={options}
        onChange={(v: string) => onChange(v)}
        showSearch={{ optionFilterProp: 'label' }}
        {...(placeholder ? { placeholder } : {})}
      />
    </div>
  );
}
