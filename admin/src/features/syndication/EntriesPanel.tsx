import { App, Button, Popconfirm, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useCallback, useId, useState } from 'react';
import { SYNDICATION_ORIGIN_LABELS, SYNDICATION_STATE_LABELS, SYNDICATION_STATES } from '../../../../common/schemas/syndication.ts';
import {
  declineEntry,
  fetchSyndicationEntries,
  removeEntry,
  takeEntry,
  type SyndicationEntry,
  type SyndicationState,
} from '../../api/syndication.ts';
import { LoadErrorAlert } from '../../components/LoadErrorAlert.tsx';
import { TableEmpty } from '../../components/TableEmpty.tsx';
import { formatDateTime } from '../../lib/datetime.ts';
import { actionErrorText } from '../../lib/formErrors.ts';
import { useApiData } from '../../lib/useApiData.ts';

const STATE_OPTIONS = [
  { value: '', label: '全部状态' },
  ...SYNDICATION_STATES.map((s) => ({ value: s, label: SYNDICATION_STATE_LABELS[s] })),
];
const DECISIONS = { take: takeEntry, decline: declineEntry, remove: removeEntry };
const STATE_COLORS: Record<SyndicationState, string> = { offered: 'blue', taken: 'green', declined: 'default', withdrawn: 'default' };

/** A receiving site's shared articles: offers to take or decline, and taken ones to remove again. */
export function EntriesPanel({ siteId, canDecide }: { siteId: string; canDecide: boolean }) {
  const { message } = App.useApp();
  const stateId = useId();
  const [state, setState] = useState<SyndicationState | ''>('offered');
  const load = useCallback((signal: AbortSignal) => fetchSyndicationEntries(siteId, state, signal), [siteId, state]);
  const entries = useApiData(load);
  const [busy, setBusy] = useState<string | null>(null);

  const decide = async (e: SyndicationEntry, decision: 'take' | 'decline' | 'remove', label: string) => {
    setBusy(e.id);
    try {
      await DECISIONS[decision](e.id, e.version);
      void message.success(`已${label}“${e.title}”`);
    } catch (err) {
      void message.error(`${label}失败：${actionErrorText(err)}`);
    } finally {
      setBusy(null);
      entries.reload();
    }
  };

  const columns: TableColumnsType<SyndicationEntry> = [
    {
      title: '标题',
      key: 'title',
      render: (_, e) => (
        <Space size={[4, 4]} wrap>
          {e.title}
          {!e.articlePublic && <Tag>来源已撤回</Tag>}
        </Space>
      ),
    },
    { title: '来源', key: 'source', width: 200, render: (_, e) => `${e.sourceSiteName}（${e.sourceOrgName}）` },
    { title: '本网站栏目', dataIndex: 'columnName', key: 'column', width: 140 },
    { title: '方式', key: 'origin', width: 70, render: (_, e) => SYNDICATION_ORIGIN_LABELS[e.origin] },
    {
      title: '状态',
      key: 'state',
      width: 90,
      render: (_, e) => <Tag color={STATE_COLORS[e.state]}>{SYNDICATION_STATE_LABELS[e.state]}</Tag>,
    },
    { title: '推送时间', key: 'offeredAt', width: 150, render: (_, e) => formatDateTime(e.offeredAt) },
    {
      title: '处理',
      key: 'decided',
      width: 180,
      render: (_, e) => (e.decidedAt ? `${e.decidedBy ?? '自动'} ${formatDateTime(e.decidedAt)}` : '—'),
    },
    ...(canDecide
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 150,
            render: (_: unknown, e: SyndicationEntry) =>
              e.state === 'offered' ? (
                <Space size={0}>
                  <Button
                    type="link"
                    size="small"
                    disabled={!e.articlePublic}
                    loading={busy === e.id}
                    onClick={() => void decide(e, 'take', '采用')}
                  >
                    采用<span className="gk-visually-hidden">{e.title}</span>
                  </Button>
                  <Button type="link" size="small" onClick={() => void decide(e, 'decline', '不采用')}>
                    不采用<span className="gk-visually-hidden">{e.title}</span>
                  </Button>
                </Space>
              ) : e.state === 'taken' ? (
                <Popconfirm
                  title={`从本网站栏目撤下“${e.title}”？`}
                  okText="撤下"
                  okButtonProps={{ danger: true }}
                  cancelText="取消"
                  onConfirm={() => decide(e, 'remove', '撤下')}
                >
                  <Button type="link" size="small" danger>
                    撤下<span className="gk-visually-hidden">{e.title}</span>
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <>
      <div className="gk-filters" role="search" aria-label="筛选共享信息">
        <div className="gk-filter">
          <label htmlFor={stateId}>状态</label>
          <Select id={stateId} value={state} onChange={(v: SyndicationState | '') => setState(v)} options={STATE_OPTIONS} />
        </div>
      </div>
      {entries.error !== null && <LoadErrorAlert error={entries.error} what="共享信息" onRetry={entries.reload} />}
      <Table<SyndicationEntry>
        rowKey="id"
        size="small"
        caption={<span className="gk-visually-hidden">共享给本网站的信息</span>}
        columns={columns}
        dataSource={entries.data ?? []}
        loading={entries.loading}
        pagination={(entries.data?.length ?? 0) > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        locale={{ emptyText: <TableEmpty loading={entries.loading} text="暂无共享信息" /> }}
      />
    </>
  );
}
