import { describe, expect, it } from 'vitest';
import { LetterActionSchema, type LetterActionName } from '../../../../common/schemas/interaction.ts';
import { ApiError } from '../../api/client.ts';
import {
  ACTION_FORMS,
  actionBody,
  actionFailure,
  actionsForUser,
  failedFields,
  insertText,
  mergeOptions,
  panelActions,
  templateSite,
  type PanelAction,
} from './letterActions.ts';

describe('letter actions', () => {
  it('keeps the panel to the allowed steps, in working order, without the reply steps', () => {
    expect(panelActions(['submitReply', 'transfer', 'draftReply', 'accept', 'reject'])).toEqual(['accept', 'reject', 'transfer']);
    expect(panelActions([])).toEqual([]);
  });

  it('builds bodies the shared schema accepts, with only the step’s own fields', () => {
    const values = { reason: '  不属于本单位职责  ', note: '', orgId: 'org-2', intoLetterId: 'l-9' };
    const bodies: Record<PanelAction, unknown> = {
      accept: { action: 'accept' },
      reject: { action: 'reject', reason: '不属于本单位职责' },
      merge: { action: 'merge', intoLetterId: 'l-9', note: null },
      assign: { action: 'assign', orgId: 'org-2', note: null },
      transfer: { action: 'transfer', orgId: 'org-2', reason: '不属于本单位职责' },
      acceptTransfer: { action: 'acceptTransfer' },
      refuseTransfer: { action: 'refuseTransfer', reason: '不属于本单位职责' },
      approveReply: { action: 'approveReply', note: null },
      returnReply: { action: 'returnReply', reason: '不属于本单位职责' },
      close: { action: 'close', note: null },
      reopen: { action: 'reopen', reason: '不属于本单位职责' },
      unpublish: { action: 'unpublish', reason: '不属于本单位职责' },
    };
    for (const action of Object.keys(ACTION_FORMS) as PanelAction[]) {
      const body = actionBody(action, values);
      expect(body).toEqual(bodies[action]);
      expect(LetterActionSchema.safeParse(body).success).toBe(true);
    }
  });

  it('sends a missing required field as empty so the schema names it', () => {
    const body = actionBody('transfer', {});
    expect(body).toEqual({ action: 'transfer', orgId: '', reason: '' });
    const parsed = LetterActionSchema.safeParse(body);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['orgId', 'reason']));
  });

  it('leaves approving and returning replies to leaders and the rest to handlers', () => {
    const all: LetterActionName[] = ['approveReply', 'returnReply', 'close', 'draftReply'];
    expect(actionsForUser(all, ['interaction.handle'])).toEqual(['close', 'draftReply']);
    expect(actionsForUser(all, ['interaction.approveReply'])).toEqual(['approveReply', 'returnReply']);
    expect(actionsForUser(all, ['monitoring.read'])).toEqual([]);
  });

  it('offers near duplicates first, then the site’s other letters, never itself or closed-out ones', () => {
    const letter = {
      id: 'a',
      siteId: 's1',
      similar: [{ id: 'b', trackingNo: 'XJ2', title: '路灯不亮', state: 'handling' as const, similarity: 0.91 }],
    };
    const options = mergeOptions(letter, [
      { id: 'a', siteId: 's1', trackingNo: 'XJ1', title: '本信', state: 'received' },
      { id: 'b', siteId: 's1', trackingNo: 'XJ2', title: '路灯不亮', state: 'handling' },
      { id: 'c', siteId: 's1', trackingNo: 'XJ3', title: '噪音扰民', state: 'replied' },
      { id: 'd', siteId: 's1', trackingNo: 'XJ4', title: '已合并', state: 'merged' },
      { id: 'e', siteId: 's2', trackingNo: 'XJ5', title: '别的网站', state: 'handling' },
      { id: 'f', siteId: 's1', trackingNo: 'XJ6', title: '不予受理', state: 'rejected' },
    ]);
    expect(options.map((o) => o.value)).toEqual(['b', 'c']);
    expect(options[0]?.label).toBe('XJ2 路灯不亮（相似度 91%，办理中）');
    expect(options[1]?.label).toBe('XJ3 噪音扰民（已答复）');
  });

  it('inserts a template at the cursor, over a selection, or after the text', () => {
    expect(insertText('您好，。谢谢', '经核实', { start: 3, end: 3 })).toEqual({ text: '您好，经核实。谢谢', cursor: 6 });
    expect(insertText('您好，XX。', '经核实', { start: 3, end: 5 })).toEqual({ text: '您好，经核实。', cursor: 6 });
    expect(insertText('您好。  ', '模板', null)).toEqual({ text: '您好。\n\n模板', cursor: 7 });
    expect(insertText('', '模板', null)).toEqual({ text: '模板', cursor: 2 });
    expect(insertText('短', '模板', { start: 9, end: 9 })).toEqual({ text: '短\n\n模板', cursor: 5 });
  });

  it('takes templates from the header site, the letter’s site, or the first site the user handles', () => {
    expect(templateSite('h', 'l', { all: false, siteIds: ['h', 'l'] })).toBe('h');
    expect(templateSite('x', 'l', { all: false, siteIds: ['l'] })).toBe('l');
    expect(templateSite(null, 'l', { all: false, siteIds: ['m'] })).toBe('m');
    expect(templateSite(null, 'l', { all: true, siteIds: [] })).toBe('l');
    expect(templateSite(null, 'l', { all: false, siteIds: [] })).toBeNull();
  });

  it('places per-field messages from fields and details, and shows a refused state above the button', () => {
    const invalid = new ApiError(400, 'GK_ERR_VALIDATION', '请检查填写的内容', [{ field: 'reason', message: '请填写转办理由' }], {
      orgId: '请选择转办单位',
      reason: ['请填写转办理由'],
      count: 3,
    });
    expect(failedFields(invalid)).toEqual([
      { field: 'reason', message: '请填写转办理由' },
      { field: 'orgId', message: '请选择转办单位' },
    ]);
    const placed = actionFailure(invalid, ['orgId', 'reason']);
    expect(placed.fields.map((f) => [f.name.join('.'), f.errors])).toEqual([
      ['reason', ['请填写转办理由']],
      ['orgId', ['请选择转办单位']],
    ]);
    expect(placed.alert).toBeNull();

    const refused = actionFailure(new ApiError(409, 'GK_ERR_LETTER_STATE', '信件当前状态不能执行此操作'), ['reason']);
    expect(refused).toEqual({ fields: [], other: [], alert: '信件当前状态不能执行此操作' });
    expect(failedFields(new Error('x'))).toEqual([]);
  });
});
