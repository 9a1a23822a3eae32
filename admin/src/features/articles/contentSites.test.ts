import { describe, expect, it } from 'vitest';
import { columnPathLabels, sitesWith } from './contentSites.ts';

const grant = (role: string, siteId: string | null, siteName: string | null = siteId) => ({ role, scope: siteId ?? '*', siteId, siteName });

describe('sitesWith', () => {
  it('lists the sites whose grants give the permission', () => {
    const grants = [
      grant('editor', 's1', '市政府'),
      grant('leader', 's2', '教育局'),
      grant('editor', 's1', '市政府'),
      grant('siteAdmin', 's3'),
    ];
    expect(sitesWith(grants, ['content.author'])).toEqual({ all: false, sites: [{ id: 's1', name: '市政府' }] });
    expect(sitesWith(grants, ['content.firstReview', 'content.leaderApproval']).sites.map((s) => s.id)).toEqual(['s1', 's2']);
    expect(sitesWith(grants, ['sites.edit']).sites.map((s) => s.id)).toEqual(['s3']);
  });

  it('notes platform-wide grants', () => {
    expect(sitesWith([grant('platformAdmin', null)], ['sites.manage'])).toEqual({ all: true, sites: [] });
    expect(sitesWith([grant('platformAdmin', null)], ['content.author'])).toEqual({ all: false, sites: [] });
  });
});

describe('columnPathLabels', () => {
  it('names columns with their ancestors and survives cycles', () => {
    const labels = columnPathLabels([
      { id: 'a', parentId: null, name: '政务公开' },
      { id: 'b', parentId: 'a', name: '通知公告' },
      { id: 'x', parentId: 'y', name: '甲' },
      { id: 'y', parentId: 'x', name: '乙' },
    ]);
    expect(labels.get('b')).toBe('政务公开 / 通知公告');
    expect(labels.get('a')).toBe('政务公开');
    expect(labels.get('x')).toBe('乙 / 甲');
  });
});
