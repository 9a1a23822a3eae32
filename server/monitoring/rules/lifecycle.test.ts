import { describe, expect, it } from 'vitest';
import { LIFECYCLE, moreSevere, needsVetoNotice, oneFindingPerKey, planRun, type StoredFinding } from './lifecycle.ts';

const stored = (keyHash: string, over: Partial<StoredFinding> = {}): StoredFinding => ({
  id: `id-${keyHash}`,
  keyHash,
  state: 'open',
  severity: 'deduction',
  evidenceHash: `e-${keyHash}`,
  events: 1,
  ...over,
});
const seen = (keyHash: string, severity: 'veto' | 'deduction' | 'info' = 'deduction', evidenceHash = `e-${keyHash}`) => ({
  keyHash,
  severity,
  evidenceHash,
});

describe('the lifecycle of a finding across runs', () => {
  it('is declared as a table: seen opens or keeps open, not seen resolves only what is open', () => {
    expect(LIFECYCLE.none.seen).toEqual({ to: 'open', event: 'opened' });
    expect(LIFECYCLE.open.notSeen).toEqual({ to: 'resolved', event: 'resolved' });
    expect(LIFECYCLE.resolved.seen).toEqual({ to: 'open', event: 'reopened' });
    expect(LIFECYCLE.resolved.notSeen.event).toBeNull();
  });

  it('opens new findings, touches unchanged open ones, resolves the missing and reopens the resolved', () => {
    const plan = planRun(
      [stored('a'), stored('b'), stored('c', { state: 'resolved', events: 2 }), stored('d', { state: 'resolved' })],
      [seen('a'), seen('c'), seen('n')],
    );
    expect(plan.create.map((f) => f.keyHash)).toEqual(['n']);
    expect(plan.touch.map((f) => f.keyHash)).toEqual(['a']);
    expect(plan.resolve.map((f) => f.keyHash)).toEqual(['b']);
    expect(plan.change.map((c) => [c.stored.keyHash, c.event])).toEqual([['c', 'reopened']]);
  });

  it('records a severity change as an event, and new evidence without one', () => {
    const plan = planRun([stored('a'), stored('b')], [seen('a', 'veto'), seen('b', 'deduction', 'new evidence')]);
    expect(plan.change.map((c) => [c.stored.keyHash, c.event])).toEqual([
      ['a', 'changed'],
      ['b', null],
    ]);
    expect(plan.touch).toEqual([]);
  });

  it('keeps the most severe report of a key, the first of equals', () => {
    const out = oneFindingPerKey([
      { key: 'k', severity: 'info' as const, n: 1 },
      { key: 'k', severity: 'veto' as const, n: 2 },
      { key: 'k', severity: 'veto' as const, n: 3 },
      { key: 'j', severity: 'deduction' as const, n: 4 },
    ]);
    expect(out.map((f) => f.n)).toEqual([2, 4]);
    expect(moreSevere('veto', 'deduction')).toBe(true);
    expect(moreSevere('info', 'deduction')).toBe(false);
  });

  it('tells the owner when a veto opens, reopens or an open finding is raised to veto — not when it stays one', () => {
    expect(needsVetoNotice('opened', 'veto', null)).toBe(true);
    expect(needsVetoNotice('reopened', 'veto', 'veto')).toBe(true);
    expect(needsVetoNotice('changed', 'veto', 'deduction')).toBe(true);
    expect(needsVetoNotice(null, 'veto', 'veto')).toBe(false);
    expect(needsVetoNotice('opened', 'deduction', null)).toBe(false);
    expect(needsVetoNotice('changed', 'deduction', 'veto')).toBe(false);
  });
});
