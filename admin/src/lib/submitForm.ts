/**
 * The one submit sequence every admin form follows: validate the body with the schema the
 * server uses, send it, and on failure put the server's messages next to their fields (the
 * rest in an Alert) while keeping everything the user typed. Free of React so that the
 * sequence itself is unit-tested; useSubmitForm wires it to a form's state.
 */
import type { z, ZodType } from 'zod';
import type { FieldError } from '../api/client.ts';
import { applyFieldErrors, submitErrorDisplay, validateBody, type ErrorTarget } from './formErrors.ts';

/** What the sequence changes on the screen. */
export interface SubmitView<V> {
  form: ErrorTarget<V>;
  setAlert: (text: string | null) => void;
  setSaving: (saving: boolean) => void;
  setDirty: (dirty: boolean) => void;
  /** Called when there was nothing to send (an edit without changes). */
  unchanged: () => void;
  /** Says that the save worked (a short success message). */
  succeeded: (text: string) => void;
}

export interface SubmitSpec<S extends ZodType, T> {
  /** The request schema shared with the server (common/schemas). */
  schema: S;
  body: unknown;
  /** Problems the schema cannot express; reported together with its issues. */
  extra?: readonly FieldError[] | undefined;
  /** Sends the validated body; null when there is nothing to send. */
  send: (data: z.output<S>) => Promise<T> | null;
  /** What to say after a successful answer, e.g. 已新建单位「…」; nothing when absent. */
  success?: string | ((result: T) => string) | undefined;
  /** After a successful answer (and its message); the form is no longer dirty by then. */
  onSaved: (result: T) => void;
}

export type SubmitOutcome = 'invalid' | 'unchanged' | 'saved' | 'failed';

/**
 * Runs one submit. `fields` are the dotted names the form shows, as the server names them in
 * errors. Never throws: a failure is shown on the form and reported as 'failed'.
 */
export async function runSubmit<V, S extends ZodType, T>(
  view: SubmitView<V>,
  fields: readonly string[],
  spec: SubmitSpec<S, T>,
): Promise<SubmitOutcome> {
  view.setAlert(null);
  const v = validateBody(spec.schema, spec.body, fields, spec.extra);
  if (!v.ok) {
    applyFieldErrors(view.form, v.fields, fields);
    view.setAlert(v.other.join('；') || null);
    return 'invalid';
  }
  const request = spec.send(v.data);
  if (request === null) {
    view.setDirty(false);
    view.unchanged();
    return 'unchanged';
  }
  view.setSaving(true);
  try {
    const result = await request;
    view.setDirty(false);
    if (spec.success !== undefined) view.succeeded(typeof spec.success === 'string' ? spec.success : spec.success(result));
    spec.onSaved(result);
    return 'saved';
  } catch (e) {
    // Keep the form as typed: only mark what the server refused (a lost connection says so).
    const shown = submitErrorDisplay(e, fields);
    applyFieldErrors(view.form, shown.fields, fields);
    view.setAlert(shown.alert);
    return 'failed';
  } finally {
    view.setSaving(false);
  }
}
