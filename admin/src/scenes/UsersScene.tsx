import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Input, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useCallback, useId, useMemo, useState } from 'react';
import { fetchOrgs } from '../api/orgs.ts';
import { fetchSites } from '../api/sites.ts';
import { fetchUsers, resetPassword, setUserDisabled, unlockUser, type UserSummary, type UserFilter } from '../api/users.ts';
import { LoadErrorAlert } from '../components/LoadErrorAlert.tsx';
import { OrgTreeSelect } from '../components/OrgTreeSelect.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { CreateUserModal } from '../features/users/CreateUserModal.tsx';
import { GrantRolesModal } from '../features/users/GrantRolesModal.tsx';
import { OneTimePasswordModal, type OneTimePassword } from '../features/users/OneTimePasswordModal.tsx';
import { grantLabel, STATUS_TAG_COLORS } from '../features/users/userLabels.ts';
import { isLocked, userStatuses } from '../features/users/userStatus.ts';
import { formatDateTime } from '../lib/datetime.ts';
import { actionErrorText } from '../lib/formErrors.ts';
import { useApiData } from '../lib/useApiData.ts';
import { useCurrentUser } from '../session/useSession.ts';

/**
 * 用户管理. What each administrator sees follows 三员分立: the system administrator
 * (users.manage) creates, resets and disables accounts; the security administrator
 * (roles.grant, users.unlock) grants roles and lifts lockouts.
 */
