import { App, Modal } from 'antd';
import { useState } from 'react';
import type { Org } from '../../api/orgs.ts';
import type { CreatedUser } from '../../api/users.ts';
import { CreateUserForm } from './CreateUserForm.tsx';

/**
 * The 新建用户 dialog. The form is mounted only while open, so every opening starts empty;
 * closing with unsaved input asks first.
 */
export function CreateUserModal({
  open,
  orgs,
  onClose,
  onCreated,
}: {
  open: boolean;
  orgs: readonly Org[];
  onClose: () => void;
  onCreated: (created: CreatedUser) => void;
}) {
  const { modal } = App.useApp();
  const [dirty, setDirty] = useState(false);

  const close = () => {
    setDirty(false);
    onClose();
  };

  const cancel = () => {
    if (!dirty) return close();
    modal.confirm({ title: '放弃新建用户？', content: '已填写的内容将不会保存。', okText: '放弃', cancelText: '继续填写', onOk: close });
  };

  return (
    <Modal open={open} title="新建用户" footer={null} onCancel={cancel} mask={{ closable: false }} destroyOnHidden>
      {open && (
        <CreateUserForm
          orgs={orgs}
          onDirtyChange={setDirty}
          onCancel={cancel}
          onCreated={(created) => {
            close();
            onCreated(created);
          }}
        />
      )}
    </Modal>
  );
}
