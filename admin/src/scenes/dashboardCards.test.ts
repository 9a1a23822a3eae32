import { describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS } from '../../../common/permissions.ts';
import type { ArticleSummary } from '../api/content.ts';
import { deadlineCounts, letterUrgency, QUEUE_LIMIT, queueCard, workCardLoads } from './dashboardCards.ts';

const article = (id: string, dueAt: string | null): ArticleSummary => ({
  id,
  siteId: 's',
  columnId: 'c',
  type: 'news',
  typeLabel: '动态要闻',
  title: id,
  status: 'in_review',
  stage: 'firstReview',
  stageLabel: '初审',
  version: 1,
  live: false,
  emergency: false,
  dueAt,
  dueRule: null,
  deadline: dueAt ? 'ok' : 'none',
  lateMinutes: null,
  publishedAt: null,
  scheduledAt: null,
  updatedAt: '2026-01-01T00:00:00Z',
});

describe('dashboard letters card', () => {
  it('loads for letter handlers only', () => {
    expect(workCardLoads(ROLE_PERMISSIONS.letterHandler).letters).toBe(true);
    expect(workCardLoads(ROLE_PERMISSIONS.editor).letters).toBe(false);
    expect(workCardLoads(ROLE_PERMISSIONS.supervisor).letters).toBe(false);
  });

  it('counts the letters close to and past their due date', () => {
    expect(letterUrgency([{ dueLevel: 'warn80' }, { dueLevel: 'overdue' }, { dueLevel: 'overdue' }, { dueLevel: 'normal' }])).toEqual({
      dueSoon: 1,
      overdue: 2,
    });
  });
});

describe('dashboard work cards', () => {
  it('loads only what the user may see', () => {
    expect(workCardLoads(ROLE_PERMISSIONS.editor)).toEqual({ queue: true, deadlines: true, letters: false, services: false });
    expect(workCardLoads(ROLE_PERMISSIONS.leader)).toEqual({ queue: true, deadlines: true, letters: false, services: true });
    expect(workCardLoads(['content.author'])).toEqual({ queue: false, deadlines: true, letters: false, services: false });
    expect(workCardLoads(ROLE_PERMISSIONS.serviceOfficer)).toEqual({ queue: false, deadlines: false, letters: false, services: true });
    expect(workCardLoads(ROLE_PERMISSIONS.siteAdmin)).toEqual({ queue: false, deadlines: false, letters: false, services: false });
    expect(workCardLoads(ROLE_PERMISSIONS.platformAdmin)).toEqual({ queue: false, deadlines: false, letters: false, services: false });
    expect(workCardLoads([])).toEqual({ queue: false, deadlines: false, letters: false, services: false });
  });

  it('counts the queue and lists the five due soonest', () => {
    const items = ['a', 'b', 'c', 'd', 'e', 'f'].map((id, i) => article(id, i === 0 ? null : `2026-01-0${8 - i}T00:00:00Z`));
    const card = queueCard(items);
    expect(card.count).toBe('6');
    expect(card.first.map((a) => a.id)).toEqual(['f', 'e', 'd', 'c', 'b']);
    expect(queueCard(Array.from({ length: QUEUE_LIMIT }, (_, i) => article(String(i), null))).count).toBe(`${QUEUE_LIMIT}+`);
    expect(queueCard([])).toEqual({ count: '0', first: [] });
  });

  it('counts due soon and overdue', () => {
    expect(deadlineCounts({ dueSoon: [article('a', null)], overdue: [] })).toEqual({ dueSoon: 1, overdue: 0 });
  });
});
