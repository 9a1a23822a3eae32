import { Checkbox } from 'antd';
import type { Audience } from '../../../../common/service-items.ts';
import { AUDIENCE_OPTIONS } from './guideLabels.ts';

export interface AudienceChoiceProps {
  id?: string;
  value?: Audience[];
  onChange?: (value: Audience[]) => void;
  disabled?: boolean;
}

/**
 * 服务对象 as checkboxes in a named group. Form.Item would put aria-required on the group's
 * element, which a group may not carry (axe aria-allowed-attr): only the props used are passed on.
 */
export function AudienceChoice({ id, value, onChange, disabled }: AudienceChoiceProps) {
  return (
    <div id={id} role="group" aria-label="服务对象">
      <Checkbox.Group<Audience>
        options={AUDIENCE_OPTIONS}
        value={value ?? []}
        onChange={(v) => onChange?.(v)}
        {...(disabled === undefined ? {} : { disabled })}
      />
    </div>
  );
}
