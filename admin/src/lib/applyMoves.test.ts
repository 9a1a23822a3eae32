import { describe, expect, it } from 'vitest';
import { applyMovePlan } from './applyMoves.ts';

describe('applying a move plan', () => {
  it('sends updates in order and stops at the first failure', async () => {
    const sent: string[] = [];
    const failure = new Error('refused');
    const result = await applyMovePlan(
      [
        { id: 'a', sortOrder: 10, parentId: null },
        { id: 'b', sortOrder: 20 },
        { id: 'c', sortOrder: 30 },
      ],
      (u) => {
        sent.push(u.id);
        return u.id === 'b' ? Promise.reject(failure) : Promise.resolve();
      },
    );
    expect(sent).toEqual(['a', 'b']);
    expect(result).toEqual({ ok: false, error: failure, done: 1 });
    expect(await applyMovePlan([], () => Promise.resolve())).toEqual({ ok: true });
  });
});
