import { createContext } from 'react';
import type { SiteOption } from './sites.ts';

export interface SiteValue {
  /** The sites the user may switch between. */
  sites: SiteOption[];
  /** True when the user also holds a platform-wide role ("全部网站" is offered). */
  platformWide: boolean;
  /** The site being viewed; null means all sites. */
  siteId: string | null;
  setSiteId: (siteId: string | null) => void;
}

export const SiteContext = createContext<SiteValue | null>(null);
