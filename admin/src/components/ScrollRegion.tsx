import type { ReactNode } from 'react';

export interface ScrollRegionProps {
  /** What the region holds, for screen readers (e.g. “逾期申请列表”). */
  label: string;
  children: ReactNode;
}

/**
 * A wide table that may scroll sideways, reachable by keyboard: the region takes the focus, so
 * arrow keys scroll it even when the table has no link or button of its own (WCAG 2.1.1).
 */
export function ScrollRegion({ label, children }: ScrollRegionProps) {
  return (
    <div className="gk-scroll-region" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
