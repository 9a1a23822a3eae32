/**
 * Judging a retired site's old URL after the switch (`redirect_broken`): it must answer a
 * permanent redirect to the location the platform recorded, and that location must open. Pure.
 */
import type { Finding } from '../../../common/schemas/monitoring.ts';

export interface RedirectObservation {
  /** The old URL asked for. */
  oldUrl: string;
  /** Where the platform says it leads. */
  expected: string;
  /** The first answer: status, or null with an error. */
  status: number | null;
  error: string | null;
  /** Its Location, resolved against the old URL. */
  location: string | null;
  /** The answer of the location, when it was asked for. */
  targetStatus: number | null;
  targetError: string | null;
}

const PERMANENT = new Set([301, 308]);

/** The finding for an old URL that does not lead where it should, or null when it does. */
export function redirectFinding(o: RedirectObservation): Finding | null {
  const base = {
    kind: 'redirect_broken' as const,
    severity: 'info' as const,
    url: o.oldUrl,
    rule: 'consolidation.redirect',
    params: { expected: o.expected },
  };
  if (o.status === null) return { ...base, detail: `旧网址无法访问（${o.error ?? '无法连接'}），应跳转至 ${o.expected}` };
  if (!PERMANENT.has(o.status) || !o.location)
    return { ...base, status: o.status, detail: `旧网址未永久跳转（状态 ${o.status}），应跳转至 ${o.expected}` };
  if (o.location !== o.expected) return { ...base, status: o.status, detail: `旧网址跳转至 ${o.location}，应跳转至 ${o.expected}` };
  if (o.targetStatus === null) return { ...base, detail: `跳转目标无法打开（${o.targetError ?? '无法连接'}）：${o.expected}` };
  if (o.targetStatus < 200 || o.targetStatus >= 300)
    return { ...base, status: o.targetStatus, detail: `跳转目标打不开（状态 ${o.targetStatus}）：${o.expected}` };
  return null;
}
