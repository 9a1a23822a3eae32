import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROLE_CODES } from '#common/roles.ts';
import { verifyAuditChain } from '#server/audit/index.ts';
import { createTestDeps, type TestDeps } from '#test/support.ts';
import { seedDemo } from './seed-demo.ts';

describe('the demo city', () => {
  let deps: TestDeps;
  beforeEach(async () => {
    deps = await createTestDeps();
  });
  afterEach(async () => deps.db.close());

  it('creates a city portal, five county portals, twenty department sites, two external sites and one user per role', async () => {
    const summary = await seedDemo(deps);
    const sites = await deps.db.kysely.selectFrom('sites').select(['kind', 'hosting', 'name']).execute();
    expect(sites.filter((s) => s.kind === 'portal')).toHaveLength(6);
    expect(sites.filter((s) => s.kind === 'department' && s.hosting === 'hosted')).toHaveLength(20);
    expect(sites.filter((s) => s.hosting === 'external')).toHaveLength(2);
    expect(sites.every((s) => s.name.includes('示例'))).toBe(true);
    expect([...new Set(summary.accounts.map((a) => a.role))].sort()).toEqual([...ROLE_CODES].sort());
    const articles = await deps.db.kysely.selectFrom('articles').select(['status', 'title']).execute();
    expect(articles.map((a) => a.status).sort()).toEqual([
      'draft',
      'draft',
      'in_review',
      'published',
      'published',
      'published',
      'published',
    ]);
    expect(articles.every((a) => a.title.includes('示例'))).toBe(true);
    expect(summary.accounts.every((a) => a.oneTimePassword.length >= 12)).toBe(true);
    expect(summary.columns).toBeGreaterThan(200);
    const requests = await deps.db.kysely.selectFrom('disclosure_requests').select(['state', 'outcome']).orderBy('state').execute();
    expect(requests).toEqual([
      { state: 'answered', outcome: 'disclosed' },
      { state: 'awaitingAmendment', outcome: null },
      { state: 'processing', outcome: null },
    ]);
    // Every hosted site has its 指南; the published policy documents are in their catalogue; the
    // city's 2025 annual report is drafted.
    const guides = await deps.db.kysely.selectFrom('disclosure_guides').select('org_id').execute();
    expect(guides.length).toBeGreaterThanOrEqual(20);
    const entries = await deps.db.kysely.selectFrom('catalogue_entries').select(['category', 'index_no']).execute();
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e) => e.category === 'art20.1' && e.index_no)).toBe(true);
    const reports = await deps.db.kysely.selectFrom('annual_reports').select(['year', 'version']).execute();
    expect(reports).toEqual([{ year: 2025, version: 1 }]);
    expect((await verifyAuditChain(deps.db)).ok).toBe(true);
  });

  it('refuses to run twice', async () => {
    await seedDemo(deps, { password: 'Demo#2026pass' });
    await expect(seedDemo(deps)).rejects.toMatchObject({ code: 'GK_ERR_CONFLICT' });
  });
});
