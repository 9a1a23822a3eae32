/**
 * Input validation shared by routes, CLI and commands: zod with Chinese messages, turned
 * into a 400 with one message per field.
 */
import { z, type ZodError, type ZodType } from 'zod';
import { Errors, type FieldError } from './errors.ts';

z.config(z.locales.zhCN());

export function fieldErrors(error: ZodError): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ field: base ? `${base}.${key}` : key, message: '不允许的字段' });
    } else {
      out.push({ field: base || '(body)', message: issue.message });
    }
  }
  return out;
}

/** Parses `input` or throws GK_ERR_VALIDATION listing every bad field. */
export function parseInput<S extends ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw Errors.validation(undefined, fieldErrors(r.error));
  return r.data;
}
