/**
 * Where uploaded files are kept: by SHA-256 under `<dataDir>/files/`, fanned out by the first two
 * hex digits. The content room stores them; publishing links them into public sites.
 */
import path from 'node:path';

export function storedFilePath(dataDir: string, sha256: string): string {
  return path.join(dataDir, 'files', sha256.slice(0, 2), sha256);
}
