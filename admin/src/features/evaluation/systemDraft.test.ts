import { describe, expect, it } from 'vitest';
import { NATIONAL_2019 } from '../../../../server/evaluation/rules/systems/national-2019.ts';
import { systemProblems } from '../../../../server/evaluation/rules/indicator-system.ts';
import { SaveLocalSystemSchema } from '../../../../common/schemas/evaluation.ts';
import { draftOf, groupTotal, itemsOf, saveRequestOf } from './systemDraft.ts';

describe('the indicator-system editor', () => {
  it('copies a system into a draft and back into a request the server takes unchanged', () => {
    const draft = draftOf(NATIONAL_2019, { key: 'city-quarterly', name: '某市季度考评' });
    draft.note = '初版';
    const request = saveRequestOf(draft, null, 'national-2019@1');
    expect(SaveLocalSystemSchema.parse(request)).toEqual(request);
    expect(request).toMatchObject({ key: 'city-quarterly', baseVersion: null, basedOn: 'national-2019@1' });
    const { key: _k, version: _v, ...rest } = NATIONAL_2019;
    expect(request.system).toEqual({ ...rest, name: '某市季度考评' });
    // The draft is a copy: editing it leaves the built-in system alone.
    draft.items[0]!.name = '改名';
    expect(NATIONAL_2019.items[0]!.name).not.toBe('改名');
  });

  it('leaves out the unticked items, and totals each group over the kept ones', () => {
    const draft = draftOf(NATIONAL_2019);
    expect(groupTotal(draft, 'function')).toBe(21);
    const search = draft.items.find((i) => i.code === 'd.search')!;
    search.keep = false;
    expect(groupTotal(draft, 'function')).toBe(21 - search.cap!);
    const request = saveRequestOf(draft, 1);
    expect(request.system.items.map((i) => i.code)).not.toContain('d.search');
    expect(request).not.toHaveProperty('basedOn');
    // The server then names what no longer adds up.
    expect(systemProblems({ ...request.system, key: 'x', version: 2 })).toContain(
      `一级指标“功能设计”各项上限合计 ${21 - search.cap!} 分，与其分值 21 分不符`,
    );
  });

  it('lists the veto items apart from each group’s items, with their places in the list', () => {
    const draft = draftOf(NATIONAL_2019);
    const vetoes = itemsOf(draft, null);
    expect(vetoes).toHaveLength(6);
    expect(vetoes.every(({ item, index }) => draft.items[index] === item && item.kind === 'veto')).toBe(true);
    expect(itemsOf(draft, 'publish').every(({ item }) => item.group === 'publish')).toBe(true);
  });
});
