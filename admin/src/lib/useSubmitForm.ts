import { App, type FormInstance } from 'antd';
import { useState } from 'react';
import type { ZodType } from 'zod';
import { useUnsavedChanges } from '../session/useUnsavedChanges.ts';
import { runSubmit, type SubmitOutcome, type SubmitSpec } from './submitForm.ts';

export interface SubmitFormOptions<V> {
  form: FormInstance<V>;
  /** The fields the form shows, as the server names them in errors (dotted for nested ones). */
  fields: readonly string[];
  /** Told whenever the unsaved state changes, so a surrounding dialog can ask before closing. */
  onDirtyChange?: ((dirty: boolean) => void) | undefined;
}

export interface SubmitForm {
  saving: boolean;
  /** The error text above the buttons, or null. */
  alert: string | null;
  /** True from the first change until saved or reset. */
  dirty: boolean;
  /** For the Form's onValuesChange. */
  markDirty: () => void;
  /** 放弃修改: back to the initial values, no alert, nothing unsaved. */
  reset: () => void;
  /** Validates, sends and shows the outcome (see runSubmit). */
  submit: <S extends ZodType, T>(spec: SubmitSpec<S, T>) => Promise<SubmitOutcome>;
}

/**
 * A form's save state: saving, the error alert, unsaved changes (the idle warning and leaving
 * the page ask while there are any) and the shared submit sequence.
 */
export function useSubmitForm<V>({ form, fields, onDirtyChange }: SubmitFormOptions<V>): SubmitForm {
  const { message } = App.useApp();
  const [dirty, setDirtyState] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useUnsavedChanges(dirty);

  const setDirty = (next: boolean) => {
    setDirtyState(next);
    onDirtyChange?.(next);
  };

  return {
    saving,
    alert,
    dirty,
    markDirty: () => setDirty(true),
    reset: () => {
      form.resetFields();
      setAlert(null);
      setDirty(false);
    },
    submit: (spec) =>
      runSubmit(
        {
          form,
          setAlert,
          setSaving,
          setDirty,
          unchanged: () => void message.info('没有需要保存的修改'),
          succeeded: (text) => void message.success(text),
        },
        fields,
        spec,
      ),
  };
}
