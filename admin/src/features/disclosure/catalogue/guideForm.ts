/** 指南 form values ↔ request bodies. Pure. */
import type { Guide, GuideInput } from '../../../../../common/schemas/catalogue.ts';

export type GuideFormValues = { [K in keyof GuideInput]?: string | null };

/** The form's fields, as the server names them in errors. */
export const GUIDE_FIELDS = [
  'officeName',
  'address',
  'postalCode',
  'officeHours',
  'phone',
  'fax',
  'webContact',
  'arrangement',
  'obtaining',
] as const;

export function guideFormValues(g: Guide): GuideFormValues {
  return Object.fromEntries(GUIDE_FIELDS.map((f) => [f, g[f] ?? ''])) as GuideFormValues;
}

/** The body for GuideSchema: trimmed strings, an empty postal code sent as null. */
export function guideBody(values: GuideFormValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of GUIDE_FIELDS) out[f] = (values[f] ?? '').trim();
  out.postalCode = out.postalCode ? out.postalCode : null;
  return out;
}
