import {
  AuditOutlined,
  FileTextOutlined,
  FolderOpenOutlined,
  GlobalOutlined,
  HomeOutlined,
  MessageOutlined,
  SettingOutlined,
  SolutionOutlined,
} from '@ant-design/icons';
import { Menu, type MenuProps } from 'antd';
import { useMemo, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { HOME, navItemFor, visibleNavigation, type NavGroupKey } from '../navigation.ts';
import { useCurrentUser } from '../session/useSession.ts';

const GROUP_ICONS: Record<NavGroupKey, ReactNode> = {
  sites: <GlobalOutlined />,
  content: <FileTextOutlined />,
  disclosure: <FolderOpenOutlined />,
  interaction: <MessageOutlined />,
  services: <SolutionOutlined />,
  monitoring: <AuditOutlined />,
  system: <SettingOutlined />,
};

/** The left menu: the navigation table filtered by the user's permissions. */
export function SideMenu() {
  const user = useCurrentUser();
  const { pathname } = useLocation();
  const groups = useMemo(() => visibleNavigation(user.permissions), [user.permissions]);

  const items = useMemo<NonNullable<MenuProps['items']>>(
    () => [
      { key: HOME.path, icon: <HomeOutlined />, label: <Link to={HOME.path}>{HOME.label}</Link> },
      ...groups.map((g) => ({
        key: `group:${g.key}`,
        icon: GROUP_ICONS[g.key],
        label: g.label,
        children: g.items.map((item) => ({ key: item.path, label: <Link to={item.path}>{item.label}</Link> })),
      })),
    ],
    [groups],
  );

  const selected = navItemFor(pathname)?.path;
  return (
    <Menu mode="inline" items={items} selectedKeys={selected ? [selected] : []} defaultOpenKeys={groups.map((g) => `group:${g.key}`)} />
  );
}
