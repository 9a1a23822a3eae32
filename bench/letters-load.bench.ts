/**
 * Letter submission under load: the public letter form's POST on the embedded server (the
 * production composition; rate limit on: 20 posts a minute per client address), driven from a
 * second process over loopback by autocannon at a fixed rate for a bounded number of requests,
 * every answer awaited. Target: the endpoint holds 500 requests/s, and no accepted letter is
 * lost: the letters in the database are exactly the forms answered 201.
 *
 * Real forms are fetched first, each with its own challenge answered the way a person would,
 * then posted once each at `RATE`/s, one client address per 20 forms (X-Forwarded-For, as
 * nginx in front sets it; trust-proxy on). Mixed in, one spamming address posts 10 % of the
 * traffic: past its 20 it is refused (429) while everyone else still gets through. Then a flood
 * phase posts every form again as fast as it can: a form sent twice is the same letter (its
 * receipt again, 200) and addresses over their limit are refused (429); nothing is stored twice.
 *
 *   npx tsx bench/letters-load.bench.ts
 *   LETTERS_BENCH_RATE=800 LETTERS_BENCH_SECONDS=20 npx tsx bench/letters-load.bench.ts
 *   DATABASE_URL=postgres://… npx tsx bench/letters-load.bench.ts     # on PostgreSQL (a scratch database)
 *
 * Last line: `letters-load rps=… target=500 ratio=… accepted=… stored=… limited=… replayed=… errors=… lost=…`.
 * Exit code 1 when the achieved rate is below the target, a letter is lost or stored unanswered,
 * anyone but the spammer is refused, or any answer is unexpected.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createOrg } from '../server/accounts/index.ts';
import { createDeps, createHttpApp } from '../server/composition.ts';
import { createChannel } from '../server/interaction/index.ts';
import { systemActor } from '../server/platform/actor.ts';
import { loadConfig } from '../server/platform/config.ts';
import { createSite } from '../server/sites/index.ts';

const RATE = Number(process.env.LETTERS_BENCH_RATE ?? 500);
const SECONDS = Number(process.env.LETTERS_BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.LETTERS_BENCH_CONNECTIONS ?? 50);
/** Per client address, the rate limit's allowance in one window. */
const PER_CLIENT = 20;
const FORMS = RATE * SECONDS;
/** Every tenth form comes from the one spamming address. */
const SPAM_EVERY = 10;
const SPAMMER = '10.99.99.99';
const TARGET = 500;
const CODE = '1100009998';
const DIGITS = '零一二三四五六七八九';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-letters-bench-'));
const config = loadConfig({
  ...process.env,
  NODE_ENV: 'production',
  GONGKAI_DATA_DIR: dataDir,
  GONGKAI_RUN_JOBS: 'false',
  GONGKAI_LOG_LEVEL: 'warn',
  GONGKAI_TRUST_PROXY: 'true',
});
const deps = await createDeps(config);
const actor = systemActor('bench');
const org = await createOrg(deps, actor, { name: `示例市人民政府办公室${Date.now()}`, level: 'city' });
const site = await createSite(deps, actor, {
  name: '示例市人民政府',
  kind: 'portal',
  hosting: 'hosted',
  status: 'active',
  code: CODE,
  domains: [`bench${Date.now()}.example.gov.cn`],
  sponsorOrgId: org.id,
});
const channel = await createChannel(deps, actor, site.id, {
  kind: 'leaderMailbox',
  name: '市长信箱',
  handlingOrgId: org.id,
  replyDays: 5,
  publishReplies: true,
  reviewReplies: true,
  reopenOnUnsatisfied: false,
  enabled: true,
});
const app = await createHttpApp(deps, { admin: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const port = (app.server.address() as { port: number }).port;
const formPath = `/sites/${CODE}/hdjl/xx/`;

/** One filled form: the challenge of a freshly served page, answered. */
async function fillForm(i: number): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}${formPath}?channel=${channel.id}`, {
    headers: { 'x-forwarded-for': `10.9.${Math.floor(i / 250)}.${i % 250}` },
  });
  const html = await res.text();
  const token = /name="challenge" value="([^"]+)"/.exec(html)?.[1];
  const q = /([零一二三四五六七八九])加([零一二三四五六七八九])等于几/.exec(html);
  if (res.status !== 200 || !token || !q) throw new Error(`form page answered ${res.status} without a challenge`);
  const answer = DIGITS.indexOf(q[1]!) + DIGITS.indexOf(q[2]!);
  return new URLSearchParams({
    channelId: channel.id,
    category: '城乡建设',
    title: `建议增设公交站（第 ${i + 1} 封）`,
    content: `人民路菜市场附近没有公交站，老人出行不便，建议在北门增设站点。编号 ${i + 1}。`,
    name: '李示例',
    phone: '13800000000',
    consentPublish: '1',
    answer: String(answer),
    challenge: token,
    website: '',
  }).toString();
}

interface Posted {
  sent: number;
  seconds: number;
  rps: number;
  byStatus: Record<string, number>;
  accepted: number[];
  errors: number;
  timeouts: number;
  p50: number;
  p99: number;
}

/** Posts the forms from a second process (bench/support/post-forms.ts); rate 0: as fast as it can. */
function post(formsFile: string, rate: number): Promise<Posted> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [
      '--import',
      'tsx',
      path.join(import.meta.dirname, 'support/post-forms.ts'),
      `http://127.0.0.1:${port}${formPath}`,
      formsFile,
      String(rate),
      String(CONNECTIONS),
    ]);
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(JSON.parse(out) as Posted) : reject(new Error(`load generator failed (${code}):\n${err}`)),
    );
  });
}