export default function UsersScene() {
  const me = useCurrentUser();
  const canManage = me.permissions.includes('users.manage');
  const canUnlock = me.permissions.includes('users.unlock');
  const canGrant = me.permissions.includes('roles.grant');
  const { message, modal } = App.useApp();
  const searchId = useId();
  const orgFilterId = useId();

  const [filter, setFilter] = useState<UserFilter>({});
  const loadUsers = useCallback((signal: AbortSignal) => fetchUsers(filter, signal), [filter]);
  const users = useApiData(loadUsers);
  const loadOrgs = useCallback((signal: AbortSignal) => fetchOrgs(signal), []);
  const orgs = useApiData(loadOrgs);
  const loadSites = useCallback((signal: AbortSignal) => fetchSites({}, signal), []);
  const sites = useApiData(loadSites);

  const orgList = useMemo(() => orgs.data ?? [], [orgs.data]);
  const siteList = useMemo(() => sites.data ?? [], [sites.data]);
  const orgNames = useMemo(() => new Map(orgList.map((o) => [o.id, o.name])), [orgList]);
  const siteNames = useMemo(() => new Map(siteList.map((s) => [s.id, s.name])), [siteList]);

  const [creating, setCreating] = useState(false);
  const [password, setPassword] = useState<OneTimePassword | null>(null);
  const [grantUserId, setGrantUserId] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const grantUser = grantUserId ? (users.data?.find((u) => u.id === grantUserId) ?? null) : null;

  /** Runs a row action, reporting its outcome; the list is reloaded either way. */
  const act = async (user: UserSummary, action: () => Promise<unknown>, done: string) => {
    setBusy(user.id);
    try {
      await action();
      void message.success(done);
    } catch (e) {
      void message.error(`操作失败：${actionErrorText(e)}`);
    } finally {
      setBusy(null);
      users.reload();
    }
  };

  const onReset = (user: UserSummary) =>
    modal.confirm({
      title: `重置「${user.displayName}」的密码？`,
      content: '系统将生成新的一次性密码，该用户须在下次登录时修改；其当前的登录会话将被结束，锁定也会一并解除。',
      okText: '重置密码',
      cancelText: '取消',
      onOk: async () => {
        try {
          const r = await resetPassword(user.id);
          setPassword({ username: user.username, displayName: user.displayName, password: r.oneTimePassword, reason: 'reset' });
          users.reload();
        } catch (e) {
          void message.error(`重置失败：${actionErrorText(e)}`);
        }
      },
    });

  const onDisable = (user: UserSummary) =>
    modal.confirm({
      title: `停用「${user.displayName}」的账号？`,
      content: '停用后该用户无法登录，其当前的登录会话将立即结束。账号可随时重新启用。',
      okText: '停用',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () => act(user, () => setUserDisabled(user.id, true), '账号已停用'),
    });

  const columns: TableColumnsType<UserSummary> = [
    { title: '用户名', dataIndex: 'username', key: 'username' },
    { title: '姓名', dataIndex: 'displayName', key: 'displayName' },
    {
      title: '单位',
      key: 'org',
      render: (_, u) => (u.orgId ? (orgNames.get(u.orgId) ?? '（未知单位）') : '未设置'),
    },
    {
      title: '角色',
      key: 'roles',
      width: 260,
      render: (_, u) =>
        u.grants.length === 0 ? (
          <Typography.Text type="secondary">无</Typography.Text>
        ) : (
          <Space size={[0, 4]} wrap>
            {u.grants.map((g) => (
              <Tag key={g.id} className="gk-wrap-tag" color={g.scope === '*' ? 'purple' : 'geekblue'}>
                {grantLabel(g, siteNames)}
              </Tag>
            ))}
          </Space>
        ),
    },
    {
      title: '状态',
      key: 'status',
      render: (_, u) => (
        <Space size={[0, 4]} wrap>
          {userStatuses(u).map((s) => (
            <Tag key={s.kind} color={STATUS_TAG_COLORS[s.kind]}>
              {s.label}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: '上次登录',
      key: 'lastLogin',
      render: (_, u) =>
        u.lastLoginAt ? (
          <>
            <div>{formatDateTime(u.lastLoginAt)}</div>
            {u.lastLoginIp && <Typography.Text type="secondary">{u.lastLoginIp}</Typography.Text>}
          </>
        ) : (
          '从未登录'
        ),
    },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      render: (_, u) => (
        <Space size={0} wrap className="gk-table-actions">
          {canManage && (
            <Button type="link" size="small" disabled={busy === u.id} onClick={() => onReset(u)}>
              重置密码
            </Button>
          )}
          {canManage &&
            (u.disabled ? (
              <Button
                type="link"
                size="small"
                loading={busy === u.id}
                onClick={() => void act(u, () => setUserDisabled(u.id, false), '账号已启用')}
              >
                启用
              </Button>
            ) : (
              u.id !== me.id && (
                <Button type="link" size="small" danger disabled={busy === u.id} onClick={() => onDisable(u)}>
                  停用
                </Button>
              )
            ))}
          {canUnlock && isLocked(u) && (
            <Button type="link" size="small" loading={busy === u.id} onClick={() => void act(u, () => unlockUser(u.id), '已解除锁定')}>
              解除锁定
            </Button>
          )}
          {canGrant && (
            <Button type="link" size="small" onClick={() => setGrantUserId(u.id)}>
              授权
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageTitle
        title="用户管理"
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              新建用户
            </Button>
          )
        }
      />
      {users.error !== null && <LoadErrorAlert error={users.error} what="用户列表" onRetry={users.reload} />}
      {orgs.error !== null && <LoadErrorAlert error={orgs.error} what="单位列表" onRetry={orgs.reload} />}
      {sites.error !== null && <LoadErrorAlert error={sites.error} what="网站列表" onRetry={sites.reload} />}
      <div className="gk-filters" role="search" aria-label="筛选用户">
        <div className="gk-filter">
          <label htmlFor={searchId}>用户名或姓名</label>
          <Input.Search
            id={searchId}
            allowClear
            enterButton="查询"
            placeholder="输入关键词"
            maxLength={64}
            onSearch={(q) => setFilter((f) => ({ ...f, q: q.trim() || undefined }))}
          />
        </div>
        <div className="gk-filter">
          <label htmlFor={orgFilterId}>所属单位</label>
          <OrgTreeSelect
            id={orgFilterId}
            orgs={orgList}
            allowClear
            placeholder="全部单位"
            className="gk-org-filter"
            value={filter.orgId ?? null}
            onChange={(orgId) => setFilter((f) => ({ ...f, orgId: orgId ?? undefined }))}
          />
        </div>
      </div>
      <Table<UserSummary>
        rowKey="id"
        columns={columns}
        dataSource={users.data ?? []}
        loading={users.loading}
        caption={<span className="gk-visually-hidden">用户列表</span>}
        pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (total) => `共 ${total} 个用户`, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
      />
      <CreateUserModal
        open={creating}
        orgs={orgList}
        onClose={() => setCreating(false)}
        onCreated={(created) => {
          setPassword({
            username: created.user.username,
            displayName: created.user.displayName,
            password: created.oneTimePassword,
            reason: 'created',
          });
          users.reload();
        }}
      />
      <OneTimePasswordModal value={password} onClose={() => setPassword(null)} />
      <GrantRolesModal
        user={grantUser}
        sites={siteList}
        siteNames={siteNames}
        currentUserId={me.id}
        onChanged={users.reload}
        onClose={() => setGrantUserId(null)}
      />
    </>
  );
}
