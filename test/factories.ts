/**
 * Factories: build orgs, users, sites and columns through the real commands (so test data
 * obeys the same rules as real data), acting as a system actor.
 */
import { randomBytes } from 'node:crypto';
import type { CreateOrgInput, CreateUserInput } from '#common/schemas/accounts.ts';
import type { CreateColumnInput, CreateSiteInput, UpdateSiteInput } from '#common/schemas/sites.ts';
import type { RoleCode } from '#common/roles.ts';
import { creditCodeCheckChar } from '#common/codes.ts';
import { createOrg, createUser, grantRole } from '#server/accounts/index.ts';
import { approveArticle, createArticle, getArticle, submitArticle } from '#server/content/index.ts';
import { systemActor, type Actor } from '#server/platform/actor.ts';
import type { Deps } from '#server/platform/deps.ts';
import { createColumn, createSite, getLifecycle, takeLifecycleStep, updateSite } from '#server/sites/index.ts';

export const factoryActor = systemActor('test-factory');
const uniq = () => randomBytes(4).toString('hex');

export const TEST_PASSWORD = 'Zhengwu#2026';

/** A valid, unique 统一社会信用代码 (orgs need one for their articles' 索引号). */
export function testCreditCode(): string {
  const body = `11510400MB${String(parseInt(randomBytes(4).toString('hex'), 16) % 10_000_000).padStart(7, '0')}`;
  return body + (creditCodeCheckChar(body) ?? '0');
}

export function buildOrg(deps: Deps, over: Partial<CreateOrgInput> = {}) {
  return createOrg(deps, factoryActor, { name: `测试单位${uniq()}`, level: 'city', creditCode: testCreditCode(), ...over });
}

/** A user whose password is TEST_PASSWORD and already current (no forced change), with the given grants. */
export async function buildUser(
  deps: Deps,
  opts: Partial<CreateUserInput> & { grants?: { role: RoleCode; siteId?: string | null }[]; mustChangePassword?: boolean } = {},
) {
  const { grants = [], mustChangePassword = false, ...input } = opts;
  const { user } = await createUser(
    deps,
    factoryActor,
    { username: `u${uniq()}`, displayName: '测试用户', ...input },
    { password: TEST_PASSWORD },
  );
  if (!mustChangePassword) await deps.db.kysely.updateTable('users').set({ must_change_password: 0 }).where('id', '=', user.id).execute();
  const granted = [];
  for (const g of grants) granted.push(await grantRole(deps, factoryActor, user.id, g));
  return { ...user, grants: granted };
}

/** The actor a command sees when this user acts (as the HTTP layer would build it). */
export function asActor(user: { id: string; username: string; displayName?: string; grants: { role: string; scope: string }[] }): Actor {
  return {
    type: 'user',
    id: user.id,
    name: user.username,
    ...(user.displayName ? { displayName: user.displayName } : {}),
    grants: user.grants.map((g) => ({ role: g.role, scope: g.scope })),
    origin: { requestId: null, ip: '127.0.0.1' },
  };
}

/**
 * A department site with news and policy columns and its staff: two editors (one writes, the
 * other does 初审), a section reviewer (审核), a leader (审签) and a site admin.
 */
export async function buildNewsroom(deps: Deps) {
  const site = await buildSite(deps);
  const news = await buildColumn(deps, site.id, { name: '工作动态', slug: 'gzdt', freshnessClass: 'news' });
  const policy = await buildColumn(deps, site.id, { name: '政策文件', slug: 'zcwj', freshnessClass: 'policy' });
  const on = (role: RoleCode) => ({ grants: [{ role, siteId: site.id }] });
  const [author, firstReviewer, sectionReviewer, leader, siteAdmin] = [
    await buildUser(deps, { ...on('editor'), displayName: '信息员' }),
    await buildUser(deps, { ...on('editor'), displayName: '初审人' }),
    await buildUser(deps, { ...on('sectionReviewer'), displayName: '科室审核人' }),
    await buildUser(deps, { ...on('leader'), displayName: '分管领导' }),
    await buildUser(deps, { ...on('siteAdmin'), displayName: '网站管理员' }),
  ];
  return { site, columns: { news, policy }, author, firstReviewer, sectionReviewer, leader, siteAdmin };
}

export async function buildSite(deps: Deps, over: Partial<CreateSiteInput> = {}) {
  const sponsorOrgId = over.sponsorOrgId ?? (await buildOrg(deps, { level: 'department' })).id;
  return createSite(deps, factoryActor, {
    name: `测试网站${uniq()}`,
    kind: 'department',
    hosting: 'hosted',
    status: 'planned',
    ...over,
    sponsorOrgId,
  });
}

/** A second system actor: lifecycle requests need an approver other than the requester. */
export const factoryApprover = systemActor('test-factory-approver');

/**
 * Takes a planned hosted site live through its lifecycle (open request, approval, identity
 * registration), after applying `identity` and any other site fields. ICP and 公安备案 numbers
 * get test values unless given.
 */
export async function activateSite(
  deps: Deps,
  siteId: string,
  identity: Omit<UpdateSiteInput, 'status'> & { code: string } = { code: '9901009999' },
) {
  const { code, icpNumber, psbNumber, domains, ...rest } = identity;
  if (Object.keys(rest).length) await updateSite(deps, factoryActor, siteId, rest);
  const seq = async () => (await getLifecycle(deps, factoryActor, siteId)).seq;
  await takeLifecycleStep(deps, factoryActor, siteId, 'requestOpen', { expectedSeq: await seq(), reason: '申请开设网站' });
  await takeLifecycleStep(deps, factoryApprover, siteId, 'approve', { expectedSeq: await seq() });
  await takeLifecycleStep(deps, factoryActor, siteId, 'goLive', {
    expectedSeq: await seq(),
    code,
    icpNumber: icpNumber ?? '示ICP备00000001号',
    psbNumber: psbNumber ?? '示公网安备00000000000001号',
    domains: domains ?? [`s${code}.example-city.gov.cn`],
  });
}

export function buildColumn(deps: Deps, siteId: string, over: Partial<CreateColumnInput> = {}) {
  return createColumn(deps, factoryActor, siteId, { name: '工作动态', slug: `c${uniq()}`, freshnessClass: 'news', ...over });
}

type Newsroom = Awaited<ReturnType<typeof buildNewsroom>>;

/** Writes an article as the newsroom's author and takes it through every review stage to publication. */
export async function publishThroughReview(deps: Deps, room: Newsroom, input: Record<string, unknown>): Promise<string> {
  const a = await createArticle(deps, asActor(room.author), {
    siteId: room.site.id,
    bodyHtml: '<p>正文。</p>',
    source: '示例市人民政府办公室',
    ...input,
  });
  await submitArticle(deps, asActor(room.author), a.id);
  for (const who of [room.firstReviewer, room.sectionReviewer, room.leader]) {
    const current = (await getArticle(deps, factoryActor, a.id)).current?.id as string;
    await approveArticle(deps, asActor(who), a.id, {
      revisionId: current,
      opinion: '同意',
      ...(who === room.leader ? { publish: 'now' } : {}),
    });
  }
  return a.id;
}
