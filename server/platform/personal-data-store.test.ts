import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asActor, buildNewsroom, buildUser } from '#test/factories.ts';
import { createTestDeps, type TestDeps } from '#test/support.ts';
import { keysReencrypt, keysRetire, keysRotate, keysStatus } from '#server/cli/keys.ts';
import { jobRegistry } from '#server/composition.ts';
import { getRequest, registerRequest } from '#server/disclosure/index.ts';
import { systemActor, type Actor } from './actor.ts';
import { dataKeyFile, dataKeyring } from './data-keys.ts';
import { isAppError } from './errors.ts';
import { drainJobs } from './jobs/index.ts';
import { blindIndex, decryptPersonal, encryptPersonal, generateDataKey, parseDataKeys } from './personal-data.ts';
import { ENCRYPTED_TABLES, personalDataUsage, reencryptPersonalData } from './personal-data-store.ts';

let deps: TestDeps;
let room: Awaited<ReturnType<typeof buildNewsroom>>;
let officer: Actor;
let channelId: string;
let surveyId: string;
const operator = systemActor('cli:test');
const NOW = '2026-02-13T02:00:00.000Z';

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

interface Writer {
  name: string;
  phone: string;
  email?: string;
}

/** A letter's writer as tokens under the current key (or made earlier and kept, to be stored later). */
const letterTokens = (n: number, email = true) => {
  const ring = dataKeyring(deps.config);
  const w: Writer = { name: `李四${n}`, phone: `1390000${String(n).padStart(4, '0')}`, ...(email ? { email: `li${n}@example.cn` } : {}) };
  return {
    writer_name: encryptPersonal(ring, w.name),
    writer_phone: encryptPersonal(ring, w.phone),
    writer_phone_blind: blindIndex(ring, w.phone, 'letter-phone'),
    writer_email: w.email === undefined ? null : encryptPersonal(ring, w.email),
  };
};

/** A letter inserted as the interaction room would store it, with the given writer tokens. */
async function insertLetter(n: number, tokens: ReturnType<typeof letterTokens>): Promise<string> {
  const id = randomUUID();
  await deps.db.kysely
    .insertInto('letters')
    .values({
      id,
      tracking_no: `XJ20260213${String(n).padStart(4, '0')}`,
      query_code_hash: 'x'.repeat(64),
      site_id: room.site.id,
      channel_id: channelId,
      handling_org_id: room.site.sponsorOrgId,
      pending_org_id: null,
      state: 'received',
      category: '城乡建设',
      title: `关于小区停车难的问题（${n}）`,
      content: '小区周边停车位不足，希望增设停车位。',
      ...tokens,
      consent_publish: 1,
      attachments: '[]',
      received_on: '2026-02-13',
      due_on: '2026-02-27',
      reply_days: 5,
      duplicate_of: null,
      reply: null,
      reply_org_id: null,
      replied_on: null,
      published_at: null,
      public_title: null,
      public_content: null,
      public_reply: null,
      rating: null,
      rating_comment: null,
      rated_at: null,
      closed_on: null,
      warned_level: null,
      idempotency_key: null,
      submitted_at: NOW,
      updated_at: NOW,
    })
    .execute();
  return id;
}

/** A file sent with a letter, its name and bytes encrypted under the current key as the interaction room stores them. */
async function insertAttachment(letterId: string, seq: number): Promise<string> {
  const ring = dataKeyring(deps.config);
  const id = randomUUID();
  const bytes = Buffer.from(`%PDF-1.4 身份证扫描件 ${seq}`);
  await deps.db.kysely
    .insertInto('letter_attachments')
    .values({
      id,
      letter_id: letterId,
      seq,
      name: encryptPersonal(ring, `身份证${seq}.pdf`),
      mime: 'application/pdf',
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      data: encryptPersonal(ring, bytes.toString('base64')),
      created_at: NOW,
    })
    .execute();
  return id;
}

/** A survey opinion with an optional name and phone, encrypted under the current key. */
async function insertOpinion(writer: { name?: string; phone?: string }): Promise<string> {
  const ring = dataKeyring(deps.config);
  const id = randomUUID();
  await deps.db.kysely
    .insertInto('survey_opinions')
    .values({
      id,
      survey_id: surveyId,
      content: '建议在老城区增设口袋公园。',
      writer_name: writer.name === undefined ? null : encryptPersonal(ring, writer.name),
      writer_phone: writer.phone === undefined ? null : encryptPersonal(ring, writer.phone),
      idempotency_key: null,
      submitted_at: NOW,
    })
    .execute();
  return id;
}

