/** Builds the admin SPA when its build is missing or older than its sources. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ADMIN_DIST } from '../composition.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SOURCES = ['admin/src', 'admin/index.html', 'admin/vite.config.ts', 'common', 'package-lock.json'].map((p) => path.join(ROOT, p));

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const e of fs.readdirSync(p)) max = Math.max(max, newestMtime(path.join(p, e)));
  return max;
}

export function adminBuildIsStale(): boolean {
  const built = path.join(ADMIN_DIST, 'index.html');
  if (!fs.existsSync(built)) return true;
  const builtAt = fs.statSync(built).mtimeMs;
  return SOURCES.some((s) => newestMtime(s) > builtAt);
}

/** Runs the Vite build when needed; returns whether it built. */
export function ensureAdminBuilt(log: (line: string) => void): boolean {
  if (!adminBuildIsStale()) return false;
  if (!fs.existsSync(path.join(ROOT, 'admin/src'))) return false;
  log('正在构建管理后台（admin）…');
  const r = spawnSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'admin/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: ROOT,
      stdio: 'inherit',
      // Always the production bundle, whatever the caller runs under: with NODE_ENV=test (the
      // test runs) antd's id helper answers "test-id" for every element, so labels and dialog
      // titles would point at the wrong elements in the journeys' admin.
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  if (r.status !== 0) throw new Error('管理后台构建失败（vite build）');
  return true;
}
