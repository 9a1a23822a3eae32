import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Empty, Input, Modal, Row, Spin, Tag, Tree, Typography, type TreeDataNode, type TreeProps } from 'antd';
import { useCallback, useId, useMemo, useState, type Key, type ReactNode } from 'react';
import { fetchOrgs, updateOrg, type Org } from '../api/orgs.ts';
import { LoadErrorAlert } from '../components/LoadErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { OrgDetails } from '../features/orgs/OrgDetails.tsx';
import { OrgForm } from '../features/orgs/OrgForm.tsx';
import { levelLabel } from '../features/orgs/orgLabels.ts';
import { applyMovePlan } from '../lib/applyMoves.ts';
import { actionErrorText } from '../lib/formErrors.ts';
import { ancestorIds, buildTree, mapTree } from '../lib/tree.ts';
import { useTreeDrop } from '../lib/useTreeDrop.ts';
import { useApiData } from '../lib/useApiData.ts';
import { useCurrentUser } from '../session/useSession.ts';

/** Above this many orgs the tree opens with the top level only. */
const EXPAND_ALL_LIMIT = 60;

function highlight(text: string, keyword: string): ReactNode {
  const at = keyword ? text.indexOf(keyword) : -1;
  if (at < 0) return text;
  return (
    <>
      {text.slice(0, at)}
      <mark>{keyword}</mark>
      {text.slice(at + keyword.length)}
    </>
  );
}

function orgTitle(org: Org, keyword: string): ReactNode {
  return (
    <span className="gk-tree-title">
      <span>{highlight(org.name, keyword)}</span>
      <Tag className="gk-tree-tag">{levelLabel(org.level)}</Tag>
      {org.creditCode && <span className="gk-tree-meta">{org.creditCode}</span>}
    </span>
  );
}

