/**
 * Architecture rules, checked by reading the source: pure rule files do no I/O, SQL lives in
 * repositories and the platform's db/jobs code, rooms meet only at each other's index.ts,
 * and the admin imports only common/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

function files(dir: string, re: RegExp): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && e.name !== 'dist') walk(p);
      } else if (re.test(e.name)) out.push(p);
    }
  };
  walk(path.join(ROOT, dir));
  return out;
}

const rel = (p: string) => path.relative(ROOT, p).split(path.sep).join('/');
const isTest = (p: string) => /\.test\.tsx?$/.test(p);
const importsOf = (src: string) => [...src.matchAll(/^\s*(?:import|export)[^'"]*?from\s+'([^']+)'/gm)].map((m) => m[1] as string);
const serverSources = files('server', /\.ts$/).filter((f) => !isTest(f));
const ROOMS = fs
  .readdirSync(path.join(ROOT, 'server'), { withFileTypes: true })
  .filter((e) => e.isDirectory() && !['platform', 'cli'].includes(e.name))
  .map((e) => e.name);

describe('architecture conventions', () => {
  it('keeps pure rule files free of database, file system, network and clock', () => {
    const bad: string[] = [];
    for (const f of serverSources.filter(
      (f) => rel(f).includes('/rules/') || rel(f).includes('/content/checks/') || rel(f).endsWith('/chain.ts'),
    )) {
      const src = fs.readFileSync(f, 'utf8');
      for (const imp of importsOf(src)) {
        if (/^(node:fs|node:net|node:http|fs|kysely|pg|better-sqlite3)$/.test(imp) || /platform\/db\//.test(imp))
          bad.push(`${rel(f)} imports ${imp}`);
      }
      if (/\bfetch\(|new Date\(\)|Date\.now\(\)/.test(src)) bad.push(`${rel(f)} reads the network or the clock`);
    }
    expect(bad).toEqual([]);
  });

  it('writes SQL only in repositories and the platform database and jobs code', () => {
    const allowed = (r: string) =>
      r.endsWith('.repository.ts') || r.startsWith('server/platform/db/') || r.startsWith('server/platform/jobs/');
    const bad = serverSources
      .filter((f) => !allowed(rel(f)))
      .filter((f) => /\.(selectFrom|insertInto|updateTable|deleteFrom)\(|\bsql`|sql\.raw\(/.test(fs.readFileSync(f, 'utf8')))
      .map(rel);
    expect(bad).toEqual([]);
  });

  it('lets rooms use each other only through index.ts', () => {
    const bad: string[] = [];
    for (const f of serverSources) {
      const from = rel(f);
      for (const imp of importsOf(fs.readFileSync(f, 'utf8'))) {
        if (!imp.startsWith('.')) continue;
        const target = rel(path.resolve(path.dirname(f), imp));
        const room = ROOMS.find((r) => target.startsWith(`server/${r}/`));
        if (!room || from.startsWith(`server/${room}/`)) continue;
        if (from === 'server/composition.ts' || from.startsWith('server/cli/') || from.startsWith('server/demo/')) {
          if (target === `server/${room}/index.ts`) continue;
        }
        if (target !== `server/${room}/index.ts`) bad.push(`${from} reaches into ${target}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('lets the admin import only common/ and its own files', () => {
    const bad: string[] = [];
    for (const f of files('admin/src', /\.tsx?$/)) {
      for (const imp of importsOf(fs.readFileSync(f, 'utf8'))) {
        if (!imp.startsWith('.')) continue;
        const target = rel(path.resolve(path.dirname(f), imp));
        if (!target.startsWith('admin/') && !target.startsWith('common/')) bad.push(`${rel(f)} imports ${target}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('keeps common/ isomorphic: no server, node or database imports', () => {
    const bad = files('common', /\.ts$/)
      .filter((f) => !isTest(f))
      .flatMap((f) =>
        importsOf(fs.readFileSync(f, 'utf8'))
          .filter((i) => i.startsWith('node:') || i.includes('server/') || i === 'kysely')
          .map((i) => `${rel(f)} imports ${i}`),
      );
    expect(bad).toEqual([]);
  });
});
