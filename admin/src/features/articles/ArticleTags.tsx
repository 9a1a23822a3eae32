import { Space, Tag, Typography } from 'antd';
import type { ArticleSummary } from '../../api/content.ts';
import { deadlineDisplay, statusTags } from './articleLabels.ts';

/** Status, stage, 紧急发布 and 已发布 as tags; each says its state in words. */
export function StatusTags({ article }: { article: Pick<ArticleSummary, 'status' | 'stageLabel' | 'live' | 'emergency'> }) {
  return (
    <Space size={[0, 4]} wrap>
      {statusTags(article).map((t) => (
        <Tag key={t.key} color={t.color}>
          {t.label}
        </Tag>
      ))}
    </Space>
  );
}

/** The 时限 cell: a tag naming the state and a line with the due time or lateness. */
export function DeadlineCell({
  article,
  now,
}: {
  article: Pick<ArticleSummary, 'deadline' | 'dueAt' | 'lateMinutes' | 'publishedAt'>;
  now: number;
}) {
  const d = deadlineDisplay(article, now);
  if (d.label === '无时限') return <Typography.Text type="secondary">无时限</Typography.Text>;
  return (
    <div className="gk-deadline-cell">
      <Tag color={d.color}>{d.label}</Tag>
      {d.detail && <div className="gk-deadline-detail">{d.detail}</div>}
    </div>
  );
}