/** A channel and a survey for letters and opinions to belong to. */
async function interactionRoom(): Promise<void> {
  channelId = randomUUID();
  surveyId = randomUUID();
  await deps.db.kysely
    .insertInto('interaction_channels')
    .values({
      id: channelId,
      site_id: room.site.id,
      kind: 'leaderMailbox',
      name: '局长信箱',
      handling_org_id: room.site.sponsorOrgId,
      reply_days: 10,
      publish_replies: 1,
      review_replies: 0,
      reopen_on_unsatisfied: 1,
      intro: null,
      sort_order: 1,
      enabled: 1,
      created_at: NOW,
      updated_at: NOW,
    })
    .execute();
  await deps.db.kysely
    .insertInto('surveys')
    .values({
      id: surveyId,
      site_id: room.site.id,
      title: '老城区更新方案意见征集',
      description: '欢迎提出意见和建议。',
      starts_on: '2026-02-01',
      ends_on: '2026-03-01',
      opened_at: NOW,
      result: null,
      result_published_at: null,
      created_by: room.siteAdmin.id,
      created_at: NOW,
      updated_at: NOW,
    })
    .execute();
}

/** Every stored token's key id, in every encrypted table and column. */
async function tokenKeys(): Promise<string[]> {
  const keys: string[] = [];
  for (const t of ENCRYPTED_TABLES) {
    const rows: Record<string, string | null>[] = await deps.db.kysely
      .selectFrom(t.table)
      .select([...t.columns])
      .execute();
    for (const r of rows) for (const v of Object.values(r)) if (v !== null) keys.push(v.split('.')[1]!);
  }
  return keys;
}

/** The plaintext of every letter, opinion and letter attachment, by id order. */
async function interactionPlaintext(): Promise<(string | null)[][]> {
  const ring = dataKeyring(deps.config);
  const open = (v: string | null) => (v === null ? null : decryptPersonal(ring, v));
  const letters = await deps.db.kysely
    .selectFrom('letters')
    .select(['writer_name', 'writer_phone', 'writer_email'])
    .orderBy('id')
    .execute();
  const opinions = await deps.db.kysely.selectFrom('survey_opinions').select(['writer_name', 'writer_phone']).orderBy('id').execute();
  const files = await deps.db.kysely.selectFrom('letter_attachments').select(['name', 'data']).orderBy('id').execute();
  return [...letters, ...opinions, ...files].map((r) => Object.values(r).map(open));
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
  deps = await createTestDeps({ now: NOW });
  room = await buildNewsroom(deps);
  officer = asActor(await buildUser(deps, { grants: [{ role: 'disclosureOfficer', siteId: room.site.id }], displayName: '公开专员' }));
  await interactionRoom();
});

afterEach(async () => {
  await deps.db.close();
});

