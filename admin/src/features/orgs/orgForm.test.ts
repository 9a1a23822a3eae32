import { describe, expect, it } from 'vitest';
import { CreateOrgSchema } from '../../../../common/schemas/accounts.ts';
import type { Org } from '../../api/orgs.ts';
import { changedFields } from '../../lib/changes.ts';
import { ORG_FIELDS, orgAsBody, orgBody, orgFormValues } from './orgForm.ts';

const org: Org = {
  id: 'o1',
  name: '示例市教育局',
  parentId: 'city',
  creditCode: null,
  divisionCode: null,
  indexTemplate: null,
  level: 'department',
  sortOrder: 10,
  createdAt: '',
  updatedAt: '',
};

describe('org form', () => {
  it('round-trips an org without reporting changes', () => {
    expect(changedFields(orgAsBody(org), orgBody(orgFormValues(org)), ORG_FIELDS)).toEqual({});
  });

  it('clears blank codes and leaves the order out when empty', () => {
    const body = orgBody({ name: '新单位', level: 'department', creditCode: '  ', divisionCode: '', indexTemplate: ' ', sortOrder: null });
    expect(body).toEqual({
      name: '新单位',
      parentId: null,
      level: 'department',
      creditCode: null,
      divisionCode: null,
      indexTemplate: null,
    });
    expect(CreateOrgSchema.safeParse(body).success).toBe(true);
  });

  it('refuses an index number template the platform cannot number with, and accepts a good one', () => {
    const bad = CreateOrgSchema.safeParse(orgBody({ name: '新单位', level: 'department', indexTemplate: '{YYYY}-{creditCode}' }));
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['indexTemplate']);
    expect(
      CreateOrgSchema.safeParse(orgBody({ name: '新单位', level: 'department', indexTemplate: '{orgCode}-{YYYY}-{NNNN}' })).success,
    ).toBe(true);
  });

  it('reports a move as a parent change only', () => {
    expect(changedFields(orgAsBody(org), orgBody({ ...orgFormValues(org), parentId: null }), ORG_FIELDS)).toEqual({ parentId: null });
  });
});
