/**
 * Availability of a site's homepage (domain-rules.md §1.2 item 2, 站点无法访问): probed at
 * least 20 times a day, a probe fails when the homepage is not open within 15 s, and a
 * cumulative failure ratio of 5 % or more over a week is a veto. The platform warns long
 * before that line (the alert ratio, 1 % by default). Pure: the probes come in as counts and
 * rows, the clock as dates.
 */
import { beijingDate, BEIJING_OFFSET_MS } from '../../../common/dates.ts';
import {
  DEFAULT_MONITORING_SETTINGS,
  type AvailabilityLevel,
  type Finding,
  type MonitoringSettings,
  type ProbeDay,
} from '../../../common/schemas/monitoring.ts';

/** The rolling window of the national rule. */
export const WINDOW_DAYS = 7;
/** Days the site health view charts. */
export const SERIES_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

/** An http(s) URL, or null for anything else. */
function webUrl(raw: string | null): URL | null {
  if (!raw) return null;
  try {
    const u = new URL(raw);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : null;
  } catch {
    return null;
  }
}

/**
 * The URL a probe opens: the site's primary domain (its first), with the scheme and path of the
 * site's declared homepage address when that is on the same host; https only when the site
 * declares it. An external site without domains is probed at its declared address. Null when
 * the site names neither.
 */
export function homepageUrl(site: { domains: readonly string[]; baseUrl: string | null }): string | null {
  const declared = webUrl(site.baseUrl);
  const primary = site.domains[0];
  if (!primary) return declared ? declared.href : null;
  let host: URL;
  try {
    host = new URL(`${declared?.protocol ?? 'http:'}//${primary}/`);
  } catch {
    return declared ? declared.href : null;
  }
  if (declared && declared.host === host.host) return declared.href;
  return host.href;
}

/** Probes and failures over the window. */
export interface WindowCounts {
  probes: number;
  failures: number;
}

/** Percent lines in hundredths of a percent, so the comparisons stay in integers. */
const basisPoints = (percent: number) => Math.round(percent * 100);
const atLeast = (c: WindowCounts, percent: number) => c.probes > 0 && c.failures * 10_000 >= basisPoints(percent) * c.probes;

/** Where the window stands: veto (line reached with enough probes), alert, or ok. */
export function availabilityLevel(c: WindowCounts, s: MonitoringSettings): AvailabilityLevel {
  if (atLeast(c, s.vetoPercent) && c.probes >= s.minProbes) return 'veto';
  if (c.failures > 0 && atLeast(c, s.alertPercent)) return 'alert';
  return 'ok';
}

/** The ratio as people read it: one decimal place, trailing zero dropped. */
export function percentText(c: WindowCounts): string {
  if (c.probes === 0) return '0%';
  return `${Math.round((c.failures * 1000) / c.probes) / 10}%`;
}

/**
 * The `site_unreachable` finding the window calls for, or null: a veto at the national line
 * once enough probes exist, a deduction-level alert from the alert line on.
 */
export function unreachableFinding(url: string, c: WindowCounts, s: MonitoringSettings): Finding | null {
  const level = availabilityLevel(c, s);
  if (level === 'ok') return null;
  const seconds = Math.round(s.probeTimeoutMs / 100) / 10;
  const counted = `近 ${WINDOW_DAYS} 天首页探测 ${c.probes} 次，${c.failures} 次未能在 ${seconds} 秒内打开（${percentText(c)}）`;
  const few = c.probes < s.minProbes && atLeast(c, s.vetoPercent);
  const detail =
    level === 'veto'
      ? `${counted}，达到单项否决线 ${s.vetoPercent}%`
      : few
        ? `${counted}，已超过否决线 ${s.vetoPercent}%；探测次数未满 ${s.minProbes} 次，暂按预警处理`
        : `${counted}，已超过预警线 ${s.alertPercent}%，达到 ${s.vetoPercent}% 将被单项否决`;
  return {
    kind: 'site_unreachable',
    severity: level === 'veto' ? 'veto' : 'deduction',
    url,
    detail,
    rule: level === 'veto' ? 'veto.site_unreachable' : 'alert.site_unreachable',
    params: {
      windowDays: WINDOW_DAYS,
      probes: c.probes,
      failures: c.failures,
      alertPercent: s.alertPercent,
      vetoPercent: s.vetoPercent,
      minProbes: s.minProbes,
      timeoutMs: s.probeTimeoutMs,
    },
  };
}

/** The Beijing dates of the `days` days ending on `today`, oldest first. */
export function lastDays(today: string, days: number): string[] {
  const end = Date.parse(`${today}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) => new Date(end - (days - 1 - i) * DAY_MS).toISOString().slice(0, 10));
}

/** The instant a Beijing date begins, as a UTC ISO string. */
export function beijingDayStart(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - BEIJING_OFFSET_MS).toISOString();
}

/** Probes per Beijing day over `dates` (every date present, zeros included). */
export function dailySeries(probes: readonly { at: string; ok: boolean; ms: number | null }[], dates: readonly string[]): ProbeDay[] {
  const days = new Map(dates.map((d) => [d, { date: d, probes: 0, failures: 0, msSum: 0, msCount: 0 }]));
  for (const p of probes) {
    const d = days.get(beijingDate(p.at));
    if (!d) continue;
    d.probes++;
    if (!p.ok) d.failures++;
    else if (p.ms !== null) {
      d.msSum += p.ms;
      d.msCount++;
    }
  }
  return [...days.values()].map((d) => ({
    date: d.date,
    probes: d.probes,
    failures: d.failures,
    avgMs: d.msCount ? Math.round(d.msSum / d.msCount) : null,
  }));
}

/** The stored setting read leniently: anything missing or out of range falls back to the default. */
export function monitoringSettingsFrom(raw: unknown): MonitoringSettings {
  const v = raw && typeof raw === 'object' ? (raw as Partial<Record<keyof MonitoringSettings, unknown>>) : {};
  const num = (x: unknown, lo: number, hi: number, fallback: number) =>
    typeof x === 'number' && Number.isFinite(x) && x >= lo && x <= hi ? x : fallback;
  const d = DEFAULT_MONITORING_SETTINGS;
  const out: MonitoringSettings = {
    probeTimeoutMs: Math.round(num(v.probeTimeoutMs, 100, 60_000, d.probeTimeoutMs)),
    alertPercent: num(v.alertPercent, 0.01, 100, d.alertPercent),
    vetoPercent: num(v.vetoPercent, 0.01, 100, d.vetoPercent),
    minProbes: Math.round(num(v.minProbes, 1, 10_000, d.minProbes)),
    probeRetentionDays: Math.round(num(v.probeRetentionDays, 100, 3_660, d.probeRetentionDays)),
  };
  if (out.alertPercent >= out.vetoPercent) return { ...out, alertPercent: d.alertPercent, vetoPercent: d.vetoPercent };
  return out;
}