/** The form numbers of the letters stored (each form's title carries its number). */
async function storedNumbers(): Promise<number[]> {
  const rows = await deps.db.kysely.selectFrom('letters').select('title').where('site_id', '=', site.id).execute();
  return rows.map((r) => Number(/第 (\d+) 封/.exec(r.title)?.[1]));
}

const statusCount = (p: Posted, status: number) => p.byStatus[String(status)] ?? 0;

let failed: boolean | undefined;
try {
  const started = Date.now();
  const bodies: string[] = [];
  for (let i = 0; i < FORMS; i += 50)
    bodies.push(...(await Promise.all(Array.from({ length: Math.min(50, FORMS - i) }, (_, j) => fillForm(i + j)))));
  const forms = bodies.map((body, n) => ({
    n: n + 1,
    ip: n % SPAM_EVERY === SPAM_EVERY - 1 ? SPAMMER : `10.${Math.floor(n / PER_CLIENT / 250)}.${Math.floor(n / PER_CLIENT) % 250}.7`,
    body,
  }));
  const formsFile = path.join(dataDir, 'forms.json');
  fs.writeFileSync(formsFile, JSON.stringify(forms));
  // A person needs a few seconds to fill the form: the challenge refuses faster posts.
  const wait = 3_500 - (Date.now() - started);
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  console.log(
    `letters benchmark: Node ${process.version}, ${os.cpus().length} cores, ${deps.db.dialect.name}; ${FORMS} forms at ${RATE}/s over ${CONNECTIONS} connections, ${PER_CLIENT} per address (limit ${PER_CLIENT}/min), every ${SPAM_EVERY}th from one spamming address; then all again as fast as possible`,
  );
  const write = await post(formsFile, RATE);
  const flood = await post(formsFile, 0);
  const stored = new Set(await storedNumbers());
  const accepted = new Set([...write.accepted, ...flood.accepted]);
  const lost = [...accepted].filter((n) => !stored.has(n)).length;
  const unanswered = [...stored].filter((n) => !accepted.has(n)).length;
  const spamSent = forms.filter((f) => f.ip === SPAMMER).length;
  const spamAccepted = write.accepted.filter((n) => forms[n - 1]!.ip === SPAMMER).length;
  const othersRefused = write.sent - spamSent - (write.accepted.length - spamAccepted);
  const limited = statusCount(write, 429) + statusCount(flood, 429);
  // A form sent again is the same letter: its receipt is shown again (200), nothing is stored.
  const replayed = statusCount(write, 200) + statusCount(flood, 200);
  const errors = write.sent + flood.sent - accepted.size - limited - replayed + write.errors + flood.errors;
  for (const [name, r] of [
    [`write phase (${RATE}/s offered)`, write],
    ['flood phase (every form again, as fast as possible)', flood],
  ] as const)
    console.log(
      `  ${name}: ${r.sent} posts in ${r.seconds.toFixed(1)} s = ${Math.round(r.rps)}/s; answers ${JSON.stringify(r.byStatus)}; p50 ${r.p50} ms, p99 ${r.p99} ms; errors ${r.errors}, timeouts ${r.timeouts}`,
    );
  console.log(
    `  spamming address: ${spamAccepted} of ${spamSent} accepted; other addresses refused: ${othersRefused}; letters stored ${stored.size}, accepted ${accepted.size}, lost ${lost}, stored without a 201 ${unanswered}`,
  );
  const ratio = write.rps / TARGET;
  console.log(
    `letters-load rps=${Math.round(write.rps)} target=${TARGET} ratio=${ratio.toFixed(2)} accepted=${accepted.size} stored=${stored.size} limited=${limited} replayed=${replayed} errors=${errors} lost=${lost}`,
  );
  failed =
    ratio < 0.98 || lost !== 0 || unanswered !== 0 || errors !== 0 || othersRefused !== 0 || spamAccepted > PER_CLIENT || limited === 0;
} finally {
  await app.close();
  await deps.db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
if (failed) {
  console.error('letters benchmark failed: below target, a lost letter, an unexpected answer, or no rate limiting seen');
  process.exitCode = 1;
}
