import { describe, expect, it } from 'vitest';
import { changedFields, differs } from './changes.ts';

describe('changed fields', () => {
  it('compares nested values by content', () => {
    expect(differs({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(false);
    expect(differs(['x'], ['x', 'y'])).toBe(true);
    expect(differs(null, undefined)).toBe(false);
  });

  it('keeps only changed keys among those allowed', () => {
    const before = { name: '市教育局', code: null, contact: { phone: '1' }, status: 'active' };
    const next = { name: '市教育局', code: '1234567890', contact: { phone: '2' }, status: 'closed' };
    expect(changedFields(before, next, ['name', 'code', 'contact'])).toEqual({ code: '1234567890', contact: { phone: '2' } });
  });
});
