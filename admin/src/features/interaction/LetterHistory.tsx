import { Empty, Timeline, Typography } from 'antd';
import type { LetterDetail } from '../../api/interaction.ts';
import { formatDateTime } from '../../lib/datetime.ts';

/** The letter's record: what was done, by whom, when, with the note given. Oldest first. */
export function LetterHistory({ events }: { events: LetterDetail['events'] }) {
  if (events.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无办理记录" />;
  return (
    <Timeline
      items={[...events]
        .sort((a, b) => a.seq - b.seq)
        .map((e) => ({
          key: e.seq,
          content: (
            <div>
              <Typography.Text type="secondary">{formatDateTime(e.recordedAt)}</Typography.Text>
              <div>
                <Typography.Text strong>{e.actorName}</Typography.Text> {e.label}
              </div>
              {e.note ? <div className="gk-letter-note">{e.note}</div> : null}
            </div>
          ),
        }))}
    />
  );
}
