import { describe, expect, it } from 'vitest';
import { CreateOrgSchema } from '../../../common/schemas/accounts.ts';
import { ApiError, NETWORK_ERROR_CODE, NETWORK_ERROR_MESSAGE } from '../api/client.ts';
import { KEPT_INPUT_HINT, type FieldPath } from './formErrors.ts';
import { runSubmit, type SubmitView } from './submitForm.ts';

const FIELDS = ['name', 'level', 'creditCode'];

/** A view that records every call in order, as the screen would see them. */
function recorder() {
  const log: string[] = [];
  const fieldErrors: { name: FieldPath; errors: string[] }[][] = [];
  const view: SubmitView<unknown> = {
    form: {
      setFields: (f) => {
        fieldErrors.push(f as { name: FieldPath; errors: string[] }[]);
        log.push('fields');
      },
      scrollToField: (n) => log.push(`focus:${(n as FieldPath).join('.')}`),
    },
    setAlert: (t) => log.push(`alert:${t ?? '-'}`),
    setSaving: (s) => log.push(`saving:${s}`),
    setDirty: (d) => log.push(`dirty:${d}`),
    unchanged: () => log.push('unchanged'),
    succeeded: (t) => log.push(`success:${t}`),
  };
  /** The errors last shown on each field that has any. */
  const shown = () =>
    Object.fromEntries((fieldErrors.at(-1) ?? []).filter((f) => f.errors.length > 0).map((f) => [f.name.join('.'), f.errors]));
  return { view, log, shown };
}

describe('the submit sequence', () => {
  it('stops at client validation: errors on the fields, focus on the first, nothing sent', async () => {
    const r = recorder();
    let sent = false;
    const outcome = await runSubmit(r.view, FIELDS, {
      schema: CreateOrgSchema,
      body: { name: '', level: 'nowhere' },
      send: () => {
        sent = true;
        return Promise.resolve({});
      },
      onSaved: () => undefined,
    });
    expect(outcome).toBe('invalid');
    expect(sent).toBe(false);
    expect(Object.keys(r.shown())).toEqual(['name', 'level']);
    expect(r.log).toEqual(['alert:-', 'fields', 'focus:name', 'alert:-']);
  });

  it('reports extra problems with the schema issues, and messages for no shown field in the alert', async () => {
    const r = recorder();
    await runSubmit(r.view, FIELDS, {
      schema: CreateOrgSchema,
      body: { name: '教育局', level: 'department', stray: 1 },
      extra: [{ field: 'creditCode', message: '已被其他单位使用' }],
      send: () => Promise.resolve({}),
      onSaved: () => undefined,
    });
    expect(r.shown()).toEqual({ creditCode: ['已被其他单位使用'] });
    expect(r.log.at(-1)).toBe('alert:不允许的字段');
  });

  it('sends the parsed body and reports success after the form is clean', async () => {
    const r = recorder();
    let body: unknown;
    const saved: string[] = [];
    const outcome = await runSubmit(r.view, FIELDS, {
      schema: CreateOrgSchema,
      body: { name: ' 教育局 ', level: 'department' },
      send: (data) => {
        body = data;
        return Promise.resolve({ id: 'o1', name: data.name });
      },
      success: (org) => `已新建单位「${org.name}」`,
      onSaved: (org) => {
        saved.push(org.id);
        r.log.push('onSaved');
      },
    });
    expect(outcome).toBe('saved');
    expect(body).toEqual({ name: '教育局', level: 'department' });
    expect(saved).toEqual(['o1']);
    expect(r.log).toEqual(['alert:-', 'saving:true', 'dirty:false', 'success:已新建单位「教育局」', 'onSaved', 'saving:false']);
  });

  it('sends nothing when there is nothing to send', async () => {
    const r = recorder();
    const outcome = await runSubmit(r.view, FIELDS, {
      schema: CreateOrgSchema,
      body: { name: '教育局', level: 'department' },
      send: () => null,
      onSaved: () => r.log.push('onSaved'),
    });
    expect(outcome).toBe('unchanged');
    expect(r.log).toEqual(['alert:-', 'dirty:false', 'unchanged']);
  });

  it('keeps the input (and the unsaved state) when the connection fails', async () => {
    const r = recorder();
    const outcome = await runSubmit(r.view, FIELDS, {
      schema: CreateOrgSchema,
      body: { name: '教育局', level: 'department' },
      send: () => Promise.reject(new ApiError(0, NETWORK_ERROR_CODE, NETWORK_ERROR_MESSAGE)),
      success: '已保存',
      onSaved: () => r.log.push('onSaved'),
    });
    expect(outcome).toBe('failed');
    expect(r.log).not.toContain('onSaved');
    expect(r.log).not.toContain('success:已保存');
    expect(r.log).not.toContain('dirty:false');
    expect(r.log).toContain(`alert:${NETWORK_ERROR_MESSAGE}。${KEPT_INPUT_HINT}`);
    expect(r.log.at(-1)).toBe('saving:false');
  });

  it('puts the server’s field errors next to their fields', async () => {
    const r = recorder();
    await runSubmit(r.view, FIELDS, {
      schema: CreateOrgSchema,
      body: { name: '教育局', level: 'department', creditCode: null },
      send: () =>
        Promise.reject(
          new ApiError(409, 'GK_ERR_CONFLICT', '该统一社会信用代码已被其他单位使用', [
            { field: 'creditCode', message: '已被其他单位使用' },
          ]),
        ),
      onSaved: () => undefined,
    });
    expect(r.shown()).toEqual({ creditCode: ['已被其他单位使用'] });
    expect(r.log).toContain('focus:creditCode');
    // A plain field error is shown only at its field: no alert.
    expect(r.log.filter((l) => l.startsWith('alert:'))).toEqual(['alert:-', 'alert:-']);
  });
});
