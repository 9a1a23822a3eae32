import { Button, Modal } from 'antd';
import type { Site } from '../../api/sites.ts';
import type { UserSummary } from '../../api/users.ts';
import { useGuardedClose } from '../../lib/useGuardedClose.ts';
import { GrantRolesPanel } from './GrantRolesPanel.tsx';

export interface GrantRolesModalProps {
  /** The user whose roles are shown; null closes the dialog. */
  user: UserSummary | null;
  sites: readonly Site[];
  siteNames: ReadonlyMap<string, string>;
  currentUserId: string;
  onChanged: () => void;
  onClose: () => void;
}

/** The 授权 dialog; its content is mounted only while open, so each user starts with an empty form. */
export function GrantRolesModal({ user, onClose, ...panel }: GrantRolesModalProps) {
  // Granting happens inside; closing only discards a role chosen but not yet granted.
  const { setDirty, cancel } = useGuardedClose(onClose, {
    title: '放弃未提交的授权？',
    content: '已选择的角色尚未授予。',
    cancelText: '继续授权',
  });

  return (
    <Modal
      open={user !== null}
      title={user ? `授权：${user.displayName}（${user.username}）` : '授权'}
      onCancel={cancel}
      mask={{ closable: false }}
      destroyOnHidden
      footer={<Button onClick={cancel}>关闭</Button>}
    >
      {user && <GrantRolesPanel key={user.id} user={user} onDirtyChange={setDirty} {...panel} />}
    </Modal>
  );
}
