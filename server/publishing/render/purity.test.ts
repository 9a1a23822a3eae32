/** The renderer is pure: no file system, database, network or clock in its sources. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

describe('the renderer sources', () => {
  it('import no I/O modules and read neither the clock nor the network', () => {
    const dir = import.meta.dirname;
    const bad: string[] = [];
    for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
      const src = fs.readFileSync(path.join(dir, f), 'utf8');
      for (const m of src.matchAll(/from\s+'([^']+)'/g)) {
        const imp = m[1] as string;
        if (!imp.startsWith('.') && !imp.startsWith('#')) bad.push(`${f} imports ${imp}`);
        if (/platform\/db|\.repository/.test(imp)) bad.push(`${f} imports ${imp}`);
      }
      if (/\bfetch\(|new Date\(\)|Date\.now\(\)|process\.|Math\.random/.test(src)) bad.push(`${f} reads the clock, network or process`);
    }
    expect(bad).toEqual([]);
  });
});
