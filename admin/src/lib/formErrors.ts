/**
 * Form validation with the shared zod schemas, and errors (client or server) placed on the
 * antd fields they concern. Pure apart from the zod locale, which is set once here: every
 * form imports this module, and only lazy screens do, so zod stays out of the first screen.
 */
import type { FormInstance } from 'antd';
import { z, type ZodType } from 'zod';
import { isApiError, type FieldError } from '../api/client.ts';

z.config(z.locales.zhCN());

/** An antd name path: ['contact', 'phone'] for the server's 'contact.phone'. */
export type FieldPath = (string | number)[];

export interface FieldErrors {
  name: FieldPath;
  errors: string[];
}

export interface PlacedErrors {
  /** Errors for fields the form shows. */
  fields: FieldErrors[];
  /** Messages that belong to no shown field (shown in an Alert instead). */
  other: string[];
}

interface IssueLike {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly code?: string;
  readonly keys?: readonly string[];
}

const pathKey = (path: readonly (string | number)[]) => path.join('.');

function toPath(path: readonly PropertyKey[]): FieldPath {
  return path.map((p) => (typeof p === 'number' ? p : String(p)));
}

/**
 * Groups messages by field. `shown` lists the dotted names the form displays; an error under
 * an array field (domains.2) is placed on the array field (domains), others go to `other`.
 */
function place(entries: readonly { path: FieldPath; message: string }[], shown: readonly string[]): PlacedErrors {
  const known = new Set(shown);
  const byField = new Map<string, FieldErrors>();
  const other: string[] = [];
  for (const { path, message } of entries) {
    let name: FieldPath | null = null;
    for (let n = path.length; n > 0; n--) {
      if (known.has(pathKey(path.slice(0, n)))) {
        name = path.slice(0, n);
        break;
      }
    }
    if (!name) {
      if (!other.includes(message)) other.push(message);
      continue;
    }
    const key = pathKey(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    if (!entry.errors.includes(message)) entry.errors.push(message);
    byField.set(key, entry);
  }
  return { fields: [...byField.values()], other };
}

/** zod issues → antd field errors. */
export function issuesToFieldErrors(issues: readonly IssueLike[], shown: readonly string[]): PlacedErrors {
  return place(
    issues.flatMap((issue) => {
      const path = toPath(issue.path);
      // A stray key names itself; the form never sends one, but say so rather than hide it.
      if (issue.code === 'unrecognized_keys' && issue.keys) return issue.keys.map((k) => ({ path: [...path, k], message: '不允许的字段' }));
      return [{ path, message: issue.message }];
    }),
    shown,
  );
}

/** The server's `fields` (dotted names) → antd field errors. */
export function serverFieldsToFieldErrors(fields: readonly FieldError[], shown: readonly string[]): PlacedErrors {
  return place(
    fields.map((f) => ({ path: f.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), message: f.message })),
    shown,
  );
}

export type Validation<T> = { ok: true; data: T } | ({ ok: false } & PlacedErrors);

/**
 * Validates a request body with the same schema the server uses, plus `extra` problems found
 * by checks the schema cannot express (reported together, so the user sees everything at once).
 */
export function validateBody<S extends ZodType>(
  schema: S,
  body: unknown,
  shown: readonly string[],
  extra: readonly FieldError[] = [],
): Validation<z.output<S>> {
  const result = schema.safeParse(body);
  if (result.success && extra.length === 0) return { ok: true, data: result.data };
  const issues = [...(result.success ? [] : result.error.issues), ...extra.map((p) => ({ path: p.field.split('.'), message: p.message }))];
  return { ok: false, ...issuesToFieldErrors(issues, shown) };
}

/** The part of an antd FormInstance these helpers use. */
export type ErrorTarget<V> = Pick<FormInstance<V>, 'setFields' | 'scrollToField'>;

/**
 * Shows `fields` on the form, clears stale errors on the other shown fields, and moves focus
 * to the first field in error so keyboard and screen-reader users land on it.
 */
export function applyFieldErrors<V>(form: ErrorTarget<V>, fields: readonly FieldErrors[], shown: readonly string[]): void {
  const set = new Set(fields.map((f) => pathKey(f.name)));
  const all = [
    ...shown.filter((n) => !set.has(n)).map((n) => ({ name: namePath(n.split('.')), errors: [] as string[] })),
    ...fields.map((f) => ({ ...f, name: namePath(f.name) })),
  ];
  // antd types names per form; these come from the same field list the form renders.
  form.setFields(all as Parameters<FormInstance<V>['setFields']>[0]);
  const first = shown.find((n) => set.has(n));
  if (first)
    form.scrollToField(namePath(first.split('.')) as Parameters<FormInstance<V>['scrollToField']>[0], { focus: true, block: 'center' });
}

/** antd matches name paths strictly: a Form.List row is ['stages', 0, 'key'], never ['stages', '0', 'key']. */
function namePath(path: readonly (string | number)[]): FieldPath {
  return path.map((p) => (typeof p === 'string' && /^\d+$/.test(p) ? Number(p) : p));
}

/** One line for a failed action outside a form: the server's field messages when it gave any. */
export function actionErrorText(e: unknown): string {
  if (isApiError(e) && e.fields.length > 0) return [...new Set(e.fields.map((f) => f.message))].join('；');
  return isApiError(e) ? e.message : '操作失败，请稍后重试';
}

/** Said after a failure that kept the form open, so the user knows nothing was lost. */
export const KEPT_INPUT_HINT = '您填写的内容已保留，可稍后重试。';

/**
 * What to show for a failed submit: field errors next to their fields, and an Alert text for
 * the rest. Lost connections and server failures say that the input is still there.
 */
export function submitErrorDisplay(e: unknown, shown: readonly string[]): PlacedErrors & { alert: string | null } {
  if (!isApiError(e)) return { fields: [], other: [], alert: `操作失败，请稍后重试。${KEPT_INPUT_HINT}` };
  if (e.status === 0 || e.status >= 500) return { fields: [], other: [], alert: `${e.message}。${KEPT_INPUT_HINT}`.replace('。。', '。') };
  const placed = serverFieldsToFieldErrors(e.fields, shown);
  let alert: string | null = null;
  if (placed.other.length > 0) alert = [e.message, ...placed.other.filter((m) => !e.message.includes(m))].join('；');
  else if (placed.fields.length === 0 || e.code === 'GK_ERR_SITE_RULE' || e.code === 'GK_ERR_SEPARATION_OF_DUTIES') alert = e.message;
  return { ...placed, alert };
}
