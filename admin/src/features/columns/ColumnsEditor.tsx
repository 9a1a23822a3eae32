import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Row,
  Space,
  Spin,
  Tag,
  Tooltip,
  Tree,
  Typography,
  type TreeDataNode,
  type TreeProps,
} from 'antd';
import { useCallback, useId, useMemo, useState, type Key, type ReactNode } from 'react';
import { fetchOrgs } from '../../api/orgs.ts';
import { fetchColumns, updateColumn, type Column } from '../../api/sites.ts';
import { LoadErrorAlert } from '../../components/LoadErrorAlert.tsx';
import { applyMovePlan } from '../../lib/applyMoves.ts';
import { actionErrorText } from '../../lib/formErrors.ts';
import { ancestorIds, buildTree, mapTree } from '../../lib/tree.ts';
import { type OrderUpdate } from '../../lib/treeMove.ts';
import { useTreeDrop } from '../../lib/useTreeDrop.ts';
import { useApiData } from '../../lib/useApiData.ts';
import { CloseColumnModal } from './CloseColumnModal.tsx';
import { ColumnDetails } from './ColumnDetails.tsx';
import { ColumnForm } from './ColumnForm.tsx';

/** Above this many columns the tree opens with the first level only. */
const EXPAND_ALL_LIMIT = 100;
const MERGE_HINT = '合并栏目需在内容管理上线后使用';

type Panel = { kind: 'view' } | { kind: 'create'; parentId: string | null };

function columnTitle(c: Column): ReactNode {
  const closed = c.status === 'closed';
  return (
    <span className={closed ? 'gk-tree-title gk-tree-closed' : 'gk-tree-title'}>
      <span>{c.name}</span>
      <span className="gk-tree-meta">{`/${c.slug}`}</span>
      {closed && <Tag className="gk-tree-tag">已关闭</Tag>}
    </span>
  );
}

export interface ColumnsEditorProps {
  siteId: string;
  siteName: string;
  canManage: boolean;
}

/**
 * The column tree of one site: drag and drop to reorder or move, a side form to create and
 * edit, and 关闭栏目 with a reason. Keyed by site by its parent, so switching sites starts fresh.
 */
