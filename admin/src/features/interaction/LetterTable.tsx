import { Table, Tag, type TableColumnsType, type TablePaginationConfig } from 'antd';
import { Link } from 'react-router';
import type { LetterSummary } from '../../api/interaction.ts';
import { ScrollRegion } from '../../components/ScrollRegion.tsx';
import { TableEmpty } from '../../components/TableEmpty.tsx';
import { DueLevelText } from './DueLevelText.tsx';
import { LetterStateTag } from './LetterStateTag.tsx';
import { channelKindLabel, handlingText, ratingText } from './letterLabels.ts';
import './interaction.css';

export interface LetterTableProps {
  /** What the region holds, for screen readers (e.g. 信件列表). */
  label: string;
  letters: readonly LetterSummary[];
  loading: boolean;
  emptyText: string;
  /**
   * all: the office's list (channel, category, 已公开, 评价); watch: letters near or past their
   * deadline (how long each has been open, and the veto-line risk).
   */
  variant: 'all' | 'watch';
  /** Adds a 网站 column with these names (lists that span sites). */
  siteNames?: ReadonlyMap<string, string> | undefined;
  pagination?: TablePaginationConfig | false | undefined;
}

/** The least the title gets before the table scrolls sideways. */
const TITLE_WIDTH = 260;

/** Letters as a table, the 受理编号 linking to the letter; wide, so it scrolls sideways by keyboard too. */
export function LetterTable({ label, letters, loading, emptyText, variant, siteNames, pagination }: LetterTableProps) {
  const columns: TableColumnsType<LetterSummary> = [
    {
      title: '受理编号',
      key: 'trackingNo',
      width: 170,
      render: (_, l) => (
        <Link to={`/letters/${encodeURIComponent(l.id)}`}>
          {l.trackingNo}
          <span className="gk-visually-hidden">{l.title}</span>
        </Link>
      ),
    },
    { title: '标题', dataIndex: 'title', key: 'title', ellipsis: true },
    ...(siteNames
      ? [{ title: '网站', key: 'site', width: 160, render: (_: unknown, l: LetterSummary) => siteNames.get(l.siteId) ?? '—' }]
      : []),
    ...(variant === 'all'
      ? [
          {
            title: '渠道',
            key: 'channel',
            width: 150,
            render: (_: unknown, l: LetterSummary) =>
              l.channelName === channelKindLabel(l.channelKind) ? l.channelName : `${l.channelName}（${channelKindLabel(l.channelKind)}）`,
          },
          { title: '分类', dataIndex: 'category', key: 'category', width: 100 },
        ]
      : []),
    { title: '办理单位', key: 'org', width: 200, render: (_, l) => handlingText(l) },
    { title: '状态', key: 'state', width: 120, render: (_, l) => <LetterStateTag state={l.state} /> },
    { title: '收信日期', dataIndex: 'receivedOn', key: 'received', width: 110 },
    { title: '答复期限', key: 'due', width: 130, render: (_, l) => <DueLevelText letter={l} /> },
    ...(variant === 'all'
      ? [
          { title: '已公开', key: 'published', width: 80, render: (_: unknown, l: LetterSummary) => (l.published ? '是' : '否') },
          { title: '评价', key: 'rating', width: 100, render: (_: unknown, l: LetterSummary) => ratingText(l.rating) },
        ]
      : [
          {
            title: '收信天数',
            key: 'daysOpen',
            width: 160,
            render: (_: unknown, l: LetterSummary) => (
              <>
                {l.daysOpen === null ? '—' : `${l.daysOpen} 天`} {l.vetoRisk ? <Tag color="red">否决风险</Tag> : null}
              </>
            ),
          },
        ]),
  ];
  return (
    <ScrollRegion label={label}>
      <Table<LetterSummary>
        rowKey="id"
        columns={columns}
        dataSource={[...letters]}
        loading={loading}
        pagination={pagination ?? (letters.length > 50 ? { pageSize: 50, showSizeChanger: false } : false)}
        scroll={{ x: columns.reduce((sum, c) => sum + (typeof c.width === 'number' ? c.width : TITLE_WIDTH), 0) }}
        locale={{ emptyText: <TableEmpty loading={loading} text={emptyText} /> }}
      />
    </ScrollRegion>
  );
}
