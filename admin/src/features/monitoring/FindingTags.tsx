import { Tag } from 'antd';
import type { ReactNode } from 'react';
import type { FindingState, Severity } from '../../../../common/schemas/monitoring.ts';
import { SEVERITY_COLORS, SEVERITY_LABELS, STATE_COLORS, STATE_LABELS } from './monitoringLabels.ts';

/** 否决 / 扣分 / 提示, in colours that keep their contrast. */
export function SeverityTag({ severity }: { severity: Severity }) {
  return <Tag color={SEVERITY_COLORS[severity]}>{SEVERITY_LABELS[severity] ?? severity}</Tag>;
}

/** 未解决 / 已解决. */
export function FindingStateTag({ state }: { state: FindingState }) {
  return <Tag color={STATE_COLORS[state]}>{STATE_LABELS[state] ?? state}</Tag>;
}

/**
 * A link to a page of the monitored site: a new tab, without giving that page a handle on this
 * one. Anything but an http(s) address is shown as text, never as a link.
 */
export function ExternalLink({ href, children }: { href: string; children?: ReactNode }) {
  if (!/^https?:\/\//i.test(href)) return <span className="gk-monitoring-url">{children ?? href}</span>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" className="gk-monitoring-url">
      {children ?? href}
      <span className="gk-visually-hidden">（在新窗口打开）</span>
    </a>
  );
}
