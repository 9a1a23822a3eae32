/**
 * The load generator of the letters benchmark, in its own process so that it does not share the
 * server's event loop: autocannon posts the prepared forms in order, at a fixed overall rate (or
 * as fast as it can), one client address per form, and waits for every answer. It prints one
 * JSON line: answers by status, the form numbers answered 201, the achieved rate and latencies.
 *
 *   tsx bench/support/post-forms.ts <url> <forms.json> <rate or 0> <connections>
 */
import fs from 'node:fs';
import autocannon, { type Request } from 'autocannon';

interface Form {
  n: number;
  ip: string;
  body: string;
}

const [url, file, rateArg, connArg] = process.argv.slice(2) as [string, string, string, string];
const forms = JSON.parse(fs.readFileSync(file, 'utf8')) as Form[];
const rate = Number(rateArg);
let next = 0;
const byStatus: Record<string, number> = {};
const accepted: number[] = [];

const started = Date.now();
const result = await autocannon({
  url,
  connections: Number(connArg),
  amount: forms.length,
  ...(rate > 0 ? { overallRate: rate } : {}),
  timeout: 30,
  requests: [
    {
      method: 'POST',
      setupRequest: ((req: Request, context: Record<string, unknown>): Request => {
        const form = forms[next++ % forms.length]!;
        context.n = form.n;
        return {
          ...req,
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': form.ip },
          body: form.body,
        };
      }) as (req: Request, context: object) => Request,
      onResponse: ((status: number, _body: string, context: Record<string, unknown>): void => {
        byStatus[status] = (byStatus[status] ?? 0) + 1;
        if (status === 201) accepted.push(context.n as number);
      }) as (status: number, body: string, context: object) => void,
    },
  ],
});
const seconds = (Date.now() - started) / 1000;
process.stdout.write(
  `${JSON.stringify({
    sent: forms.length,
    seconds,
    rps: forms.length / seconds,
    byStatus,
    accepted,
    errors: result.errors,
    timeouts: result.timeouts,
    p50: result.latency.p50,
    p99: result.latency.p99,
  })}\n`,
);
