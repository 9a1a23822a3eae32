/** Column form values ↔ request bodies. Pure. */
import type { FieldError } from '../../api/client.ts';
import type { Column } from '../../api/sites.ts';

export interface ColumnFormValues {
  name?: string;
  slug?: string;
  parentId?: string | null;
  sortOrder?: number | null;
  freshnessClass?: string;
  freshnessDays?: number | null;
  ownerOrgId?: string | null;
  catalogueCategory?: string | null;
}

/** The form's fields, as the server names them in errors. */
export const COLUMN_FIELDS = [
  'name',
  'slug',
  'parentId',
  'sortOrder',
  'freshnessClass',
  'freshnessDays',
  'ownerOrgId',
  'catalogueCategory',
] as const;

export function columnFormValues(column: Column): ColumnFormValues {
  return {
    name: column.name,
    slug: column.slug,
    parentId: column.parentId,
    sortOrder: column.sortOrder,
    freshnessClass: column.freshnessClass,
    freshnessDays: column.freshnessClass === 'custom' ? column.freshnessDays : null,
    ownerOrgId: column.ownerOrgId,
    catalogueCategory: column.catalogueCategory,
  };
}

/** The body for CreateColumnSchema / UpdateColumnSchema; days are only kept for the custom class. */
export function columnBody(values: ColumnFormValues): Record<string, unknown> {
  return {
    name: values.name ?? '',
    slug: (values.slug ?? '').trim(),
    parentId: values.parentId ?? null,
    ...(typeof values.sortOrder === 'number' ? { sortOrder: values.sortOrder } : {}),
    freshnessClass: values.freshnessClass,
    freshnessDays: values.freshnessClass === 'custom' ? (values.freshnessDays ?? null) : null,
    ownerOrgId: values.ownerOrgId ?? null,
    catalogueCategory: values.catalogueCategory ?? null,
  };
}

/** A column as a body, to compare an edit against (the server derives days for fixed classes). */
export function columnAsBody(column: Column): Record<string, unknown> {
  return columnBody(columnFormValues(column));
}

/** What the schema cannot say but the server checks (same wording as the server). */
export function columnFormProblems(body: Record<string, unknown>): FieldError[] {
  return body.freshnessClass === 'custom' && !body.freshnessDays ? [{ field: 'freshnessDays', message: '自定义更新要求须填写天数' }] : [];
}

/** "14 天" / "不考核" for the tree and the form. */
export function freshnessText(column: Pick<Column, 'freshnessClass' | 'freshnessDays'>): string {
  if (column.freshnessClass === 'none' || column.freshnessDays === null) return '不考核更新';
  return `${column.freshnessDays} 天内须更新`;
}
