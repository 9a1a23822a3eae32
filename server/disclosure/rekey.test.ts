import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asActor, buildNewsroom, buildUser } from '#test/factories.ts';
import { createTestDeps, type TestDeps } from '#test/support.ts';
import { keysReencrypt, keysRetire, keysRotate, keysStatus } from '#server/cli/keys.ts';
import { jobRegistry } from '#server/composition.ts';
import { systemActor, type Actor } from '#server/platform/actor.ts';
import { dataKeyFile, dataKeyring } from '#server/platform/data-keys.ts';
import { isAppError } from '#server/platform/errors.ts';
import { drainJobs } from '#server/platform/jobs/index.ts';
import { blindIndex, generateDataKey } from '#server/platform/personal-data.ts';
import { getRequest, reencryptPersonalData, registerRequest } from './index.ts';

let deps: TestDeps;
let room: Awaited<ReturnType<typeof buildNewsroom>>;
let officer: Actor;
const operator = systemActor('cli:test');

const ID_NUMBER = '11010519491231002X';
const request = (n: number, over: Record<string, unknown> = {}) => ({
  siteId: room.site.id,
  applicant: {
    kind: 'person',
    name: `张三${n}`,
    idType: 'residentId',
    idNumber: ID_NUMBER,
    phone: `1381234${String(n).padStart(4, '0')}`,
    address: `示例市东区人民路 ${n} 号`,
    email: `zhang${n}@example.cn`,
    ...over,
  },
  description: `示例市东区旧城改造项目的征收补偿方案（${n}）`,
  forms: ['electronic'],
  channels: ['email'],
  receipt: { channel: 'online', submittedOn: '2026-02-13', confirmedOn: '2026-02-13' },
});

async function register(count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let n = 1; n <= count; n++) ids.push((await registerRequest(deps, officer, request(n))).id);
  return ids;
}

/** Every stored token's key id, per column. */
async function tokenKeys(): Promise<string[]> {
  const rows = await deps.db.kysely
    .selectFrom('disclosure_requests')
    .select(['applicant_name', 'id_number', 'phone', 'address', 'email'])
    .execute();
  return rows.flatMap((r) => Object.values(r).filter((v): v is string => v !== null)).map((t) => t.split('.')[1]!);
}

const revealAll = async (ids: string[]) =>
  Promise.all(ids.map(async (id) => (await getRequest(deps, officer, id, { reveal: true })).applicant));

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (isAppError(e)) return e.code;
    throw e;
  }
  throw new Error('expected a refusal');
}

beforeEach(async () => {
  deps = await createTestDeps({ now: '2026-02-13T02:00:00.000Z' });
  room = await buildNewsroom(deps);
  officer = asActor(await buildUser(deps, { grants: [{ role: 'disclosureOfficer', siteId: room.site.id }], displayName: '公开专员' }));
});

afterEach(async () => {
  await deps.db.close();
});

