import { describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS } from '../../../../common/permissions.ts';
import { taskActions } from './taskActions.ts';

const keys = (state: Parameters<typeof taskActions>[0]['state'], recheck: 'auto' | 'manual', perms: readonly string[]) =>
  taskActions({ state, recheck }, perms).map((a) => a.key);

describe('what one may do with a rectification task', () => {
  it('lets the site administrator report and ask for a dismissal, and the supervisor re-check by hand and decide', () => {
    expect(keys('open', 'auto', ROLE_PERMISSIONS.siteAdmin)).toEqual(['report', 'requestDismissal']);
    expect(keys('reported', 'auto', ROLE_PERMISSIONS.siteAdmin)).toEqual(['requestDismissal']);
    expect(keys('reported', 'manual', ROLE_PERMISSIONS.supervisor)).toEqual(['requestDismissal', 'verify']);
    expect(keys('reported', 'auto', ROLE_PERMISSIONS.supervisor)).toEqual(['requestDismissal']);
    expect(keys('dismissalRequested', 'auto', ROLE_PERMISSIONS.supervisor)).toEqual(['decideDismissal']);
    expect(keys('dismissalRequested', 'auto', ROLE_PERMISSIONS.siteAdmin)).toEqual([]);
    expect(keys('closed', 'auto', [...ROLE_PERMISSIONS.supervisor, ...ROLE_PERMISSIONS.siteAdmin])).toEqual([]);
    expect(keys('open', 'auto', ROLE_PERMISSIONS.editor)).toEqual([]);
  });
});
