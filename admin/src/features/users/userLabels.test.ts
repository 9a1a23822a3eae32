import { describe, expect, it } from 'vitest';
import { grantLabel, isSiteRole, ROLE_OPTIONS } from './userLabels.ts';

describe('grant labels', () => {
  const sites = new Map([['s1', '市教育局网站']]);

  it('names the site of site-scoped grants', () => {
    expect(grantLabel({ role: 'editor', scope: 's1' }, sites)).toBe('信息员（市教育局网站）');
    expect(grantLabel({ role: 'editor', scope: 'gone' }, sites)).toBe('信息员（未知网站）');
    expect(grantLabel({ role: 'securityAdmin', scope: '*' }, sites)).toBe('安全管理员');
    expect(grantLabel({ role: 'retiredRole', scope: '*' }, sites)).toBe('retiredRole');
  });

  it('offers platform roles first and says how each is scoped', () => {
    expect(ROLE_OPTIONS[0]).toEqual({ value: 'platformAdmin', label: '系统管理员（全平台，三员之一）' });
    expect(ROLE_OPTIONS.at(-1)?.label).toContain('按网站授予');
    expect(isSiteRole('editor')).toBe(true);
    expect(isSiteRole('supervisor')).toBe(false);
  });
});
