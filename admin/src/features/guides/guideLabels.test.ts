import { describe, expect, it } from 'vitest';
import {
  completenessText,
  elementLabels,
  importOutcomeText,
  isNationalKey,
  itemFilter,
  itemIdByCode,
  listQueryFrom,
  listQueryParams,
  publicPageUrl,
  publishOutcomeText,
  stateDisplay,
  STATE_FILTER_OPTIONS,
} from './guideLabels.ts';

describe('guide labels', () => {
  it('offers every state and 有未发布的修改 in the filter', () => {
    expect(STATE_FILTER_OPTIONS.map((o) => o.label)).toEqual(['全部状态', '未发布', '已发布', '有未发布的修改', '已下线']);
    expect(stateDisplay({ state: 'published' }).label).toBe('已发布');
    expect(stateDisplay({ state: 'draft' }).color).toBeUndefined();
  });

  it('says 完整 or how many required elements are missing, and names them', () => {
    expect(completenessText([])).toBe('完整');
    expect(completenessText(['phone', 'fees'])).toBe('缺 2 项');
    expect(elementLabels(['phone', 'timeLimit'])).toEqual(['联系电话', '办理时限']);
    expect(isNationalKey('phone')).toBe(true);
    expect(isNationalKey('onlineUrl')).toBe(false);
  });

  it('sums up a publication and an import', () => {
    expect(publishOutcomeText({ published: ['a', 'b'], refused: [] })).toBe('已发布 2 个事项');
    expect(publishOutcomeText({ published: [], refused: [{ id: 'c', code: 'C', name: '丙', reason: '缺少必备要素：联系电话' }] })).toBe(
      '已发布 0 个事项，1 个事项未能发布',
    );
    expect(
      importOutcomeText({
        rows: 5,
        created: 2,
        updated: 1,
        unchanged: 0,
        incomplete: [{ line: 3, code: 'A', name: '甲', missing: ['phone'] }],
        failed: [
          { line: 4, field: '事项编码', message: '事项编码不能为空' },
          { line: 4, field: '事项名称', message: '事项名称不能为空' },
          { line: 6, field: '所属部门', message: '部门不存在' },
        ],
      }),
    ).toBe('共 5 行，新建 2 个，更新 1 个，未变化 0 个，2 行未导入，1 个事项要素不全。');
  });

  it('links a published item to its page on the site preview', () => {
    expect(publicPageUrl('330100', '/bsfw/sx/GA-001.html')).toBe('/sites/330100/bsfw/sx/GA-001.html');
    expect(publicPageUrl(null, '/bsfw/sx/GA-001.html')).toBeNull();
    expect(publicPageUrl('330100', null)).toBeNull();
  });

  it('reads the list filter from the address and writes it back without defaults', () => {
    const q = listQueryFrom(new URLSearchParams('state=changed&incomplete=true&q=GA-001&page=3&tab=reviewDue&orgId=o1&size=200'));
    expect(q).toEqual({ state: 'changed', incomplete: 'true', orgId: 'o1', q: 'GA-001', page: 3, pageSize: 200, tab: 'reviewDue' });
    expect(listQueryParams(q, 's1')).toEqual({
      siteId: 's1',
      tab: 'reviewDue',
      state: 'changed',
      incomplete: 'true',
      orgId: 'o1',
      q: 'GA-001',
      page: '3',
      size: '200',
    });
    const plain = listQueryFrom(new URLSearchParams('state=bogus&incomplete=maybe&page=-2&size=7'));
    expect(plain).toEqual({ state: '', incomplete: '', orgId: '', q: '', page: 1, pageSize: 20, tab: 'items' });
    expect(listQueryParams(plain)).toEqual({});
  });

  it('turns the list query into the API filter', () => {
    const q = listQueryFrom(new URLSearchParams('incomplete=false&q=%20GA%20'));
    expect(itemFilter(q)).toEqual({ state: undefined, incomplete: false, orgId: undefined, q: 'GA', page: 1, pageSize: 20 });
  });

  it('finds an imported item by its code', () => {
    const items = [
      { id: '1', code: 'A' },
      { id: '2', code: 'B' },
    ];
    expect(itemIdByCode(items, 'B')).toBe('2');
    expect(itemIdByCode(items, 'C')).toBeNull();
  });
});
