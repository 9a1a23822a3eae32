/**
 * Where a site's public files live. `public/<code>` is a symbolic link to the current build
 * folder `public/.builds/<code>-<buildId>`: a full publish writes a new folder and swaps the
 * link in one rename, so visitors see the old site or the new one, never a half-written mix,
 * and a publish killed midway leaves the old site untouched (the next one cleans up).
 * Incremental publishing writes file by file into the current build through the link.
 */
import fs from 'node:fs';
import path from 'node:path';

const BUILDS = '.builds';

export function publicRoot(dataDir: string): string {
  return path.join(dataDir, 'public');
}

/** The folder the site is served from (the link), whether or not it exists. */
export function siteFolder(dataDir: string, code: string): string {
  return path.join(publicRoot(dataDir), code);
}

/** The real folder of the site's current build, or null when the site has never been published. */
export function currentBuild(dataDir: string, code: string): string | null {
  try {
    return fs.realpathSync(siteFolder(dataDir, code));
  } catch {
    return null;
  }
}

/** Creates an empty folder for a new build. */
export function newBuildFolder(dataDir: string, code: string, buildId: string): string {
  const dir = path.join(publicRoot(dataDir), BUILDS, `${code}-${buildId}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Makes `buildDir` the site's live folder (atomic rename of a link); older builds stay until removeOldBuilds. */
export function swapIn(dataDir: string, code: string, buildDir: string): void {
  const root = publicRoot(dataDir);
  const live = siteFolder(dataDir, code);
  const link = path.join(root, `.${code}.${path.basename(buildDir)}.link`);
  fs.rmSync(link, { force: true });
  fs.symlinkSync(path.relative(root, buildDir), link, 'dir');
  const st = fs.lstatSync(live, { throwIfNoEntry: false });
  // A plain folder (e.g. copied in by hand) cannot be replaced by rename: it is moved aside first.
  if (st && !st.isSymbolicLink()) fs.renameSync(live, path.join(root, BUILDS, `${code}-replaced-${Date.now()}`));
  fs.renameSync(link, live);
}

/** Deletes build folders of the site other than `keep` (left by earlier builds, finished or not). */
export async function removeOldBuilds(dataDir: string, code: string, keep: string | null): Promise<void> {
  const dir = path.join(publicRoot(dataDir), BUILDS);
  let names: string[];
  try {
    names = await fs.promises.readdir(dir);
  } catch {
    return;
  }
  const old = names.map((n) => path.join(dir, n)).filter((full) => path.basename(full).startsWith(`${code}-`) && full !== keep);
  await Promise.all(old.map((full) => fs.promises.rm(full, { recursive: true, force: true })));
}
