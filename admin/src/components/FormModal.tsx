/**
 * A form in a dialog, mounted only while open: closing it with unsaved changes asks first, and
 * a save closes it. The form gets the three callbacks every such form takes.
 */
import { Modal } from 'antd';
import type { ReactNode } from 'react';
import { useGuardedClose } from '../lib/useGuardedClose.ts';

export interface FormModalCallbacks {
  onDirtyChange: (dirty: boolean) => void;
  onCancel: () => void;
  /** Call after a successful save: closes the dialog without asking. */
  onDone: () => void;
}

const DISCARD = { title: '放弃未保存的修改？', content: '已填写的内容将不会保存。', cancelText: '继续编辑' };

export function FormModal({
  open,
  title,
  width,
  onClose,
  children,
}: {
  open: boolean;
  title: ReactNode;
  width?: number;
  onClose: () => void;
  children: (callbacks: FormModalCallbacks) => ReactNode;
}) {
  const { setDirty, close, cancel } = useGuardedClose(onClose, DISCARD);
  return (
    <Modal open={open} title={title} onCancel={cancel} footer={null} destroyOnHidden {...(width ? { width } : {})}>
      {open ? children({ onDirtyChange: setDirty, onCancel: cancel, onDone: close }) : null}
    </Modal>
  );
}
