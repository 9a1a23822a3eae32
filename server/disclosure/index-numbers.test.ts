import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { updateOrg } from '#server/accounts/index.ts';
import { approveArticle, createArticle, getArticle, publishArticle, retractArticle, submitArticle } from '#server/content/index.ts';
import { asActor, buildNewsroom, factoryActor, publishThroughReview } from '#test/factories.ts';
import { createTestDeps, type TestDeps } from '#test/support.ts';
import { indexNumbersOf } from './index.ts';

let deps: TestDeps;
let room: Awaited<ReturnType<typeof buildNewsroom>>;
let creditCode: string;

beforeEach(async () => {
  deps = await createTestDeps();
  room = await buildNewsroom(deps);
  const org = await deps.db.kysely
    .selectFrom('sites as s')
    .innerJoin('orgs as o', 'o.id', 's.sponsor_org_id')
    .select(['o.id', 'o.credit_code'])
    .where('s.id', '=', room.site.id)
    .executeTakeFirstOrThrow();
  creditCode = org.credit_code!;
});

afterEach(async () => {
  await deps.db.close();
});

const policy = (title: string) => ({
  columnId: room.columns.policy.id,
  type: 'policy',
  title,
  metadata: { issuingOrg: '示例市人民政府办公室', writtenOn: '2026-11-20', validity: 'valid' },
});
const indexNo = async (id: string) => (await getArticle(deps, factoryActor, id)).indexNo;
const sponsorOrgId = async () =>
  (await deps.db.kysely.selectFrom('sites').select('sponsor_org_id').where('id', '=', room.site.id).executeTakeFirstOrThrow())
    .sponsor_org_id;

/** An article approved at 初审 and 审核, waiting for the leader's 审签. */
async function awaitingSignOff(title: string): Promise<{ id: string; revisionId: string }> {
  const a = await createArticle(deps, asActor(room.author), {
    siteId: room.site.id,
    bodyHtml: '<p>正文。</p>',
    source: '示例市人民政府办公室',
    ...policy(title),
  });
  await submitArticle(deps, asActor(room.author), a.id);
  for (const who of [room.firstReviewer, room.sectionReviewer]) {
    const current = (await getArticle(deps, factoryActor, a.id)).current!.id;
    await approveArticle(deps, asActor(who), a.id, { revisionId: current, opinion: '同意' });
  }
  return { id: a.id, revisionId: (await getArticle(deps, factoryActor, a.id)).current!.id };
}

describe('索引号', () => {
  it('numbers articles at first publication with the platform template, one after another within the org and year', async () => {
    const first = await publishThroughReview(deps, room, policy('第一份文件'));
    const second = await publishThroughReview(deps, room, policy('第二份文件'));
    expect(await indexNo(first)).toBe(`${creditCode}/2026-00001`);
    expect(await indexNo(second)).toBe(`${creditCode}/2026-00002`);
    expect(await indexNumbersOf(deps, [first, second, 'unknown'])).toEqual(
      new Map([
        [first, `${creditCode}/2026-00001`],
        [second, `${creditCode}/2026-00002`],
      ]),
    );
  });

  it('keeps the number through correction, retraction and publication again, and never gives it to another article', async () => {
    const id = await publishThroughReview(deps, room, policy('会被撤回的文件'));
    const number = await indexNo(id);
    await retractArticle(deps, asActor(room.leader), id, { reason: '内容需要更正' });
    expect(await indexNo(id)).toBe(number);
    const next = await publishThroughReview(deps, room, policy('之后的文件'));
    expect(await indexNo(next)).toBe(`${creditCode}/2026-00002`);
  });

  it('starts counting again in a new Beijing year', async () => {
    deps.clock.set('2026-12-31T15:59:00.000Z'); // 23:59 on 31 December in Beijing
    const december = await publishThroughReview(deps, room, policy('年末的文件'));
    deps.clock.set('2026-12-31T16:01:00.000Z'); // 00:01 on 1 January 2027 in Beijing
    const january = await publishThroughReview(deps, room, policy('年初的文件'));
    expect(await indexNo(december)).toBe(`${creditCode}/2026-00001`);
    expect(await indexNo(january)).toBe(`${creditCode}/2027-00001`);
  });

  it("uses the org's own template, counting within what that template shows", async () => {
    await updateOrg(deps, factoryActor, await sponsorOrgId(), { indexTemplate: '{orgCode}-{category}-{YYYYMMDD}-{NNN}' });
    const a = await publishThroughReview(deps, room, policy('按单位格式编号'));
    const b = await publishThroughReview(deps, room, { columnId: room.columns.news.id, type: 'news', title: '另一栏目的动态' });
    expect(await indexNo(a)).toBe(`${creditCode.slice(8, 17)}-zcwj-20261127-001`);
    expect(await indexNo(b)).toBe(`${creditCode.slice(8, 17)}-gzdt-20261127-001`);
  });

  it('refuses to publish, changing nothing, when the template needs a value the org lacks', async () => {
    await updateOrg(deps, factoryActor, await sponsorOrgId(), { creditCode: null });
    const { id, revisionId } = await awaitingSignOff('缺少信用代码');
    await expect(approveArticle(deps, asActor(room.leader), id, { revisionId, opinion: '同意', publish: 'now' })).rejects.toMatchObject({
      code: 'GK_ERR_INDEX_NUMBER',
      status: 409,
      message: expect.stringContaining('统一社会信用代码'),
    });
    // The leader's approval stands; the article waits, approved and unpublished, until the org has its code.
    const after = await getArticle(deps, factoryActor, id);
    expect(after.status).toBe('approved');
    expect(after.liveRevisionId).toBeNull();
    expect(after.indexNo).toBeNull();
    expect(await deps.db.kysely.selectFrom('index_sequences').selectAll().execute()).toEqual([]);
    await updateOrg(deps, factoryActor, await sponsorOrgId(), { creditCode });
    await publishArticle(deps, asActor(room.leader), id);
    expect(await indexNo(id)).toBe(`${creditCode}/2026-00001`);
  });

  it('gives concurrent publications different numbers, none skipped', async () => {
    const waiting = [];
    for (let i = 0; i < 8; i++) waiting.push(await awaitingSignOff(`同时签发的文件${i}`));
    await Promise.all(
      waiting.map(({ id, revisionId }) => approveArticle(deps, asActor(room.leader), id, { revisionId, opinion: '同意', publish: 'now' })),
    );
    const numbers = await Promise.all(waiting.map(({ id }) => indexNo(id)));
    expect(new Set(numbers).size).toBe(8);
    expect(numbers.map((n) => n!.slice(-5)).sort()).toEqual(['00001', '00002', '00003', '00004', '00005', '00006', '00007', '00008']);
  });
});
