/**
 * The crawl process (started by crawl-process.ts): runs one `crawlSite` and reports pages, links,
 * progress and the summary over the IPC channel, then exits.
 */
import { crawlSite, type LinkCheck } from './crawl.ts';
import type { FromCrawl, ToCrawl } from './crawl-process.ts';

const LINK_BATCH = 256;
const controller = new AbortController();
const acks = new Map<number, () => void>();
let links: LinkCheck[] = [];
let nextId = 1;

const send = (m: FromCrawl) =>
  new Promise<void>((resolve, reject) => process.send!(m, undefined, undefined, (err) => (err ? reject(err) : resolve())));
const flushLinks = async () => {
  if (links.length === 0) return;
  const batch = links;
  links = [];
  await send({ type: 'links', links: batch });
};

async function run(start: Extract<ToCrawl, { type: 'start' }>) {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const summary = await crawlSite(
    { ...start.options, signal: controller.signal },
    {
      ...(start.want.page
        ? {
            onPage: async (page) => {
              await flushLinks();
              const id = nextId++;
              const acked = new Promise<void>((resolve) => acks.set(id, resolve));
              await send({ type: 'page', id, page });
              await acked;
            },
          }
        : {}),
      ...(start.want.link
        ? {
            onLink: (l) => {
              links.push(l);
              if (links.length >= LINK_BATCH) void flushLinks();
            },
          }
        : {}),
      ...(start.want.progress ? { onProgress: (progress) => void send({ type: 'progress', progress }) } : {}),
    },
  );
  await flushLinks();
  const crawlMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  await send({
    type: 'done',
    summary,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    crawlMs,
    cpuMs: { user: cpu.user / 1000, system: cpu.system / 1000 },
  });
}

process.on('message', (raw) => {
  const m = raw as ToCrawl;
  if (m.type === 'ack') {
    acks.get(m.id)?.();
    acks.delete(m.id);
  } else if (m.type === 'abort') {
    controller.abort(m.reason);
  } else if (m.type === 'start') {
    run(m).then(
      () => process.disconnect(),
      async (err: unknown) => {
        const e = err instanceof Error ? err : new Error(String(err));
        await send({ type: 'error', message: e.message, ...(e.stack ? { stack: e.stack } : {}) }).catch(() => undefined);
        process.disconnect();
      },
    );
  }
});
// The caller went away: nothing is left to report to.
process.on('disconnect', () => controller.abort('caller gone'));
