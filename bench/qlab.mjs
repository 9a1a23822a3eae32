// temp lab: time a SQL shape over the 100 bench queries. usage: node qlab.mjs schema mode limit [site]
import fs from 'node:fs';
import pg from 'pg';
const [schema, mode, limitS, site] = process.argv.slice(2);
const limit = Number(limitS);
const qs = JSON.parse(fs.readFileSync('/tmp/queries.json', 'utf8'));
const c = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/test', options: `-c search_path=${schema}` });
await c.connect();
const siteF = site ? `AND site_id = '${site}'` : '';
const shapes = {
  orig: (q) => [`SELECT doc_key, ${limit > 21 ? 'ts_rank(terms, query)' : '0'} AS score FROM search_documents, plainto_tsquery('simple', $1) AS query WHERE terms @@ query ${siteF} ORDER BY doc_key DESC LIMIT ${limit}`, [q]],
};
const f = (await import(process.argv[6] ?? './qlab-shapes.mjs').catch(() => ({}))).default?.({ limit, siteF }) ?? {};
Object.assign(shapes, f);
const shape = shapes[mode];
const samples = [];
const per = [];
for (let p = 0; p <= 3; p++)
  for (const q of qs) {
    const t0 = process.hrtime.bigint();
    const s = shape(q, c); const r = typeof s.then === "function" ? await s : await c.query(s[0], s[1]);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (p > 0) { samples.push(ms); if (p === 1) per.push([ms, q, Array.isArray(r) ? r.length : r.rowCount]); }
  }
samples.sort((a, b) => a - b);
const pc = (x) => samples[Math.ceil((x / 100) * samples.length) - 1].toFixed(2);
per.sort((a, b) => b[0] - a[0]);
console.log(`${mode} limit=${limit} site=${site ?? '-'} p50=${pc(50)} p90=${pc(90)} p99=${pc(99)} max=${samples.at(-1).toFixed(1)}`);
console.log('slowest:', per.slice(0, 5).map((x) => `${x[1]}:${x[0].toFixed(1)}ms/${x[2]}`).join(' | '));
await c.end();
