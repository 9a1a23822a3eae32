/** Org form values ↔ request bodies. Pure. */
import type { Org } from '../../api/orgs.ts';

export interface OrgFormValues {
  name?: string;
  parentId?: string | null;
  level?: string;
  creditCode?: string;
  divisionCode?: string;
  indexTemplate?: string;
  sortOrder?: number | null;
}

/** The form's fields, as the server names them in errors. */
export const ORG_FIELDS = ['name', 'parentId', 'level', 'creditCode', 'divisionCode', 'indexTemplate', 'sortOrder'] as const;

const blankToNull = (v: string | null | undefined): string | null => (v && v.trim() ? v.trim() : null);

export function orgFormValues(org: Org): OrgFormValues {
  return {
    name: org.name,
    parentId: org.parentId,
    level: org.level,
    creditCode: org.creditCode ?? '',
    divisionCode: org.divisionCode ?? '',
    indexTemplate: org.indexTemplate ?? '',
    sortOrder: org.sortOrder,
  };
}

/** The body for CreateOrgSchema / UpdateOrgSchema: blanks become null (cleared). */
export function orgBody(values: OrgFormValues): Record<string, unknown> {
  return {
    name: values.name ?? '',
    parentId: values.parentId ?? null,
    level: values.level,
    creditCode: blankToNull(values.creditCode),
    divisionCode: blankToNull(values.divisionCode),
    indexTemplate: blankToNull(values.indexTemplate),
    ...(typeof values.sortOrder === 'number' ? { sortOrder: values.sortOrder } : {}),
  };
}

/** An org as a body, to compare an edit against. */
export function orgAsBody(org: Org): Record<string, unknown> {
  return {
    name: org.name,
    parentId: org.parentId,
    level: org.level,
    creditCode: org.creditCode,
    divisionCode: org.divisionCode,
    indexTemplate: org.indexTemplate,
    sortOrder: org.sortOrder,
  };
}
