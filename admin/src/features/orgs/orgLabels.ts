/** Display texts for orgs. Pure. */
import { ORG_LEVEL_LABELS, ORG_LEVELS, type OrgLevel } from '../../../../common/schemas/accounts.ts';

export function levelLabel(level: string): string {
  return (ORG_LEVELS as readonly string[]).includes(level) ? ORG_LEVEL_LABELS[level as OrgLevel] : level;
}
