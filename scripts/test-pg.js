#!/usr/bin/env node
// Runs the whole suite on PostgreSQL, in a fresh database created for this run and dropped
// afterwards. The server is PG_ADMIN_URL (default: the local server's "test" database).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';

const adminUrl = process.env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const name = `gk_run_${randomBytes(5).toString('hex')}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
console.log(`PostgreSQL suite in fresh database ${name}`);
const r = spawnSync(process.execPath, [path.join(import.meta.dirname, 'test.js'), ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, DATABASE_URL: url.toString() },
});
await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
await admin.end();
process.exit(r.status ?? 1);
