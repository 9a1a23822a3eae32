#!/usr/bin/env node
// Runs the whole suite: unit and integration tests, then the browser journeys. Prints one
// closing line "tests (<db>): N passed, N failed, N skipped" and fails when anything failed
// or when no test ran at all. Extra arguments go to both vitest runs (e.g. a file filter).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const vitest = path.join(root, 'node_modules/vitest/vitest.mjs');
const outDir = path.join(root, 'test-results');
const db = process.env.DATABASE_URL ? 'postgresql' : 'sqlite';
fs.mkdirSync(outDir, { recursive: true });

function run(label, extra) {
  const out = path.join(outDir, `${label}-${db}.json`);
  fs.rmSync(out, { force: true });
  const r = spawnSync(
    process.execPath,
    [vitest, 'run', ...extra, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...process.argv.slice(2)],
    {
      cwd: root,
      stdio: 'inherit',
      env: process.env,
    },
  );
  if (!fs.existsSync(out)) return { passed: 0, failed: 1, skipped: 0, status: r.status ?? 1 };
  const j = JSON.parse(fs.readFileSync(out, 'utf8'));
  return {
    passed: j.numPassedTests,
    failed: j.numFailedTests + (j.numFailedTestSuites ?? 0),
    skipped: j.numPendingTests + j.numTodoTests,
    status: r.status ?? 1,
  };
}

const unit = run('unit', []);
const e2e = run('e2e', ['--config', 'test/e2e/vitest.config.ts']);
const passed = unit.passed + e2e.passed;
const failed = unit.failed + e2e.failed;
const skipped = unit.skipped + e2e.skipped;
console.log(`\nunit on ${db}: ${unit.passed} passed / ${unit.failed} failed / ${unit.skipped} skipped`);
console.log(`e2e on ${db}: ${e2e.passed} passed / ${e2e.failed} failed / ${e2e.skipped} skipped`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);

let code = unit.status || e2e.status ? 1 : 0;
if (failed > 0) code = 1;
if (unit.passed === 0) {
  console.error('no unit test ran');
  code = 1;
}
if (process.env.GONGKAI_E2E_REQUIRED === '1' && (e2e.passed === 0 || e2e.skipped > 0)) {
  console.error('browser journeys were required but did not all run');
  code = 1;
}
process.exit(code);
