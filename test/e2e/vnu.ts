/**
 * The Nu HTML checker (vnu-jar) for the browser journeys: saved pages are checked in one JVM
 * run (each start costs about 2.5 s). It runs on the system Java (17 on Debian); the package's
 * own JRE download is turned off in package.json's allowScripts.
 */
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export const JAVA = process.env.JAVA ?? 'java';
export const VNU_JAR = path.join(path.dirname(createRequire(import.meta.url).resolve('vnu-jar/package.json')), 'build/dist/vnu.jar');

/** Why the checker cannot run here, or null when it can. */
function unavailableReason(): string | null {
  if (!fs.existsSync(VNU_JAR)) return `${VNU_JAR} is missing (npm ci installs the vnu-jar package)`;
  const java = spawnSync(JAVA, ['-version'], { encoding: 'utf8' });
  if (java.error || java.status !== 0)
    return `no Java runtime ("${JAVA} -version" failed; install the Debian package "default-jre-headless"; .ci/run does)`;
  return null;
}

const reason = unavailableReason();
export const vnuAvailable = reason === null;
if (reason !== null) {
  const msg = `HTML validation skipped: ${reason}`;
  // CI requires the browser journeys, and with them this check: missing Java is a failure there.
  if (process.env.GONGKAI_E2E_REQUIRED === '1') throw new Error(msg.replace('skipped', 'required but cannot run'));
  console.warn(msg);
}

export interface VnuMessage {
  type: string;
  subType?: string;
  url?: string;
  lastLine?: number;
  lastColumn?: number;
  message: string;
  extract?: string;
}

/** Runs vnu once over `files` and returns its error messages (warnings are not asked for). */
export async function vnuErrors(files: readonly string[]): Promise<VnuMessage[]> {
  if (files.length === 0) throw new Error('no files to check');
  const { stdout, stderr, code } = await new Promise<{ stdout: string; stderr: string; code: number }>((resolve, reject) => {
    execFile(
      JAVA,
      ['-jar', VNU_JAR, '--errors-only', '--format', 'json', ...files],
      { maxBuffer: 64 * 1024 * 1024, timeout: 120_000 },
      (error, out, err) => {
        // vnu exits with 1 when it found errors: that is an answer, not a failure to run.
        if (error && typeof error.code !== 'number') reject(error);
        else resolve({ stdout: out, stderr: err, code: typeof error?.code === 'number' ? error.code : 0 });
      },
    );
  });
  // The JSON report goes to stderr.
  const report = (stderr.trim() || stdout.trim()) as string;
  let parsed: { messages?: VnuMessage[] };
  try {
    parsed = JSON.parse(report) as { messages?: VnuMessage[] };
  } catch {
    throw new Error(`vnu exited with ${code} without a JSON report:\n${stdout}\n${stderr}`);
  }
  const messages = parsed.messages ?? [];
  if (code !== 0 && messages.length === 0) throw new Error(`vnu exited with ${code} and reported nothing:\n${report}`);
  return messages.filter((m) => m.type !== 'info');
}

/** One line per message: file, line, message and the offending extract. */
export function formatVnu(messages: readonly VnuMessage[]): string[] {
  return messages.map((m) => {
    const file = m.url ? path.basename(decodeURIComponent(m.url.replace(/^file:/, ''))) : '?';
    const where = m.lastLine !== undefined ? `:${m.lastLine}${m.lastColumn !== undefined ? `:${m.lastColumn}` : ''}` : '';
    return `${file}${where} ${m.type}: ${m.message}${m.extract ? ` — ${m.extract.replace(/\s+/g, ' ').trim()}` : ''}`;
  });
}
