import { describe, expect, it } from 'vitest';
import { idlePhase, keepAliveIntervalMs, warningWindowMs } from './idle.ts';

const MIN = 60_000;

describe('idle clock', () => {
  it('warns one minute before a 30-minute timeout', () => {
    expect(idlePhase(0 + 28 * MIN, 0, 30 * MIN)).toEqual({ phase: 'active' });
    expect(idlePhase(29 * MIN, 0, 30 * MIN)).toEqual({ phase: 'warning', secondsLeft: 60 });
    expect(idlePhase(29 * MIN + 30_500, 0, 30 * MIN)).toEqual({ phase: 'warning', secondsLeft: 30 });
    expect(idlePhase(30 * MIN, 0, 30 * MIN)).toEqual({ phase: 'expired' });
  });

  it('counts from the latest server contact', () => {
    expect(idlePhase(40 * MIN, 15 * MIN, 30 * MIN)).toEqual({ phase: 'active' });
  });

  it('scales the warning and keep-alive for very short timeouts', () => {
    expect(warningWindowMs(MIN)).toBe(30_000);
    expect(keepAliveIntervalMs(MIN)).toBe(15_000);
    expect(warningWindowMs(30 * MIN)).toBe(MIN);
    expect(keepAliveIntervalMs(30 * MIN)).toBe(MIN);
  });
});
