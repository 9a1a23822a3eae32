import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, type MenuProps } from 'antd';
import { useNavigate } from 'react-router';
import { useCurrentUser, useSession } from '../session/useSession.ts';
import { CHANGE_PASSWORD_PATH } from '../paths.ts';

/** The user's name in the header, with 修改密码 and 退出登录. */
export function UserMenu({ passwordChangeOnly }: { passwordChangeOnly: boolean }) {
  const user = useCurrentUser();
  const { signOut, hasUnsavedChanges } = useSession();
  const { modal } = App.useApp();
  const navigate = useNavigate();

  const items: MenuProps['items'] = [
    {
      type: 'group',
      label: user.orgName,
      children: [
        ...(passwordChangeOnly ? [] : [{ key: 'change-password', icon: <KeyOutlined />, label: '修改密码' }]),
        { key: 'logout', icon: <LogoutOutlined />, label: '退出登录' },
      ],
    },
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'change-password') {
      void navigate(CHANGE_PASSWORD_PATH);
    } else if (key === 'logout') {
      if (hasUnsavedChanges) {
        modal.confirm({
          title: '确定退出登录吗？',
          content: '当前页面有未保存的内容，退出登录后这些内容将会丢失。',
          okText: '退出登录',
          cancelText: '取消',
          onOk: () => signOut(),
        });
      } else {
        void signOut();
      }
    }
  };

  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
      <Button type="text" className="gk-user-button" icon={<UserOutlined />}>
        {user.displayName}
        <DownOutlined aria-hidden />
      </Button>
    </Dropdown>
  );
}
