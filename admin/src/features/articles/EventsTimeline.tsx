import { Empty, Timeline, Typography } from 'antd';
import type { ArticleEvent, ArticleStage } from '../../api/content.ts';
import { formatDateTime } from '../../lib/datetime.ts';
import { eventLabel, eventStageLabel } from './articleLabels.ts';

const COLORS: Record<string, string> = {
  approve: 'green',
  publish: 'green',
  correct: 'green',
  reject: 'red',
  emergency: 'red',
  retract: 'red',
  withdraw: 'gray',
};

/** What an event's opinion field holds, by kind: a reviewer's opinion, a reason, or a time. */
function noteOf(e: ArticleEvent): string | null {
  if (!e.opinion) return null;
  switch (e.kind) {
    case 'schedule':
      return `定时发布时间：${formatDateTime(e.opinion) || e.opinion}`;
    case 'emergency':
    case 'retract':
      return `理由：${e.opinion}`;
    case 'edit':
      return e.opinion;
    default:
      return `意见：${e.opinion}`;
  }
}

/** The review history: who did what, when, at which stage, with their opinion and the version it concerned. */
export function EventsTimeline({
  events,
  stages,
  revisionNumbers,
}: {
  events: readonly ArticleEvent[];
  stages: readonly ArticleStage[];
  revisionNumbers: ReadonlyMap<string, number>;
}) {
  if (events.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无记录" />;
  return (
    <Timeline
      items={events.map((e, i) => {
        const stage = eventStageLabel(e.stage, stages);
        const rev = e.revisionId ? revisionNumbers.get(e.revisionId) : undefined;
        const note = noteOf(e);
        return {
          key: `${e.at}-${i}`,
          color: COLORS[e.kind] ?? 'blue',
          content: (
            <div>
              <Typography.Text type="secondary">{formatDateTime(e.at)}</Typography.Text>
              <div>
                <Typography.Text strong>{e.actorName}</Typography.Text>
                {` ${eventLabel(e.kind)}`}
                {stage && e.kind !== 'emergency' ? `（${stage}）` : ''}
                {rev !== undefined ? ` · 第 ${rev} 版` : ''}
              </div>
              {note && <div className="gk-event-note">{note}</div>}
            </div>
          ),
        };
      })}
    />
  );
}
