import { describe, expect, it } from 'vitest';
import type { ArticleEvent, ArticleStage } from '../../api/content.ts';
import { atLastStage, availableActions, editRestartsReview, viewerOnSite, type ArticleFacts, type Viewer } from './articleActions.ts';

const stages: ArticleStage[] = [
  { key: 'firstReview', label: '初审', roles: ['editor'] },
  { key: 'sectionReview', label: '审核', roles: ['sectionReviewer'] },
  { key: 'leaderApproval', label: '审签', roles: ['leader'] },
];

const ev = (kind: string, actorId: string, stage: string | null = null): ArticleEvent => ({
  kind,
  stage,
  actorId,
  actorName: actorId,
  opinion: null,
  revisionId: 'r1',
  at: '2024-01-01T00:00:00Z',
});

const article = (over: Partial<ArticleFacts> = {}): ArticleFacts => ({
  status: 'draft',
  stage: null,
  stages,
  live: false,
  emergency: false,
  events: [ev('create', 'author')],
  ...over,
});

const author: Viewer = { id: 'author', roles: ['editor'], canAuthor: true };
const otherEditor: Viewer = { id: 'ed2', roles: ['editor'], canAuthor: true };
const reviewer: Viewer = { id: 'rev', roles: ['sectionReviewer'], canAuthor: false };
const leader: Viewer = { id: 'boss', roles: ['leader'], canAuthor: false };
const siteAdmin: Viewer = { id: 'adm', roles: ['siteAdmin'], canAuthor: false };

const names = (a: ArticleFacts, v: Viewer) => availableActions(a, v).map((s) => (s.enabled ? s.action : `${s.action}(off)`));

describe('viewerOnSite', () => {
  it('takes site and platform-wide grants for that site only', () => {
    const v = viewerOnSite(
      {
        id: 'u',
        grants: [
          { role: 'editor', scope: 's1' },
          { role: 'leader', scope: 's2' },
          { role: 'supervisor', scope: '*' },
        ],
      },
      's1',
    );
    expect(v).toEqual({ id: 'u', roles: ['editor', 'supervisor'], canAuthor: true });
  });
});

describe('availableActions', () => {
  it('lets authors edit and submit drafts; others only look', () => {
    expect(names(article(), author)).toEqual(['edit', 'submit']);
    expect(names(article({ status: 'rejected' }), author)).toEqual(['edit', 'submit']);
    expect(names(article(), reviewer)).toEqual([]);
    expect(names(article(), leader)).toEqual(['emergencyPublish']);
  });

  it('offers approve and reject to the stage’s role, never to the article’s author', () => {
    const first = article({ status: 'in_review', stage: 'firstReview' });
    expect(names(first, otherEditor)).toEqual(['edit', 'approve', 'reject', 'withdraw']);
    const own = availableActions(first, author);
    expect(own.find((a) => a.action === 'approve')).toEqual({ action: 'approve', enabled: false, reason: '不能审核本人撰写或修改的稿件' });
    expect(names(first, reviewer)).toEqual([]);
    expect(names(article({ status: 'in_review', stage: 'sectionReview' }), reviewer)).toEqual(['approve', 'reject']);
  });

  it('refuses a second stage to someone who decided at another', () => {
    const both: Viewer = { id: 'multi', roles: ['editor', 'sectionReviewer'], canAuthor: false };
    const a = article({
      status: 'in_review',
      stage: 'sectionReview',
      events: [ev('create', 'author'), ev('approve', 'multi', 'firstReview')],
    });
    expect(availableActions(a, both)[0]).toEqual({ action: 'approve', enabled: false, reason: '同一稿件的不同审核环节须由不同人员完成' });
  });

  it('publishes approved articles and retracts live ones', () => {
    expect(names(article({ status: 'approved' }), author)).toEqual(['edit', 'publish', 'schedule', 'withdraw']);
    expect(names(article({ status: 'scheduled' }), leader)).toEqual(['publish']);
    expect(names(article({ status: 'published', live: true }), leader)).toEqual(['retract']);
    expect(names(article({ status: 'published', live: true }), siteAdmin)).toEqual(['retract']);
    expect(names(article({ status: 'published', live: true }), reviewer)).toEqual([]);
  });

  it('does not offer emergency publication twice, nor withdrawal of a live emergency', () => {
    const emergency = article({ status: 'in_review', stage: 'firstReview', live: true, emergency: true });
    expect(names(emergency, leader)).toEqual(['retract']);
    expect(names(emergency, otherEditor)).toEqual(['edit', 'approve', 'reject']);
  });

  it('knows the last stage and when an edit restarts review', () => {
    expect(atLastStage(article({ status: 'in_review', stage: 'leaderApproval' }))).toBe(true);
    expect(atLastStage(article({ status: 'in_review', stage: 'sectionReview' }))).toBe(false);
    expect(atLastStage(article({ status: 'approved' }))).toBe(false);
    expect(editRestartsReview('approved')).toBe(true);
    expect(editRestartsReview('published')).toBe(false);
  });
});
