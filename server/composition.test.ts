import { describe, expect, it } from 'vitest';
import { jobRegistry } from './composition.ts';
import { SCHEDULES } from './platform/jobs/index.ts';

describe('the composition root', () => {
  it('registers a job definition for every schedule', () => {
    const registry = jobRegistry();
    expect(SCHEDULES.filter((s) => !registry.get(s.job)).map((s) => s.job)).toEqual([]);
  });
});
