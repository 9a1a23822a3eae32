import { describe, expect, it } from 'vitest';
import { CreateColumnSchema } from '../../../../common/schemas/sites.ts';
import type { Column } from '../../api/sites.ts';
import { changedFields } from '../../lib/changes.ts';
import { COLUMN_FIELDS, columnAsBody, columnBody, columnFormProblems, columnFormValues, freshnessText } from './columnForm.ts';

const column: Column = {
  id: 'c1',
  siteId: 's1',
  parentId: null,
  name: '工作动态',
  slug: 'news',
  sortOrder: 10,
  freshnessClass: 'news',
  freshnessDays: 14,
  ownerOrgId: null,
  accepts: null,
  catalogueCategory: null,
  status: 'active',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

describe('column form', () => {
  it('does not send the derived days of a fixed class', () => {
    expect(columnBody(columnFormValues(column))).toMatchObject({ freshnessClass: 'news', freshnessDays: null });
    expect(changedFields(columnAsBody(column), columnBody(columnFormValues(column)), COLUMN_FIELDS)).toEqual({});
  });

  it('keeps days for the custom class and asks for them', () => {
    const body = columnBody({ ...columnFormValues(column), freshnessClass: 'custom', freshnessDays: 30 });
    expect(body).toMatchObject({ freshnessClass: 'custom', freshnessDays: 30 });
    expect(CreateColumnSchema.safeParse(body).success).toBe(true);
    expect(columnFormProblems(columnBody({ ...columnFormValues(column), freshnessClass: 'custom' }))).toEqual([
      { field: 'freshnessDays', message: '自定义更新要求须填写天数' },
    ]);
  });

  it('maps the column onto a catalogue category, or takes it out with null', () => {
    const mapped = columnBody({ ...columnFormValues(column), catalogueCategory: 'art20.1' });
    expect(mapped).toMatchObject({ catalogueCategory: 'art20.1' });
    expect(CreateColumnSchema.safeParse(mapped).success).toBe(true);
    expect(changedFields(columnAsBody(column), mapped, COLUMN_FIELDS)).toEqual({ catalogueCategory: 'art20.1' });
    expect(CreateColumnSchema.safeParse({ ...mapped, catalogueCategory: 'art20.99' }).success).toBe(false);
    expect(columnBody({ ...columnFormValues(column), catalogueCategory: undefined })).toMatchObject({ catalogueCategory: null });
  });

  it('describes the freshness requirement', () => {
    expect(freshnessText(column)).toBe('14 天内须更新');
    expect(freshnessText({ freshnessClass: 'none', freshnessDays: null })).toBe('不考核更新');
  });
});
