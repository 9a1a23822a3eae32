import { useContext } from 'react';
import { SiteContext, type SiteValue } from './SiteContext.ts';

export function useCurrentSite(): SiteValue {
  const value = useContext(SiteContext);
  if (!value) throw new Error('useCurrentSite must be used inside <SiteProvider>');
  return value;
}
