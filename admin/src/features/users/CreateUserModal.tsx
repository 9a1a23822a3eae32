import { Modal } from 'antd';
import type { Org } from '../../api/orgs.ts';
import type { CreatedUser } from '../../api/users.ts';
import { useGuardedClose } from '../../lib/useGuardedClose.ts';
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
  const { setDirty, close, cancel } = useGuardedClose(onClose, {
    title: '放弃新建用户？',
    content: '已填写的内容将不会保存。',
    cancelText: '继续填写',
  });

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
