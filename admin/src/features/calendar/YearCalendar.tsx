import { useMemo } from 'react';
import type { CalendarDayEntry } from '../../api/calendar.ts';
import { entryText, KIND_MARKS, monthWeeks, WEEK_HEADINGS } from './calendarModel.ts';

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

/**
 * The year month by month. Holidays carry 休 and 调休 working days 班 (plus the full meaning for
 * screen readers and on hover), so nothing is told by colour alone. Editors may click a day to
 * set it; the same is reachable by keyboard through 添加安排 and the list's 修改.
 */
export function YearCalendar({
  year,
  days,
  today,
  onPick,
}: {
  year: number;
  days: readonly CalendarDayEntry[];
  today: string;
  /** Called with the clicked date (editors only); absent: days are not clickable. */
  onPick?: ((date: string) => void) | undefined;
}) {
  const byDate = useMemo(() => new Map(days.map((d) => [d.date, d])), [days]);

  return (
    <div className="gk-calendar-year">
      {MONTHS.map((month) => (
        <table key={month} className="gk-calendar-month">
          <caption>{`${month}月`}</caption>
          <thead>
            <tr>
              {WEEK_HEADINGS.map((w) => (
                <th key={w.short} scope="col" abbr={w.full}>
                  {w.short}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {monthWeeks(year, month).map((week, i) => (
              <tr key={i}>
                {week.map((date, j) => {
                  if (!date) return <td key={j} />;
                  const entry = byDate.get(date);
                  const classes = ['gk-calendar-day'];
                  if (entry) classes.push(`gk-calendar-${entry.kind}`);
                  else if (j >= 5) classes.push('gk-calendar-weekend');
                  if (date === today) classes.push('gk-calendar-today');
                  if (onPick) classes.push('gk-calendar-pickable');
                  return (
                    <td
                      key={date}
                      className={classes.join(' ')}
                      title={entry ? `${date} ${entryText(entry)}` : undefined}
                      onClick={onPick ? () => onPick(date) : undefined}
                    >
                      <span className="gk-calendar-num">{Number(date.slice(8))}</span>
                      {entry && (
                        <>
                          <span className="gk-calendar-mark" aria-hidden="true">
                            {KIND_MARKS[entry.kind]}
                          </span>
                          <span className="gk-visually-hidden">{entryText(entry)}</span>
                        </>
                      )}
                      {date === today && <span className="gk-visually-hidden">（今天）</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </div>
  );
}