describe('personal-data key rotation', () => {
  it('moves every stored token to the new key on rotate and reencrypt, with the plaintext unchanged', async () => {
    const ids = await register(3);
    ids.push((await registerRequest(deps, officer, request(4, { address: undefined, email: undefined }))).id);
    const before = await revealAll(ids);
    const oldKey = dataKeyring(deps.config).currentKeyId;

    const rotated = await keysRotate(deps, operator, { job: false });
    expect(rotated.previousKeyId).toBe(oldKey);
    expect(rotated.keyId).toBe('k20260213');
    expect(rotated.jobId).toBeNull();
    expect(new Set(await tokenKeys())).toEqual(new Set([oldKey]));

    const progress: number[] = [];
    const r = await keysReencrypt(deps, operator, { batchSize: 3, onProgress: (done) => progress.push(done) });
    expect(r).toMatchObject({ keyId: rotated.keyId, rows: 4, values: 18, batches: 2, failures: [], remaining: 0, stopped: false });
    expect(progress).toEqual([3, 4]);
    const keys = await tokenKeys();
    expect(keys).toHaveLength(18);
    expect(new Set(keys)).toEqual(new Set([rotated.keyId]));
    expect(await revealAll(ids)).toEqual(before);

    // A second run finds nothing to do.
    expect(await keysReencrypt(deps, operator)).toMatchObject({ rows: 0, batches: 0, remaining: 0 });
    const audit = await deps.db.kysely
      .selectFrom('audit_events')
      .select('action')
      .where('target_type', '=', 'dataKey')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['platform.dataKey.rotate', 'disclosure.personalData.reencrypt']);
  });

  it('keeps a request registered before rotation readable and findable by ID number', async () => {
    const [first] = await register(1);
    await keysRotate(deps, operator, { job: false });
    expect((await getRequest(deps, officer, first!, { reveal: true })).applicant.idNumber).toBe(ID_NUMBER);

    const second = (await registerRequest(deps, officer, request(2))).id;
    expect((await getRequest(deps, officer, second)).sameApplicantRequests).toBe(1);
    await keysReencrypt(deps, operator);
    expect((await getRequest(deps, officer, first!)).sameApplicantRequests).toBe(1);
    expect((await getRequest(deps, officer, first!, { reveal: true })).applicant.idNumber).toBe(ID_NUMBER);
    const found = await deps.db.kysely
      .selectFrom('disclosure_requests')
      .select('id')
      .where('id_blind', '=', blindIndex(dataKeyring(deps.config), ID_NUMBER, 'applicant-id'))
      .orderBy('created_at')
      .execute();
    expect(found.map((f) => f.id).sort()).toEqual([first, second].sort());
  });

  it('resumes an interrupted re-encryption where it stopped', async () => {
    const ids = await register(5);
    const oldKey = dataKeyring(deps.config).currentKeyId;
    const { keyId } = await keysRotate(deps, operator, { job: false });

    const stop = new AbortController();
    const first = await keysReencrypt(deps, operator, { batchSize: 2, signal: stop.signal, onProgress: () => stop.abort() });
    expect(first).toMatchObject({ rows: 2, batches: 1, stopped: true, remaining: 3 });
    const midway = await keysStatus(deps);
    expect(midway.keys.find((k) => k.id === oldKey)?.values).toBe(15);
    expect(midway.pendingReencryption).toBe(15);

    const second = await keysReencrypt(deps, operator, { batchSize: 2 });
    expect(second).toMatchObject({ rows: 3, batches: 2, stopped: false, remaining: 0 });
    const after = await keysStatus(deps);
    expect(after.keys.map((k) => [k.id, k.values])).toEqual([
      [keyId, 25],
      [oldKey, 0],
    ]);
    expect(after.pendingReencryption).toBe(0);
    expect((await revealAll(ids)).map((a) => a.name)).toEqual(['张三1', '张三2', '张三3', '张三4', '张三5']);
  });

  it('refuses to retire a key while a stored value uses it, and retires it once none does', async () => {
    const [id] = await register(2);
    const oldKey = dataKeyring(deps.config).currentKeyId;
    const { keyId } = await keysRotate(deps, operator, { job: false });

    expect(await refusal(keysRetire(deps, operator, oldKey))).toBe('GK_ERR_DATA_KEY_IN_USE');
    expect(await refusal(keysRetire(deps, operator, keyId))).toBe('GK_ERR_DATA_KEY_CURRENT');
    expect(await refusal(keysRetire(deps, operator, 'index'))).toBe('GK_ERR_DATA_KEY_INDEX');
    expect(await refusal(keysRetire(deps, operator, 'knope'))).toBe('GK_ERR_DATA_KEY_UNKNOWN');
    expect(fs.readFileSync(dataKeyFile(deps.config.dataDir), 'utf8')).toContain(`${oldKey}:`);

    await keysReencrypt(deps, operator);
    const retired = await keysRetire(deps, operator, oldKey);
    expect(retired.keyIds).toEqual([keyId]);
    expect(fs.readFileSync(dataKeyFile(deps.config.dataDir), 'utf8')).not.toContain(`${oldKey}:`);
    expect(dataKeyring(deps.config).keyIds).toEqual([keyId]);
    expect((await getRequest(deps, officer, id!, { reveal: true })).applicant.name).toBe('张三1');
    expect((await keysStatus(deps)).keys).toEqual([expect.objectContaining({ id: keyId, current: true, values: 10 })]);
  });

  it('counts stored values per key and per table and column', async () => {
    await register(1);
    await registerRequest(deps, officer, request(2, { address: undefined, email: undefined }));
    const s = await keysStatus(deps);
    expect(s).toMatchObject({ source: 'file', indexKey: true, unknown: 0, total: 8, pendingReencryption: 0 });
    expect(s.keys).toHaveLength(1);
    expect(s.keys[0]!.columns).toEqual({
      'disclosure_requests.applicant_name': 2,
      'disclosure_requests.id_number': 2,
      'disclosure_requests.phone': 2,
      'disclosure_requests.address': 1,
      'disclosure_requests.email': 1,
    });
  });

  it('runs the re-encryption job that rotate enqueues in the worker', async () => {
    await register(3);
    const { jobId, keyId } = await keysRotate(deps, operator);
    expect(jobId).toBeTruthy();
    // Enqueued twice, still one job: re-encryption does all the work in one run.
    expect((await keysRotate(deps, operator)).jobId).toBe(jobId);
    expect(await drainJobs(deps, jobRegistry())).toBe(1);
    const job = await deps.db.kysely.selectFrom('jobs').select(['status', 'name']).where('id', '=', jobId!).executeTakeFirstOrThrow();
    expect(job).toEqual({ status: 'done', name: 'disclosure.reencryptPersonalData' });
    const s = await keysStatus(deps);
    expect(s.pendingReencryption).toBe(0);
    expect(s.currentKeyId).toBe(`${keyId}-2`);
  });

  it('reports a token that fails its integrity check, leaves it as it is, and rewrites the rest', async () => {
    const [id] = await register(2);
    await keysRotate(deps, operator, { job: false });
    const row = await deps.db.kysely.selectFrom('disclosure_requests').select('phone').where('id', '=', id!).executeTakeFirstOrThrow();
    const tampered = `${row.phone.slice(0, -2)}${row.phone.endsWith('AA') ? 'BB' : 'AA'}`;
    await deps.db.kysely.updateTable('disclosure_requests').set({ phone: tampered }).where('id', '=', id!).execute();

    const r = await reencryptPersonalData(deps, operator);
    expect(r.failures).toEqual([{ requestId: id, column: 'phone', code: 'tampered' }]);
    expect(r).toMatchObject({ rows: 2, values: 9, remaining: 1 });
    const after = await deps.db.kysely.selectFrom('disclosure_requests').select('phone').where('id', '=', id!).executeTakeFirstOrThrow();
    expect(after.phone).toBe(tampered);
  });

  it('is for the console and jobs only', async () => {
    expect(await refusal(reencryptPersonalData(deps, officer))).toBe('GK_ERR_FORBIDDEN');
  });

  it('refuses to rotate keys held in the environment and hands out a new entry for the variable', async () => {
    const env = await createTestDeps({ config: { GONGKAI_DATA_KEYS: `${generateDataKey('k2025')},${generateDataKey('index')}` } });
    try {
      const e = await keysRotate(env, operator).catch((err: unknown) => err);
      expect(isAppError(e) && e.code).toBe('GK_ERR_DATA_KEYS_FROM_ENV');
      const message = (e as Error).message;
      expect(message).toMatch(/GONGKAI_DATA_KEYS/);
      expect(message).toMatch(/^ {2}k\d{8}:[A-Za-z0-9+/]{22}==$/m);
      expect(message).toContain('k2025:…,index:…');
      expect(fs.existsSync(dataKeyFile(env.config.dataDir))).toBe(false);
    } finally {
      await env.db.close();
    }
  });
});
