import { Alert, Button, Checkbox, Empty, Radio, Select, Space, Spin, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useCallback, useId, useMemo, useState, type ReactNode } from 'react';
import { compareRevisions, type Comparison, type DiffPart, type RevisionSummary } from '../../api/content.ts';
import { formatDateTime } from '../../lib/datetime.ts';
import { useApiData } from '../../lib/useApiData.ts';
import { LoadErrorAlert } from '../../components/LoadErrorAlert.tsx';
import { fieldLabel, formatFieldValue } from './articleForm.ts';
import { TAG_COLORS } from './articleLabels.ts';
import { collapseUnchanged, defaultComparePair, diffCounts, inlineParts, sideBySide, type DiffRow } from './diffModel.ts';

/** Added text: underlined on green and announced as 新增 (not told by colour alone). */
function Added({ children }: { children: ReactNode }) {
  return (
    <ins>
      <span className="gk-visually-hidden">[新增]</span>
      {children}
    </ins>
  );
}

/** Removed text: struck through on red and announced as 删除. */
function Removed({ children }: { children: ReactNode }) {
  return (
    <del>
      <span className="gk-visually-hidden">[删除]</span>
      {children}
    </del>
  );
}

const lineText = (t: string | null) => (t === null ? '' : t.trim() === '' ? '\u00a0' : t);
/** A changed line that is blank still needs something to mark up, or the change is invisible. */
const changedText = (t: string) => (t.trim() === '' ? '（空行）' : t);

function InlineParts({ parts }: { parts: readonly DiffPart[] }) {
  return (
    <>
      {inlineParts(parts).map((p, i) =>
        p.kind === 'added' ? (
          <Added key={i}>{p.text}</Added>
        ) : p.kind === 'removed' ? (
          <Removed key={i}>{p.text}</Removed>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </>
  );
}

function SideBySide({ rows, fromLabel, toLabel }: { rows: readonly DiffRow[]; fromLabel: string; toLabel: string }) {
  return (
    <table className="gk-diff-table">
      <caption className="gk-visually-hidden">{`正文逐行比较：左列为${fromLabel}，右列为${toLabel}`}</caption>
      <thead>
        <tr>
          <th scope="col">{fromLabel}</th>
          <th scope="col">{toLabel}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) =>
          r.kind === 'skip' ? (
            <tr key={i} className="gk-diff-skip">
              <td colSpan={2}>{`…… 省略 ${r.count} 行未修改的内容 ……`}</td>
            </tr>
          ) : (
            <tr key={i}>
              <td>{r.kind === 'same' ? lineText(r.left) : r.left !== null ? <Removed>{changedText(r.left)}</Removed> : ''}</td>
              <td>{r.kind === 'same' ? lineText(r.right) : r.right !== null ? <Added>{changedText(r.right)}</Added> : ''}</td>
            </tr>
          ),
        )}
      </tbody>
    </table>
  );
}

