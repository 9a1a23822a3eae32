import { describe, expect, it } from 'vitest';
import { CreateOrgSchema } from '../../../common/schemas/accounts.ts';
import { CreateSiteSchema } from '../../../common/schemas/sites.ts';
import { ApiError, NETWORK_ERROR_CODE, NETWORK_ERROR_MESSAGE } from '../api/client.ts';
import {
  applyFieldErrors,
  KEPT_INPUT_HINT,
  serverFieldsToFieldErrors,
  submitErrorDisplay,
  validateBody,
  type FieldPath,
} from './formErrors.ts';

const SHOWN = ['code', 'name', 'kind', 'hosting', 'sponsorOrgId', 'domains', 'contact.email', 'contact.phone'];

describe('client validation with the shared schema', () => {
  it('places zod issues on the fields, nested and array ones included', () => {
    const r = validateBody(
      CreateSiteSchema,
      {
        name: '',
        kind: 'portal',
        hosting: 'hosted',
        sponsorOrgId: 'o1',
        code: '12',
        domains: ['ok.gov.cn', 'bad domain'],
        contact: { email: 'x' },
      },
      SHOWN,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byName = Object.fromEntries(r.fields.map((f) => [f.name.join('.'), f.errors]));
    expect(byName).toEqual({
      name: ['不能为空'],
      code: ['网站标识码应为 10 位数字，或 bm 加 8 位数字'],
      domains: ['域名格式不正确'],
      'contact.email': ['电子邮箱格式不正确'],
    });
    expect(r.other).toEqual([]);
  });

  it('returns the parsed (normalised) body when valid', () => {
    const r = validateBody(
      CreateSiteSchema,
      { name: ' 市政府 ', kind: 'portal', hosting: 'hosted', sponsorOrgId: 'o1', domains: ['WWW.X.GOV.CN'] },
      SHOWN,
    );
    expect(r).toEqual({
      ok: true,
      data: { name: '市政府', kind: 'portal', hosting: 'hosted', sponsorOrgId: 'o1', domains: ['www.x.gov.cn'] },
    });
  });

  it('uses the Chinese zod locale for messages the schema does not set', () => {
    const r = validateBody(CreateOrgSchema, { name: '教育局', level: 'department', sortOrder: -1 }, ['name', 'sortOrder']);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.fields[0]?.errors[0]).toMatch(/^[^a-zA-Z]*[\u4e00-\u9fa5]/);
  });

  it('reports stray keys outside the shown fields', () => {
    const r = validateBody(CreateSiteSchema, { name: 'x', kind: 'portal', hosting: 'hosted', sponsorOrgId: 'o1', extra: 1 }, SHOWN);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.other).toEqual(['不允许的字段']);
  });
});

describe('extra checks and applying errors', () => {
  it('reports extra problems together with the schema issues', () => {
    const r = validateBody(
      CreateSiteSchema,
      { name: '', kind: 'portal', hosting: 'external', sponsorOrgId: 'o1' },
      [...SHOWN, 'baseUrl'],
      [{ field: 'baseUrl', message: '外部网站须填写网址，以便监测' }],
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.fields.map((f) => f.name.join('.'))).toEqual(['name', 'baseUrl']);
  });

  it('clears stale errors and focuses the first field in form order', () => {
    const calls: { set: { name: FieldPath; errors: string[] }[][]; focus: FieldPath[] } = { set: [], focus: [] };
    applyFieldErrors<unknown>(
      {
        setFields: (f) => calls.set.push(f as { name: FieldPath; errors: string[] }[]),
        scrollToField: (n) => calls.focus.push(n as FieldPath),
      },
      [
        { name: ['contact', 'email'], errors: ['电子邮箱格式不正确'] },
        { name: ['name'], errors: ['不能为空'] },
      ],
      ['name', 'code', 'contact.email'],
    );
    expect(calls.set[0]).toEqual([
      { name: ['code'], errors: [] },
      { name: ['contact', 'email'], errors: ['电子邮箱格式不正确'] },
      { name: ['name'], errors: ['不能为空'] },
    ]);
    expect(calls.focus).toEqual([['name']]);
  });

  it('addresses list rows by numeric index, as antd Form.List names them', () => {
    const calls = { set: [] as { name: FieldPath; errors: string[] }[][], focus: [] as FieldPath[] };
    applyFieldErrors<unknown>(
      {
        setFields: (f) => calls.set.push(f as { name: FieldPath; errors: string[] }[]),
        scrollToField: (n) => calls.focus.push(n as FieldPath),
      },
      [{ name: ['stages', '1', 'key'], errors: ['标识重复'] }],
      ['stages.0.key', 'stages.1.key'],
    );
    expect(calls.set[0]).toEqual([
      { name: ['stages', 0, 'key'], errors: [] },
      { name: ['stages', 1, 'key'], errors: ['标识重复'] },
    ]);
    expect(calls.focus).toEqual([['stages', 1, 'key']]);
  });
});

describe('server errors', () => {
  it('maps dotted server fields and keeps unknown ones for the Alert', () => {
    expect(
      serverFieldsToFieldErrors(
        [
          { field: 'contact.phone', message: '电话号码格式不正确' },
          { field: 'status', message: '不可用' },
        ],
        SHOWN,
      ),
    ).toEqual({ fields: [{ name: ['contact', 'phone'], errors: ['电话号码格式不正确'] }], other: ['不可用'] });
  });

  it('shows site-rule violations next to the fields and as an Alert', () => {
    const e = new ApiError(409, 'GK_ERR_SITE_RULE', '门户网站只能由市、县（区）人民政府开设', [
      { field: 'kind', message: '门户网站只能由市、县（区）人民政府开设' },
    ]);
    expect(submitErrorDisplay(e, SHOWN)).toEqual({
      fields: [{ name: ['kind'], errors: ['门户网站只能由市、县（区）人民政府开设'] }],
      other: [],
      alert: '门户网站只能由市、县（区）人民政府开设',
    });
  });

  it('says the input is kept when the connection or the server fails', () => {
    const lost = submitErrorDisplay(new ApiError(0, NETWORK_ERROR_CODE, NETWORK_ERROR_MESSAGE), SHOWN);
    expect(lost.alert).toBe(`${NETWORK_ERROR_MESSAGE}。${KEPT_INPUT_HINT}`);
    expect(submitErrorDisplay(new ApiError(500, 'GK_ERR_INTERNAL', '服务器内部错误。'), SHOWN).alert).toBe(
      `服务器内部错误。${KEPT_INPUT_HINT}`,
    );
    expect(submitErrorDisplay(new Error('boom'), SHOWN).alert).toContain(KEPT_INPUT_HINT);
  });

  it('puts plain field errors only next to their fields', () => {
    const e = new ApiError(409, 'GK_ERR_CONFLICT', '用户名已存在', [{ field: 'name', message: '用户名已存在' }]);
    expect(submitErrorDisplay(e, SHOWN).alert).toBeNull();
  });
});
