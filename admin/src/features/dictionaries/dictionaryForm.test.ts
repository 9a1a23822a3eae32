import { describe, expect, it } from 'vitest';
import { DictionaryEntrySchema } from '../../../../common/schemas/content.ts';
import { dictionaryBody, scopeOptions } from './dictionaryForm.ts';

describe('dictionaryBody', () => {
  it('builds a body the shared schema accepts for each kind', () => {
    const sensitive = dictionaryBody('*', 'sensitive', { word: '某词', level: 'warning', note: ' ' });
    expect(sensitive).toEqual({ scope: '*', kind: 'sensitive', word: '某词', level: 'warning' });
    expect(DictionaryEntrySchema.safeParse(sensitive).success).toBe(true);

    const common = dictionaryBody('s1', 'commonError', { word: '截止', correct: '截至' });
    expect(DictionaryEntrySchema.safeParse(common).success).toBe(true);

    const leader = dictionaryBody('s1', 'leader', { word: '张三', title: '市长', org: ' 市政府 ' });
    expect(leader).toEqual({ scope: 's1', kind: 'leader', word: '张三', title: '市长', org: '市政府' });
    expect(DictionaryEntrySchema.safeParse(leader).success).toBe(true);
  });

  it('leaves missing required fields for the schema to report', () => {
    const r = DictionaryEntrySchema.safeParse(dictionaryBody('s1', 'commonError', { word: '截止' }));
    expect(r.success).toBe(false);
  });
});

describe('scopeOptions', () => {
  it('offers the platform scope only to platform managers', () => {
    expect(scopeOptions(true, [{ id: 's1', name: '市政府' }]).map((o) => o.value)).toEqual(['*', 's1']);
    expect(scopeOptions(false, [{ id: 's1', name: '市政府' }]).map((o) => o.value)).toEqual(['s1']);
  });
});
