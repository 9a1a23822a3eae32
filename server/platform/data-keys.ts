/**
 * Where the personal-data keyring comes from: `GONGKAI_DATA_KEYS`, or else a key file made once
 * in the data folder (`keys/personal-data.keys`, readable by the owner only). Back the file up
 * with the database, apart from it: without it no ID number or phone can be read again.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './config.ts';
import { generateDataKey, parseDataKeys, type DataKeyring } from './personal-data.ts';

const rings = new Map<string, DataKeyring>();

/** The key file's path in a data folder. */
export function dataKeyFile(dataDir: string): string {
  return path.join(dataDir, 'keys', 'personal-data.keys');
}

/** The keyring of this configuration (read once per process and data folder). */
export function dataKeyring(config: Pick<Config, 'dataDir' | 'dataKeys'>): DataKeyring {
  if (config.dataKeys) return cached(`env:${config.dataKeys}`, () => parseDataKeys(config.dataKeys!));
  const file = dataKeyFile(config.dataDir);
  return cached(`file:${file}`, () => {
    if (!fs.existsSync(file)) {
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      // 'wx': two processes starting together cannot both write a key; the loser reads the winner's.
      try {
        fs.writeFileSync(file, `${generateDataKey()},${generateDataKey('index')}\n`, { flag: 'wx', mode: 0o600 });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
    }
    return parseDataKeys(fs.readFileSync(file, 'utf8').trim());
  });
}

function cached(key: string, make: () => DataKeyring): DataKeyring {
  let ring = rings.get(key);
  if (!ring) {
    ring = make();
    rings.set(key, ring);
  }
  return ring;
}
