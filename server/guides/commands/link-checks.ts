/**
 * The link check of service guides: every online-handling address is fetched (HEAD, then GET
 * when a server refuses HEAD; 15 s timeout; redirects followed up to 5 with loops caught), and
 * every form and sample a material offers is looked for where citizens download it — the site's
 * published copy, or the file store for items not yet published. The latest result of each link
 * is kept per item; the admin and the supervision view show the broken ones. Runs nightly
 * (guides.linkCheck) and on request for one site.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { materialFileIds } from '../../../common/service-items.ts';
import type { LinkCheckSummary } from '../../../common/schemas/guides.ts';
import { can, requirePermission } from '../../platform/access.ts';
import type { Actor } from '../../platform/actor.ts';
import type { ServiceLinkCheckTable } from '../../platform/db/schema.ts';
import type { Deps } from '../../platform/deps.ts';
import { Errors } from '../../platform/errors.ts';
import { storedFilePath } from '../../platform/stored-files.ts';
import { siteFolder } from '../../publishing/index.ts';
import { guideRefs, linkChecks, serviceItems } from '../guides.repository.ts';
import { failureText, linkWorks, retryWithGet } from '../rules/link-check.ts';
import { guideOf, publishedGuideOf } from './items.ts';
import { sharedHttpClient } from '../../platform/http-client.ts';

export const LINK_TIMEOUT_MS = 15_000;
const MAX_REDIRECTS = 5;
const PARALLEL = 4;

interface Probe {
  ok: boolean;
  status: number | null;
  error: string | null;
}

/** Fetches `url` through the monitoring room's client (redirects followed by hand, loops caught); HEAD first, GET when HEAD is refused. */
export async function probeUrl(url: string, timeoutMs = LINK_TIMEOUT_MS): Promise<Probe> {
  const attempt = async (method: 'HEAD' | 'GET'): Promise<Probe> => {
    const r = await sharedHttpClient().fetch(url, { method, body: false, timeoutMs, maxBytes: 0, maxRedirects: MAX_REDIRECTS });
    if (r.error || r.status === null) return { ok: false, status: null, error: failureText({ code: r.error ?? 'unreachable' }) };
    const ok = linkWorks(r.status);
    return { ok, status: r.status, error: ok ? null : failureText({ status: r.status }) };
  };
  const head = await attempt('HEAD');
  if (head.ok || head.status === null || !retryWithGet(head.status)) return head;
  return attempt('GET');
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
}

/**
 * Checks the links of the items of one site (or of every site): the caller's sites only, unless
 * it is the system. Returns how many links were checked and how many are broken.
 */
export async function checkServiceLinks(
  deps: Deps,
  actor: Actor,
  opts: { siteId?: string; timeoutMs?: number } = {},
): Promise<LinkCheckSummary> {
  if (opts.siteId) {
    if (!can(actor, 'guides.edit', opts.siteId) && !can(actor, 'guides.publish', opts.siteId)) throw Errors.forbidden();
  } else requirePermission(actor, 'system.jobs');
  const db = deps.db.kysely;
  const sites = new Map((await guideRefs.sites(db, opts.siteId ? [opts.siteId] : 'all')).map((s) => [s.id, s]));
  // A published item is checked as citizens see it; a draft as it stands.
  const checked = (await serviceItems.ofSites(db, [...sites.keys()]))
    .filter((r) => r.state !== 'withdrawn')
    .map((row) => {
      const published = row.state === 'published' && row.published_guide !== null;
      return { row, published, guide: published ? publishedGuideOf(row) : guideOf(row) };
    });
  const files = new Map((await guideRefs.files(db, [...new Set(checked.flatMap((c) => materialFileIds(c.guide)))])).map((f) => [f.id, f]));
  // One fetch per distinct address in a run, however many items share it.
  const probes = new Map<string, Promise<Probe>>();
  const probe = (url: string) => {
    let p = probes.get(url);
    if (!p) probes.set(url, (p = probeUrl(url, opts.timeoutMs)));
    return p;
  };
  const summary: LinkCheckSummary = { items: 0, links: 0, broken: 0 };
  const queue = [...checked];
  const work = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const { row, published, guide } = next;
      const site = sites.get(row.site_id);
      const now = deps.clock.now().toISOString();
      const results: ServiceLinkCheckTable[] = [];
      if (guide.onlineUrl) {
        const r = await probe(guide.onlineUrl);
        results.push({
          item_id: row.id,
          url: guide.onlineUrl.slice(0, 600),
          kind: 'online',
          label: '在线办理',
          ok: r.ok ? 1 : 0,
          http_status: r.status,
          error: r.error,
          checked_at: now,
        });
      }
      for (const m of guide.materials) {
        for (const [kind, id, what] of [
          ['form', m.formFileId, '空白表格'],
          ['sample', m.sampleFileId, '示范文本'],
        ] as const) {
          if (!id) continue;
          const f = files.get(id);
          const publicName = f ? `/files/${f.sha256}.${f.ext}` : `/files/${id}`;
          // Citizens download the site's published copy; a draft's file is looked for in the store.
          const where = !f
            ? null
            : published && site?.code
              ? path.join(siteFolder(deps.config.dataDir, site.code), 'files', `${f.sha256}.${f.ext}`)
              : storedFilePath(deps.config.dataDir, f.sha256);
          const ok = where !== null && (await exists(where));
          if (results.some((x) => x.url === publicName)) continue;
          results.push({
            item_id: row.id,
            url: publicName,
            kind,
            label: `${m.name}（${what}）`.slice(0, 200),
            ok: ok ? 1 : 0,
            http_status: null,
            error: ok ? null : failureText({ code: 'missingFile' }),
            checked_at: now,
          });
        }
      }
      await linkChecks.replace(db, row.id, results);
      summary.items++;
      summary.links += results.length;
      summary.broken += results.filter((x) => !x.ok).length;
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, work));
  return summary;
}
