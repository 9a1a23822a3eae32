import { useState } from 'react';
import type { Permission } from '../../../../common/permissions.ts';
import { usePermittedSites, type PermittedSites } from '../sites/usePermittedSites.ts';

export interface InteractionSites extends PermittedSites {
  setChosen: (siteId: string) => void;
}

/** The sites an interaction screen offers (those where the user holds `permissions`) and the one the user chose. */
export function useInteractionSites(permissions: readonly Permission[]): InteractionSites {
  const [chosen, setChosen] = useState<string | null>(null);
  return { ...usePermittedSites(permissions, chosen), setChosen };
}