function ComparisonView({ comparison, mode, showAll }: { comparison: Comparison; mode: 'side' | 'inline'; showAll: boolean }) {
  const fromLabel = `第 ${comparison.from.number} 版`;
  const toLabel = `第 ${comparison.to.number} 版`;
  const counts = diffCounts(comparison.body);
  const titleChanged = comparison.title.some((p) => p.kind !== 'same');
  const rows = useMemo(() => {
    const all = sideBySide(comparison.body);
    return showAll ? all : collapseUnchanged(all);
  }, [comparison.body, showAll]);
  const fields = comparison.fields.filter((f) => f.field !== 'title');

  return (
    <div className="gk-diff">
      <Typography.Paragraph>
        {`${fromLabel} → ${toLabel}：正文新增 ${counts.added} 行、删除 ${counts.removed} 行`}
        {fields.length > 0 ? `，${fields.length} 个信息项有变化` : ''}
        {titleChanged ? '，标题有修改' : ''}。
      </Typography.Paragraph>
      {titleChanged && (
        <div className="gk-diff-fields">
          <h3 className="gk-subheading">标题</h3>
          <div className="gk-diff-inline">
            <InlineParts parts={comparison.title} />
          </div>
        </div>
      )}
      {fields.length > 0 && (
        <div className="gk-diff-fields">
          <h3 className="gk-subheading">信息项</h3>
          <table className="gk-diff-table">
            <caption className="gk-visually-hidden">有变化的信息项</caption>
            <thead>
              <tr>
                <th scope="col">信息项</th>
                <th scope="col">{fromLabel}</th>
                <th scope="col">{toLabel}</th>
              </tr>
            </thead>
            <tbody>
              {fields.map((f) => {
                const before = formatFieldValue(f.field, f.from);
                const after = formatFieldValue(f.field, f.to);
                return (
                  <tr key={f.field}>
                    <th scope="row">{fieldLabel(f.field)}</th>
                    <td>{before ? <Removed>{before}</Removed> : '（空）'}</td>
                    <td>{after ? <Added>{after}</Added> : '（空）'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <h3 className="gk-subheading">正文</h3>
      {counts.added + counts.removed === 0 ? (
        <Typography.Paragraph type="secondary">正文文字没有变化。</Typography.Paragraph>
      ) : mode === 'side' ? (
        <SideBySide rows={rows} fromLabel={fromLabel} toLabel={toLabel} />
      ) : (
        <div className="gk-diff-inline">
          <InlineParts parts={comparison.body} />
        </div>
      )}
    </div>
  );
}

export interface RevisionsPanelProps {
  articleId: string;
  revisions: readonly RevisionSummary[];
  currentId: string | null;
  liveId: string | null;
}

/**
 * The revision list and a comparison of any two revisions. By default the current revision
 * is compared with the published one (what publishing would change), else with the previous.
 */
export function RevisionsPanel({ articleId, revisions, currentId, liveId }: RevisionsPanelProps) {
  const fromId = useId();
  const toId = useId();
  const modeId = useId();
  const initialPair = useMemo(() => defaultComparePair(revisions, currentId, liveId), [revisions, currentId, liveId]);
  const [chosen, setChosen] = useState<{ from: string; to: string } | null>(null);
  const pair = chosen ?? initialPair;
  const [mode, setMode] = useState<'side' | 'inline'>('side');
  const [showAll, setShowAll] = useState(false);

  const load = useCallback(
    (signal: AbortSignal) =>
      pair && pair.from !== pair.to ? compareRevisions(articleId, pair.from, pair.to, signal) : Promise.resolve(null),
    [articleId, pair],
  );
  const comparison = useApiData(load);

  const sorted = useMemo(() => [...revisions].sort((a, b) => b.number - a.number), [revisions]);
  const options = sorted.map((r) => ({
    value: r.id,
    label: `第 ${r.number} 版${r.id === currentId ? '（当前）' : ''}${r.live ? '（已发布）' : ''}`,
  }));

  const columns: TableColumnsType<RevisionSummary> = [
    { title: '版本', key: 'number', width: 80, render: (_, r) => `第 ${r.number} 版` },
    { title: '标题', dataIndex: 'title', key: 'title', width: 260 },
    { title: '修改人', dataIndex: 'createdByName', key: 'by', width: 110 },
    { title: '时间', key: 'at', width: 160, render: (_, r) => formatDateTime(r.createdAt) },
    {
      title: '状态',
      key: 'state',
      width: 150,
      render: (_, r) => (
        <Space size={[0, 4]} wrap>
          {r.id === currentId && <Tag color="blue">当前版本</Tag>}
          {r.live && <Tag color={TAG_COLORS.green}>已发布</Tag>}
        </Space>
      ),
    },
    {
      title: '比较',
      key: 'compare',
      width: 140,
      render: (_, r) =>
        currentId && r.id !== currentId ? (
          <Button type="link" size="small" onClick={() => setChosen({ from: r.id, to: currentId })}>
            {`与当前版本比较`}
            <span className="gk-visually-hidden">{`（第 ${r.number} 版）`}</span>
          </Button>
        ) : null,
    },
  ];

  return (
    <>
      <Table<RevisionSummary>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={sorted}
        pagination={sorted.length > 10 ? { pageSize: 10 } : false}
      />
      <h3 className="gk-subheading">版本比较</h3>
      {revisions.length < 2 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="只有一个版本，无可比较" />
      ) : (
        <>
          <div className="gk-filters">
            <div className="gk-filter">
              <label htmlFor={fromId}>原版本</label>
              <Select
                id={fromId}
                options={options}
                value={pair?.from}
                onChange={(v: string) => setChosen({ from: v, to: pair?.to ?? currentId ?? v })}
              />
            </div>
            <div className="gk-filter">
              <label htmlFor={toId}>新版本</label>
              <Select id={toId} options={options} value={pair?.to} onChange={(v: string) => setChosen({ from: pair?.from ?? v, to: v })} />
            </div>
            <div className="gk-filter">
              <span id={modeId}>显示方式</span>
              <Radio.Group
                aria-labelledby={modeId}
                optionType="button"
                value={mode}
                onChange={(e) => setMode(e.target.value as 'side' | 'inline')}
                options={[
                  { value: 'side', label: '并排' },
                  { value: 'inline', label: '行内' },
                ]}
              />
            </div>
            {mode === 'side' && (
              <Checkbox checked={showAll} onChange={(e) => setShowAll(e.target.checked)}>
                显示全部未修改内容
              </Checkbox>
            )}
          </div>
          {pair && pair.from === pair.to && <Alert type="info" showIcon title="请选择两个不同的版本进行比较" />}
          {comparison.error !== null && <LoadErrorAlert error={comparison.error} what="版本比较" onRetry={comparison.reload} />}
          {comparison.loading && !comparison.data ? (
            <Spin />
          ) : (
            comparison.data && <ComparisonView comparison={comparison.data} mode={mode} showAll={showAll} />
          )}
        </>
      )}
    </>
  );
}
