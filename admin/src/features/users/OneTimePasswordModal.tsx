import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Typography } from 'antd';
import { copyText } from '../../lib/clipboard.ts';

export interface OneTimePassword {
  username: string;
  displayName: string;
  password: string;
  /** Why it was issued: a new account or a reset. */
  reason: 'created' | 'reset';
}

/**
 * Shows a one-time password exactly once. The server never shows it again, so closing needs
 * an explicit button (no mask click) and the text says so.
 */
export function OneTimePasswordModal({ value, onClose }: { value: OneTimePassword | null; onClose: () => void }) {
  const { message } = App.useApp();

  const onCopy = async () => {
    if (!value) return;
    if (await copyText(value.password)) void message.success('密码已复制');
    else void message.warning('无法自动复制，请手动选中密码后复制');
  };

  return (
    <Modal
      open={value !== null}
      title={value?.reason === 'created' ? '用户已创建' : '密码已重置'}
      mask={{ closable: false }}
      keyboard={false}
      onCancel={onClose}
      footer={[
        <Button key="copy" icon={<CopyOutlined />} onClick={() => void onCopy()}>
          复制密码
        </Button>,
        <Button key="close" type="primary" onClick={onClose}>
          我已记下
        </Button>,
      ]}
    >
      {value && (
        <>
          <Typography.Paragraph>{`${value.displayName}（${value.username}）的一次性密码：`}</Typography.Paragraph>
          <code className="gk-one-time-password" aria-label="一次性密码">
            {value.password}
          </code>
          <Alert
            type="warning"
            showIcon
            role="note"
            title="该密码只显示这一次"
            description="请通过安全的方式告知本人。用户首次登录时必须修改此密码；关闭本窗口后将无法再次查看，如遗失只能再次重置。"
          />
        </>
      )}
    </Modal>
  );
}
