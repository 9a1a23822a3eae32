import { App } from 'antd';
import { useState } from 'react';

/** The confirmation shown when closing with unsaved input (放弃 / `cancelText`). */
export interface DiscardQuestion {
  title: string;
  content: string;
  /** The button that keeps the dialog open, e.g. 继续编辑. */
  cancelText: string;
}

export interface GuardedClose {
  /** The form inside reports its unsaved state here. */
  setDirty: (dirty: boolean) => void;
  /** Closes at once (after a save). */
  close: () => void;
  /** Closes, asking first while there is unsaved input (the ×, Esc and 取消). */
  cancel: () => void;
}

/**
 * A dialog or drawer around a form. The form is mounted only while open, so each opening
 * starts empty; closing it with unsaved input asks first.
 */
export function useGuardedClose(onClose: () => void, question: DiscardQuestion): GuardedClose {
  const { modal } = App.useApp();
  const [dirty, setDirty] = useState(false);

  const close = () => {
    setDirty(false);
    onClose();
  };

  const cancel = () => {
    if (!dirty) return close();
    modal.confirm({ title: question.title, content: question.content, okText: '放弃', cancelText: question.cancelText, onOk: close });
  };

  return { setDirty, close, cancel };
}
