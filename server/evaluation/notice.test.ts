import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '#server/demo/index.ts';
import { docxToText } from '#server/documents/index.ts';
import { checkHostedSites, recordRun } from '#server/monitoring/index.ts';
import type { Actor } from '#server/platform/actor.ts';
import { readZipDirectory } from '#server/platform/zip-expansion.ts';
import { asActor, buildUser, factoryActor } from '#test/factories.ts';
import { createTestDeps, dialectUnderTest, type TestDeps } from '#test/support.ts';
import { createBatch, getBatch, runBatch } from './commands/batches.ts';
import { spotCheckNotice } from './commands/notice.ts';

/** One part of a ZIP (DOCX) as text. */
function zipPart(bytes: Buffer, name: string): string {
  const entry = readZipDirectory(bytes)?.find((e) => e.name === name);
  if (!entry) throw new Error(`no ${name}`);
  const nameLength = bytes.readUInt16LE(entry.localOffset + 26);
  const extraLength = bytes.readUInt16LE(entry.localOffset + 28);
  const start = entry.localOffset + 30 + nameLength + extraLength;
  const data = bytes.subarray(start, start + entry.compressedSize);
  return (entry.method === 8 ? inflateRawSync(data) : data).toString('utf8');
}

describe(`the circular of a spot check over the demo city on ${dialectUnderTest}`, () => {
  let deps: TestDeps;
  let supervisor: Actor;
  let batchId: string;
  let externalName: string;

  beforeAll(async () => {
    deps = await createTestDeps({ now: '2026-10-08T02:00:00Z' });
    await seedDemo(deps);
    supervisor = asActor(await buildUser(deps, { grants: [{ role: 'supervisor' }] }));
    // The night's checks of the hosted sites, and a crawl that found the first external site's home page stale.
    await checkHostedSites(deps, factoryActor);
    const external = await deps.db.kysely
      .selectFrom('sites')
      .select(['id', 'name'])
      .where('hosting', '=', 'external')
      .orderBy('name')
      .executeTakeFirstOrThrow();
    externalName = external.name;
    await recordRun(deps, factoryActor, {
      siteId: external.id,
      source: 'crawl',
      asOf: '2026-09-30',
      startedAt: deps.clock.now().toISOString(),
      findings: [
        {
          kind: 'homepage_stale',
          severity: 'veto',
          url: 'http://legacy.example.gov.cn/',
          detail: '首页最新信息发布于2026-08-01，已60天未更新',
          rule: 'veto.homepage_stale',
        },
        {
          kind: 'broken_link',
          severity: 'deduction',
          url: 'http://legacy.example.gov.cn/x.pdf',
          parent: 'http://legacy.example.gov.cn/a.html',
          detail: '链接不可用（404）',
          rule: 'deduction.broken_link',
        },
      ],
    });
    batchId = (await createBatch(deps, supervisor, { name: '2026年第三季度全市政府网站检查', period: '2026-Q3' })).id;
    await runBatch(deps, factoryActor, batchId);
  }, 120_000);
  afterAll(async () => {
    await deps.db.close();
  });

  it('drafts the circular in 公文 layout with the results table, the praised and the criticised, read back from the DOCX', async () => {
    const { results } = await getBatch(deps, supervisor, batchId);
    expect(results.length).toBeGreaterThanOrEqual(3);
    expect(results.find((r) => r.siteName === externalName)).toMatchObject({ verdict: 'fail', vetoes: [{ indicator: '首页不更新' }] });
    const { docx, model } = await spotCheckNotice(deps, supervisor, batchId, {
      issuer: '攀枝花市人民政府办公室',
      docNumber: '攀办函〔2026〕35号',
      date: '2026-10-15',
    });
    const failed = results.filter((r) => r.verdict === 'fail').sort((a, b) => a.rank! - b.rank! || a.siteName.localeCompare(b.siteName));
    expect(model.criticised.slice().sort()).toEqual(failed.map((r) => r.siteName).sort());
    expect(model.praised.slice().sort()).toEqual(
      results
        .filter((r) => r.verdict === 'pass' && r.score! >= 90)
        .map((r) => r.siteName)
        .sort(),
    );
    const text = await docxToText(docx);
    const lines = text
      .split(/\n+/)
      .map((l) => l.trim())
      .filter(Boolean);
    expect(lines.slice(0, 4)).toEqual([
      '攀枝花市人民政府办公室',
      '攀办函〔2026〕35号',
      '关于2026年第三季度全市政府网站检查情况的通报',
      '各县（区）人民政府，市级各部门：',
    ]);
    expect(text).toContain(`本次共检查政府网站${results.length}个`);
    expect(text).toContain(`${model.criticised.join('、')}等${failed.length}个网站检查不合格，予以通报批评。`);
    expect(text).toContain(`${model.praised.join('、')}等${model.praised.length}个网站得分在90分以上`);
    expect(text).toContain('（一）更新不及时。');
    expect(text).toContain('首页不更新（单项否决）');
    // Every site in the results table, in rank order.
    const table = results.filter((r) => r.rank !== null).sort((a, b) => a.rank! - b.rank!);
    let at = text.indexOf('名次');
    for (const r of table) {
      const next = text.indexOf(r.siteName, at);
      expect(next, r.siteName).toBeGreaterThan(at);
      at = next;
    }
    expect(lines.slice(-2)).toEqual(['攀枝花市人民政府办公室', '2026年10月15日']);
    // The organ's mark in red, the red line under the 发文字号, the title in 小标宋.
    const xml = zipPart(docx, 'word/document.xml');
    expect(xml).toMatch(/<w:color w:val="FF0000"\/>(?:(?!<\/w:r>).)*<w:t[^>]*>攀枝花市人民政府办公室<\/w:t>/s);
    expect(xml).toMatch(/<w:bottom w:val="single" w:color="FF0000"/);
    expect(xml).toContain('方正小标宋简体');
  });

  it('is refused for a spot check not yet scored, a 发文字号 without 〔〕, and those who do not supervise', async () => {
    const pending = await createBatch(deps, supervisor, { name: '未评分', period: '2026-Q4' });
    await expect(
      spotCheckNotice(deps, supervisor, pending.id, { issuer: '市政府办公室', docNumber: '攀办函〔2026〕36号' }),
    ).rejects.toMatchObject({
      code: 'GK_ERR_CONFLICT',
    });
    for (const bad of [
      { issuer: '市政府办公室', docNumber: '攀办函[2026]36号' },
      { issuer: '', docNumber: '攀办函〔2026〕36号' },
      { docNumber: '攀办函〔2026〕36号' },
    ])
      await expect(spotCheckNotice(deps, supervisor, batchId, bad), JSON.stringify(bad)).rejects.toMatchObject({
        code: 'GK_ERR_VALIDATION',
      });
    const anySite = await deps.db.kysely.selectFrom('sites').select('id').executeTakeFirstOrThrow();
    const editor = asActor(await buildUser(deps, { grants: [{ role: 'editor', siteId: anySite.id }] }));
    await expect(spotCheckNotice(deps, editor, batchId, { issuer: '市政府办公室', docNumber: '攀办函〔2026〕36号' })).rejects.toMatchObject(
      {
        code: 'GK_ERR_FORBIDDEN',
      },
    );
  });
});