export function ColumnsEditor({ siteId, siteName, canManage }: ColumnsEditorProps) {
  const { message, modal } = App.useApp();
  const mergeHintId = useId();

  const loadColumns = useCallback((signal: AbortSignal) => fetchColumns(siteId, signal), [siteId]);
  const cols = useApiData(loadColumns);
  const loadOrgs = useCallback((signal: AbortSignal) => fetchOrgs(signal), []);
  const orgs = useApiData(loadOrgs);

  const columns = useMemo(() => cols.data ?? [], [cols.data]);
  const orgList = useMemo(() => orgs.data ?? [], [orgs.data]);
  const byId = useMemo(() => new Map(columns.map((c) => [c.id, c])), [columns]);
  const orgNames = useMemo(() => new Map(orgList.map((o) => [o.id, o.name])), [orgList]);

  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [panel, setPanel] = useState<Panel>({ kind: 'view' });
  const [expanded, setExpanded] = useState<Key[] | null>(null);
  const [formDirty, setFormDirty] = useState(false);
  const [moving, setMoving] = useState(false);
  const [closing, setClosing] = useState<Column | null>(null);

  const selected = selectedId ? byId.get(selectedId) : undefined;

  const treeData = useMemo(
    () =>
      mapTree<Column, TreeDataNode>(buildTree(columns), (c, children) => ({
        key: c.id,
        title: columnTitle(c),
        ...(children.length > 0 ? { children } : {}),
      })),
    [columns],
  );
  const defaultExpanded = useMemo<Key[]>(
    () => (columns.length <= EXPAND_ALL_LIMIT ? columns.map((c) => c.id) : columns.filter((c) => c.parentId === null).map((c) => c.id)),
    [columns],
  );
  /** Opens the tree down to `id` (and `id` itself, so its children show). */
  const expandTo = (id: string) => setExpanded((prev) => [...new Set([...(prev ?? defaultExpanded), id, ...ancestorIds(columns, id)])]);

  /** Runs `action` now, or once the user agrees to drop the open form's changes. */
  const leaveForm = (action: () => void) => {
    if (!formDirty) return action();
    modal.confirm({
      title: '放弃未保存的修改？',
      content: '右侧表单的修改尚未保存，继续操作将丢失这些修改。',
      okText: '放弃修改',
      cancelText: '继续编辑',
      onOk: () => {
        setFormDirty(false);
        action();
      },
    });
  };

  const onSelect: TreeProps['onSelect'] = (keys) => {
    const next = keys[0] === undefined ? null : String(keys[0]);
    if (next === null || (next === selectedId && panel.kind === 'view')) return;
    leaveForm(() => {
      setSelectedId(next);
      setPanel({ kind: 'view' });
    });
  };

  const runMove = async (updates: readonly OrderUpdate[]) => {
    setMoving(true);
    const result = await applyMovePlan(updates, (u) =>
      updateColumn(siteId, u.id, u.parentId !== undefined ? { parentId: u.parentId, sortOrder: u.sortOrder } : { sortOrder: u.sortOrder }),
    );
    setMoving(false);
    if (result.ok) void message.success('栏目位置已调整');
    else void message.error(`调整失败：${actionErrorText(result.error)}`);
    cols.reload();
  };

  const onDrop = useTreeDrop({ items: columns, byId, moving, runMove, expandTo, noun: '栏目', topLevel: '一级栏目' });

  // New columns go nowhere inside closed ones; antd asks before showing the drop line.
  const allowDrop: TreeProps['allowDrop'] = ({ dropNode, dropPosition }) =>
    dropPosition !== 0 || byId.get(String(dropNode.key))?.status !== 'closed';

  const startCreate = (parentId: string | null) =>
    leaveForm(() => {
      setPanel({ kind: 'create', parentId });
    });

  const onSaved = (column: Column) => {
    setFormDirty(false);
    setSelectedId(column.id);
    setPanel({ kind: 'view' });
    if (column.parentId) expandTo(column.parentId);
    cols.reload();
  };

  const dragHint = formDirty
    ? '请先保存或放弃右侧的修改，再拖动调整。'
    : '可拖动栏目调整顺序或上级栏目，也可在右侧修改“上级栏目”和“排序号”。';

  let panelTitle = '栏目信息';
  let panelBody: ReactNode = <Empty description="请在左侧选择栏目" />;
  let panelExtra: ReactNode = null;
  if (panel.kind === 'create' && canManage) {
    const parentName = panel.parentId ? byId.get(panel.parentId)?.name : null;
    panelTitle = parentName ? `新建「${parentName}」的下级栏目` : '新建一级栏目';
    panelBody = (
      <ColumnForm
        key={`new:${panel.parentId ?? ''}`}
        siteId={siteId}
        columns={columns}
        orgs={orgList}
        parentId={panel.parentId}
        onDirtyChange={setFormDirty}
        onCancel={() => leaveForm(() => setPanel({ kind: 'view' }))}
        onSaved={onSaved}
      />
    );
  } else if (selected) {
    const closed = selected.status === 'closed';
    panelTitle = selected.name;
    panelExtra = canManage && (
      <Space wrap>
        <Button icon={<PlusOutlined />} onClick={() => startCreate(selected.id)} disabled={closed}>
          新建下级栏目
        </Button>
        <Button danger disabled={closed} onClick={() => leaveForm(() => setClosing(selected))}>
          关闭栏目
        </Button>
        <Tooltip title={MERGE_HINT}>
          <Button disabled aria-describedby={mergeHintId}>
            合并栏目
          </Button>
        </Tooltip>
        <span id={mergeHintId} className="gk-visually-hidden">
          {MERGE_HINT}
        </span>
      </Space>
    );
    panelBody = (
      <>
        {closed && <Alert className="gk-form-alert" type="warning" showIcon role="note" title="该栏目已关闭，不再对外显示。" />}
        {canManage ? (
          <ColumnForm
            key={`${selected.id}:${selected.updatedAt}`}
            siteId={siteId}
            columns={columns}
            orgs={orgList}
            column={selected}
            onDirtyChange={setFormDirty}
            onSaved={onSaved}
          />
        ) : (
          <ColumnDetails
            column={selected}
            parentName={selected.parentId ? (byId.get(selected.parentId)?.name ?? null) : null}
            ownerName={selected.ownerOrgId ? (orgNames.get(selected.ownerOrgId) ?? null) : null}
          />
        )}
      </>
    );
  }

  return (
    <>
      {cols.error !== null && <LoadErrorAlert error={cols.error} what="栏目列表" onRetry={cols.reload} />}
      {orgs.error !== null && <LoadErrorAlert error={orgs.error} what="单位列表" onRetry={orgs.reload} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card
            title={<h2 className="gk-card-heading">{`${siteName} 栏目`}</h2>}
            extra={
              canManage && (
                <Button icon={<PlusOutlined />} onClick={() => startCreate(null)}>
                  新建一级栏目
                </Button>
              )
            }
          >
            {canManage && columns.length > 1 && (
              <Typography.Paragraph type="secondary" className="gk-hint">
                {dragHint}
              </Typography.Paragraph>
            )}
            <Spin spinning={cols.loading || moving} description={moving ? '正在保存…' : '正在加载…'}>
              {columns.length === 0 && !cols.loading ? (
                <Empty description="本网站还没有栏目" />
              ) : (
                <Tree
                  aria-label={`${siteName}栏目结构`}
                  blockNode
                  showLine
                  treeData={treeData}
                  expandedKeys={expanded ?? defaultExpanded}
                  onExpand={(keys) => setExpanded(keys)}
                  selectedKeys={selectedId && panel.kind === 'view' ? [selectedId] : []}
                  onSelect={onSelect}
                  draggable={canManage && !formDirty ? { icon: false } : false}
                  allowDrop={allowDrop}
                  onDrop={onDrop}
                />
              )}
            </Spin>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card title={<h2 className="gk-card-heading">{panelTitle}</h2>} extra={panelExtra}>
            {panelBody}
          </Card>
        </Col>
      </Row>
      {closing && (
        <CloseColumnModal
          siteId={siteId}
          column={closing}
          onCancel={() => setClosing(null)}
          onClosed={(c) => {
            setClosing(null);
            void message.success(`栏目「${c.name}」已关闭`);
            cols.reload();
          }}
        />
      )}
    </>
  );
}
