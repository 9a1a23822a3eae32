import { describe, expect, it } from 'vitest';
import { DEFAULT_MONITORING_SETTINGS } from '../../../common/schemas/monitoring.ts';
import {
  availabilityLevel,
  beijingDayStart,
  dailySeries,
  homepageUrl,
  lastDays,
  monitoringSettingsFrom,
  unreachableFinding,
} from './availability.ts';

const S = DEFAULT_MONITORING_SETTINGS;

describe('the homepage a probe opens', () => {
  it('is the primary domain, with https only when the site declares it, and the declared path on that host', () => {
    expect(homepageUrl({ domains: ['www.shili.gov.cn', 'shili.gov.cn'], baseUrl: null })).toBe('http://www.shili.gov.cn/');
    expect(homepageUrl({ domains: ['www.shili.gov.cn'], baseUrl: 'https://www.shili.gov.cn/' })).toBe('https://www.shili.gov.cn/');
    expect(homepageUrl({ domains: ['www.shili.gov.cn'], baseUrl: 'https://www.shili.gov.cn/portal/index.html' })).toBe(
      'https://www.shili.gov.cn/portal/index.html',
    );
    expect(homepageUrl({ domains: ['www.shili.gov.cn'], baseUrl: 'https://old.example.cn/x' })).toBe('https://www.shili.gov.cn/');
    expect(homepageUrl({ domains: [], baseUrl: 'http://lyj.example.test/' })).toBe('http://lyj.example.test/');
    expect(homepageUrl({ domains: ['市政府.政务'], baseUrl: null })).toMatch(/^http:\/\/xn--/);
  });

  it('is null when the site names no domain and no usable address', () => {
    expect(homepageUrl({ domains: [], baseUrl: null })).toBeNull();
    expect(homepageUrl({ domains: [], baseUrl: 'javascript:alert(1)' })).toBeNull();
    expect(homepageUrl({ domains: [], baseUrl: 'not a url' })).toBeNull();
  });
});

describe('the availability lines over the rolling week', () => {
  it('vetoes at exactly 5 % once enough probes exist, and not a probe below', () => {
    expect(availabilityLevel({ probes: 140, failures: 7 }, S)).toBe('veto');
    expect(availabilityLevel({ probes: 141, failures: 7 }, S)).toBe('alert');
    expect(availabilityLevel({ probes: 100, failures: 5 }, S)).toBe('alert'); // too few probes for the veto
  });

  it('alerts from the alert line on, long before the veto, and is ok below it or without failures', () => {
    expect(availabilityLevel({ probes: 336, failures: 4 }, S)).toBe('alert'); // 1.19 %
    expect(availabilityLevel({ probes: 336, failures: 3 }, S)).toBe('ok'); // 0.89 %
    expect(availabilityLevel({ probes: 0, failures: 0 }, S)).toBe('ok');
    expect(availabilityLevel({ probes: 10, failures: 0 }, { ...S, alertPercent: 0.01 })).toBe('ok');
  });

  it('makes the site_unreachable finding with the counts, the lines and the rule that applied', () => {
    const veto = unreachableFinding('http://x.gov.cn/', { probes: 336, failures: 20 }, S);
    expect(veto).toMatchObject({ kind: 'site_unreachable', severity: 'veto', rule: 'veto.site_unreachable', url: 'http://x.gov.cn/' });
    expect(veto?.detail).toBe('近 7 天首页探测 336 次，20 次未能在 15 秒内打开（6%），达到单项否决线 5%');
    expect(veto?.params).toMatchObject({ probes: 336, failures: 20, vetoPercent: 5, alertPercent: 1, minProbes: 140, timeoutMs: 15000 });
    const alert = unreachableFinding('http://x.gov.cn/', { probes: 336, failures: 5 }, S);
    expect(alert).toMatchObject({ severity: 'deduction', rule: 'alert.site_unreachable' });
    expect(alert?.detail).toContain('已超过预警线 1%，达到 5% 将被单项否决');
    expect(unreachableFinding('http://x.gov.cn/', { probes: 20, failures: 10 }, S)?.detail).toContain('探测次数未满 140 次');
    expect(unreachableFinding('http://x.gov.cn/', { probes: 336, failures: 0 }, S)).toBeNull();
  });
});

describe('the probe series', () => {
  it('lists every Beijing day, counts failures and averages the time of the probes that opened', () => {
    const days = lastDays('2026-11-27', 3);
    expect(days).toEqual(['2026-11-25', '2026-11-26', '2026-11-27']);
    expect(beijingDayStart('2026-11-25')).toBe('2026-11-24T16:00:00.000Z');
    const series = dailySeries(
      [
        { at: '2026-11-24T15:59:59.000Z', ok: false, ms: null }, // 11-24 in Beijing: outside
        { at: '2026-11-24T16:00:00.000Z', ok: true, ms: 100 },
        { at: '2026-11-25T03:00:00.000Z', ok: true, ms: 300 },
        { at: '2026-11-25T04:00:00.000Z', ok: false, ms: 15000 },
        { at: '2026-11-26T17:00:00.000Z', ok: false, ms: null },
      ],
      days,
    );
    expect(series).toEqual([
      { date: '2026-11-25', probes: 3, failures: 1, avgMs: 200 },
      { date: '2026-11-26', probes: 0, failures: 0, avgMs: null },
      { date: '2026-11-27', probes: 1, failures: 1, avgMs: null },
    ]);
  });
});

describe('the stored policy', () => {
  it('falls back to the defaults for anything missing, out of range or inconsistent', () => {
    expect(monitoringSettingsFrom(null)).toEqual(S);
    expect(monitoringSettingsFrom({ probeTimeoutMs: 300, minProbes: 5 })).toEqual({ ...S, probeTimeoutMs: 300, minProbes: 5 });
    expect(monitoringSettingsFrom({ probeTimeoutMs: -1, alertPercent: 'x', minProbes: 1e9 })).toEqual(S);
    expect(monitoringSettingsFrom({ alertPercent: 6, vetoPercent: 5 })).toEqual(S);
    expect(monitoringSettingsFrom({ alertPercent: 0.5, vetoPercent: 4 })).toEqual({ ...S, alertPercent: 0.5, vetoPercent: 4 });
  });
});