/** 单位管理: the org tree; create, edit and move orgs (drag and drop, or the parent field). */
export default function OrgsScene() {
  const user = useCurrentUser();
  const canManage = user.permissions.includes('orgs.manage');
  const { message, modal } = App.useApp();
  const searchId = useId();

  const load = useCallback((signal: AbortSignal) => fetchOrgs(signal), []);
  const { data, error, loading, reload } = useApiData(load);
  const orgs = useMemo(() => data ?? [], [data]);
  const byId = useMemo(() => new Map(orgs.map((o) => [o.id, o])), [orgs]);

  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<Key[] | null>(null);
  const [keyword, setKeyword] = useState('');
  const [editDirty, setEditDirty] = useState(false);
  const [creating, setCreating] = useState<{ parentId: string | null } | null>(null);
  const [createDirty, setCreateDirty] = useState(false);
  const [moving, setMoving] = useState(false);

  const selected = selectedId ? byId.get(selectedId) : undefined;

  const treeData = useMemo(
    () =>
      mapTree<Org, TreeDataNode>(buildTree(orgs), (org, children) => ({
        key: org.id,
        title: orgTitle(org, keyword),
        ...(children.length > 0 ? { children } : {}),
      })),
    [orgs, keyword],
  );

  const defaultExpanded = useMemo<Key[]>(
    () => (orgs.length <= EXPAND_ALL_LIMIT ? orgs.map((o) => o.id) : orgs.filter((o) => o.parentId === null).map((o) => o.id)),
    [orgs],
  );
  const expandedKeys = expanded ?? defaultExpanded;

  /** Opens the tree down to `id` (and `id` itself, so its children show). */
  const expandTo = (id: string) => setExpanded((prev) => [...new Set([...(prev ?? defaultExpanded), id, ...ancestorIds(orgs, id)])]);

  /** Runs `action` now, or after the user agrees to drop unsaved edits. */
  const leaveEdit = (action: () => void) => {
    if (!editDirty) return action();
    modal.confirm({
      title: '放弃未保存的修改？',
      content: '当前单位的修改尚未保存，继续操作将丢失这些修改。',
      okText: '放弃修改',
      cancelText: '继续编辑',
      onOk: () => {
        setEditDirty(false);
        action();
      },
    });
  };

  const onSearch = (value: string) => {
    const k = value.trim();
    setKeyword(k);
    if (!k) return;
    const hits = orgs.filter((o) => o.name.includes(k));
    if (hits.length === 0) {
      void message.info(`没有名称包含「${k}」的单位`);
      return;
    }
    setExpanded((prev) => [...new Set([...(prev ?? defaultExpanded), ...hits.flatMap((o) => ancestorIds(orgs, o.id))])]);
  };

  const onSelect: TreeProps['onSelect'] = (keys) => {
    const next = keys[0] === undefined ? null : String(keys[0]);
    if (next === null || next === selectedId) return;
    leaveEdit(() => setSelectedId(next));
  };

  const runMove = async (updates: Parameters<typeof applyMovePlan>[0]) => {
    setMoving(true);
    const result = await applyMovePlan(updates, (u) =>
      updateOrg(u.id, u.parentId !== undefined ? { parentId: u.parentId, sortOrder: u.sortOrder } : { sortOrder: u.sortOrder }),
    );
    setMoving(false);
    if (result.ok) void message.success('单位位置已调整');
    else void message.error(`调整失败：${actionErrorText(result.error)}`);
    reload();
  };

  const onDrop = useTreeDrop({ items: orgs, byId, moving, runMove, expandTo, noun: '单位', topLevel: '顶层单位' });

  const closeCreate = () => {
    if (!createDirty) {
      setCreating(null);
      return;
    }
    modal.confirm({
      title: '放弃新建单位？',
      content: '已填写的内容将不会保存。',
      okText: '放弃',
      cancelText: '继续填写',
      onOk: () => {
        setCreateDirty(false);
        setCreating(null);
      },
    });
  };

  const onCreated = (org: Org) => {
    setCreateDirty(false);
    setCreating(null);
    if (org.parentId) expandTo(org.parentId);
    // Show the new org, unless that would throw away edits still open on the current one.
    if (!editDirty) setSelectedId(org.id);
    reload();
  };

  const dragHint = editDirty ? '请先保存或放弃当前修改，再拖动调整。' : '可拖动单位调整顺序或上级单位，也可在右侧修改“上级单位”。';

  return (
    <>
      <PageTitle
        title="单位管理"
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating({ parentId: null })}>
              新建顶层单位
            </Button>
          )
        }
      />
      {error !== null && <LoadErrorAlert error={error} what="单位列表" onRetry={reload} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card title={<h2 className="gk-card-heading">单位结构</h2>}>
            <label htmlFor={searchId} className="gk-visually-hidden">
              查找单位
            </label>
            <Input.Search
              id={searchId}
              className="gk-block"
              placeholder="输入单位名称查找"
              allowClear
              enterButton="查找"
              onSearch={onSearch}
            />
            {canManage && orgs.length > 1 && (
              <Typography.Paragraph type="secondary" className="gk-hint">
                {dragHint}
              </Typography.Paragraph>
            )}
            <Spin spinning={loading || moving} description={moving ? '正在保存…' : '正在加载…'}>
              {orgs.length === 0 && !loading ? (
                <Empty description="暂无单位" />
              ) : (
                <Tree
                  aria-label="单位结构"
                  blockNode
                  showLine
                  treeData={treeData}
                  expandedKeys={expandedKeys}
                  onExpand={(keys) => setExpanded(keys)}
                  selectedKeys={selectedId ? [selectedId] : []}
                  onSelect={onSelect}
                  draggable={canManage && !editDirty ? { icon: false } : false}
                  onDrop={onDrop}
                />
              )}
            </Spin>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card
            title={<h2 className="gk-card-heading">{selected ? selected.name : '单位信息'}</h2>}
            extra={
              canManage &&
              selected && (
                <Button icon={<PlusOutlined />} onClick={() => setCreating({ parentId: selected.id })}>
                  新建下级单位
                </Button>
              )
            }
          >
            {!selected ? (
              <Empty description="请在左侧选择单位" />
            ) : canManage ? (
              <OrgForm
                key={`${selected.id}:${selected.updatedAt}`}
                orgs={orgs}
                org={selected}
                onDirtyChange={setEditDirty}
                onSaved={(org) => {
                  setEditDirty(false);
                  if (org.parentId) expandTo(org.parentId);
                  reload();
                }}
              />
            ) : (
              <OrgDetails org={selected} parent={selected.parentId ? byId.get(selected.parentId) : undefined} />
            )}
          </Card>
        </Col>
      </Row>
      <Modal
        open={creating !== null}
        title={creating?.parentId ? `新建「${byId.get(creating.parentId)?.name ?? ''}」的下级单位` : '新建顶层单位'}
        footer={null}
        onCancel={closeCreate}
        mask={{ closable: false }}
        destroyOnHidden
      >
        {creating && (
          <OrgForm
            orgs={orgs}
            defaultParentId={creating.parentId}
            onDirtyChange={setCreateDirty}
            onCancel={closeCreate}
            onSaved={onCreated}
          />
        )}
      </Modal>
    </>
  );
}