describe('personal-data key rotation', () => {
  it('moves every stored token of every table to the new key on rotate and reencrypt, with the plaintext unchanged', async () => {
    const ids = await register(3);
    ids.push((await registerRequest(deps, officer, request(4, { address: undefined, email: undefined }))).id);
    await insertAttachment(await insertLetter(1, letterTokens(1)), 1);
    await insertLetter(2, letterTokens(2, false));
    await insertOpinion({ name: '王五', phone: '13700001111' });
    await insertOpinion({ phone: '13700002222' });
    await insertOpinion({});
    const before = await revealAll(ids);
    const lettersBefore = await interactionPlaintext();
    const oldKey = dataKeyring(deps.config).currentKeyId;

    const rotated = await keysRotate(deps, operator, { job: false });
    expect(rotated.previousKeyId).toBe(oldKey);
    expect(rotated.keyId).toBe('k20260213');
    expect(rotated.jobId).toBeNull();
    expect(new Set(await tokenKeys())).toEqual(new Set([oldKey]));

    const progress: number[] = [];
    const r = await keysReencrypt(deps, operator, { batchSize: 3, onProgress: (done) => progress.push(done) });
    // 4 requests (18 values) in 2 batches, 2 letters (5) in 1, 2 opinions (3) in 1, 1 attachment (2) in 1;
    // the opinion without a token is not touched.
    expect(r).toMatchObject({ keyId: rotated.keyId, rows: 9, values: 28, batches: 5, failures: [], remaining: 0, stopped: false });
    expect(progress).toEqual([3, 4, 6, 8, 9]);
    const keys = await tokenKeys();
    expect(keys).toHaveLength(28);
    expect(new Set(keys)).toEqual(new Set([rotated.keyId]));
    expect(await revealAll(ids)).toEqual(before);
    expect(await interactionPlaintext()).toEqual(lettersBefore);

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

  it('resumes in the table where it stopped, after the tables it finished', async () => {
    await register(1);
    for (let n = 1; n <= 3; n++) await insertLetter(n, letterTokens(n));
    await insertOpinion({ name: '王五', phone: '13700001111' });
    await keysRotate(deps, operator, { job: false });

    // The request in one batch, then the first two letters; stopped before the third.
    const stop = new AbortController();
    const first = await keysReencrypt(deps, operator, {
      batchSize: 2,
      signal: stop.signal,
      onProgress: (done) => done >= 3 && stop.abort(),
    });
    expect(first).toMatchObject({ rows: 3, values: 11, batches: 2, stopped: true, remaining: 2 });

    const second = await keysReencrypt(deps, operator, { batchSize: 2 });
    expect(second).toMatchObject({ rows: 2, values: 5, batches: 2, stopped: false, remaining: 0 });
    expect((await keysStatus(deps)).pendingReencryption).toBe(0);
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

  it('refuses to retire a key while only a letter still holds a token under it', async () => {
    await register(1);
    const oldKey = dataKeyring(deps.config).currentKeyId;
    // Made under the old key, stored after re-encryption: a process that had not yet seen the new key.
    const late = letterTokens(1, false);
    await keysRotate(deps, operator, { job: false });
    await keysReencrypt(deps, operator);
    const letterId = await insertLetter(1, late);

    expect(await refusal(keysRetire(deps, operator, oldKey))).toBe('GK_ERR_DATA_KEY_IN_USE');
    expect(fs.readFileSync(dataKeyFile(deps.config.dataDir), 'utf8')).toContain(`${oldKey}:`);
    const s = await keysStatus(deps);
    expect(s.keys.find((k) => k.id === oldKey)?.columns).toMatchObject({
      'disclosure_requests.phone': 0,
      'letters.writer_name': 1,
      'letters.writer_phone': 1,
      'letters.writer_email': 0,
    });
    expect(s.pendingReencryption).toBe(2);

    expect(await keysReencrypt(deps, operator)).toMatchObject({ rows: 1, values: 2, remaining: 0 });
    await keysRetire(deps, operator, oldKey);
    const row = await deps.db.kysely.selectFrom('letters').select(['writer_name']).where('id', '=', letterId).executeTakeFirstOrThrow();
    expect(decryptPersonal(dataKeyring(deps.config), row.writer_name)).toBe('李四1');
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
      'letters.writer_name': 0,
      'letters.writer_phone': 0,
      'letters.writer_email': 0,
      'survey_opinions.writer_name': 0,
      'survey_opinions.writer_phone': 0,
      'letter_attachments.name': 0,
      'letter_attachments.data': 0,
    });
  });

  it('counts letters, opinions and attachments per column, a NULL being no value (not an unknown one)', async () => {
    await insertAttachment(await insertLetter(1, letterTokens(1)), 1);
    await insertLetter(2, letterTokens(2, false));
    await insertLetter(3, letterTokens(3, false));
    await insertOpinion({ name: '王五', phone: '13700001111' });
    await insertOpinion({ phone: '13700002222' });
    await insertOpinion({});
    const keyId = dataKeyring(deps.config).currentKeyId;

    const usage = (await personalDataUsage(deps)).filter((u) => u.table !== 'disclosure_requests');
    expect(usage).toEqual([
      { table: 'letters', column: 'writer_name', total: 3, byKey: { [keyId]: 3 }, unknown: 0 },
      { table: 'letters', column: 'writer_phone', total: 3, byKey: { [keyId]: 3 }, unknown: 0 },
      { table: 'letters', column: 'writer_email', total: 1, byKey: { [keyId]: 1 }, unknown: 0 },
      { table: 'survey_opinions', column: 'writer_name', total: 1, byKey: { [keyId]: 1 }, unknown: 0 },
      { table: 'survey_opinions', column: 'writer_phone', total: 2, byKey: { [keyId]: 2 }, unknown: 0 },
      { table: 'letter_attachments', column: 'name', total: 1, byKey: { [keyId]: 1 }, unknown: 0 },
      { table: 'letter_attachments', column: 'data', total: 1, byKey: { [keyId]: 1 }, unknown: 0 },
    ]);
    expect(await keysStatus(deps)).toMatchObject({ unknown: 0, total: 12, pendingReencryption: 0 });
  });

  it('re-encrypts letter attachments a few rows per transaction, their tokens being large', async () => {
    const letterId = await insertLetter(1, letterTokens(1));
    for (let seq = 1; seq <= 9; seq++) await insertAttachment(letterId, seq);
    const before = await interactionPlaintext();
    await keysRotate(deps, operator, { job: false });
    const cap = ENCRYPTED_TABLES.find((t) => t.table === 'letter_attachments')?.maxBatchRows;
    expect(cap).toBe(8);
    // The default batch is 500 rows: the letter takes one, the 9 attachments two (8 and 1).
    expect(await keysReencrypt(deps, operator)).toMatchObject({ rows: 10, values: 21, batches: 3, failures: [], remaining: 0 });
    expect(new Set(await tokenKeys())).toEqual(new Set([dataKeyring(deps.config).currentKeyId]));
    expect(await interactionPlaintext()).toEqual(before);
  });

  it('counts a value under a key not in the ring as unknown', async () => {
    const foreign = parseDataKeys(generateDataKey('kgone'));
    await deps.db.kysely
      .insertInto('survey_opinions')
      .values({
        id: randomUUID(),
        survey_id: surveyId,
        content: '意见',
        writer_name: null,
        writer_phone: encryptPersonal(foreign, '13700003333'),
        idempotency_key: null,
        submitted_at: NOW,
      })
      .execute();
    const s = await keysStatus(deps);
    expect(s).toMatchObject({ unknown: 1, total: 1, pendingReencryption: 1 });
    const r = await reencryptPersonalData(deps, operator);
    expect(r.failures).toEqual([{ table: 'survey_opinions', rowId: expect.any(String), column: 'writer_phone', code: 'unknown_key' }]);
    expect(r).toMatchObject({ rows: 0, remaining: 1 });
  });

  it('runs the re-encryption job that rotate enqueues in the worker', async () => {
    await register(3);
    await insertLetter(1, letterTokens(1));
    await insertOpinion({ name: '王五' });
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
    expect(new Set(await tokenKeys())).toEqual(new Set([`${keyId}-2`]));
  });

  it('reports a token that fails its integrity check by table, row and column, leaves it as it is, and rewrites the rest', async () => {
    const [id] = await register(2);
    const letterId = await insertLetter(1, letterTokens(1));
    await keysRotate(deps, operator, { job: false });
    const tamper = (token: string) => `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    const row = await deps.db.kysely.selectFrom('disclosure_requests').select('phone').where('id', '=', id!).executeTakeFirstOrThrow();
    const tampered = tamper(row.phone);
    await deps.db.kysely.updateTable('disclosure_requests').set({ phone: tampered }).where('id', '=', id!).execute();
    const letter = await deps.db.kysely.selectFrom('letters').select('writer_email').where('id', '=', letterId).executeTakeFirstOrThrow();
    const tamperedEmail = tamper(letter.writer_email!);
    await deps.db.kysely.updateTable('letters').set({ writer_email: tamperedEmail }).where('id', '=', letterId).execute();

    const r = await reencryptPersonalData(deps, operator);
    expect(r.failures).toEqual([
      { table: 'disclosure_requests', rowId: id, column: 'phone', code: 'tampered' },
      { table: 'letters', rowId: letterId, column: 'writer_email', code: 'tampered' },
    ]);
    expect(r).toMatchObject({ rows: 3, values: 11, remaining: 2 });
    const after = await deps.db.kysely.selectFrom('disclosure_requests').select('phone').where('id', '=', id!).executeTakeFirstOrThrow();
    expect(after.phone).toBe(tampered);
    const letterAfter = await deps.db.kysely
      .selectFrom('letters')
      .select('writer_email')
      .where('id', '=', letterId)
      .executeTakeFirstOrThrow();
    expect(letterAfter.writer_email).toBe(tamperedEmail);
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
