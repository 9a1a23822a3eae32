/** The nginx configuration for the platform's sites as they are in the database now. */
import fs from 'node:fs';
import path from 'node:path';
import { systemActor } from '../../platform/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { listSites } from '../../sites/index.ts';
import { nginxAccessLogFile } from '../../traffic/index.ts';
import { retiredRedirectsForNginx } from '../commands/redirects.ts';
import { renderNginxConfig, type NginxOptions } from './nginx-config.ts';

/**
 * Renders the configuration for every site with a domain and a code, and the redirects of the
 * retired sites whose old host names point here, rooted under
 * `<dataDir>/public`, logging to `<dataDir>/logs/access/nginx.log` unless told otherwise; makes
 * the log's folder (nginx does not, and refuses to start without it).
 */
export async function platformNginxConfig(deps: Deps, opts: Omit<NginxOptions, 'publicDir'> = {}): Promise<string> {
  const sites = await listSites(deps, systemActor('nginx-config'), {});
  const accessLog = opts.accessLog ?? nginxAccessLogFile(deps.config.dataDir);
  const text = renderNginxConfig(
    sites.map((s) => ({ code: s.code, domains: s.domains, status: s.status, hosting: s.hosting })),
    { retired: await retiredRedirectsForNginx(deps), ...opts, publicDir: path.join(deps.config.dataDir, 'public'), accessLog },
  );
  fs.mkdirSync(path.dirname(accessLog), { recursive: true });
  return text;
}
