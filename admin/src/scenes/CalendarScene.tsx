import { ImportOutlined, LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useCallback, useId, useMemo, useState } from 'react';
import {
  CALENDAR_DAY_KIND_LABELS,
  CALENDAR_DAY_SOURCE_LABELS,
  CALENDAR_MAX_YEAR,
  CALENDAR_MIN_YEAR,
} from '../../../common/schemas/calendar.ts';
import { fetchCalendarDays, fetchCalendarYear, removeCalendarDay, type CalendarDayEntry } from '../api/calendar.ts';
import { LoadErrorAlert } from '../components/LoadErrorAlert.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { TableEmpty } from '../components/TableEmpty.tsx';
import { CalendarDayModal, type CalendarDayTarget } from '../features/calendar/CalendarDayModal.tsx';
import '../features/calendar/calendar.css';
import { importSummaryText, KIND_MARKS, yearOptions, yearSourceText } from '../features/calendar/calendarModel.ts';
import { ImportCalendarModal } from '../features/calendar/ImportCalendarModal.tsx';
import { WorkdayCalculator } from '../features/calendar/WorkdayCalculator.tsx';
import { YearCalendar } from '../features/calendar/YearCalendar.tsx';
import { chinaDate, formatDateTime } from '../lib/datetime.ts';
import { actionErrorText } from '../lib/formErrors.ts';
import { useApiData } from '../lib/useApiData.ts';
import { useCurrentUser } from '../session/useSession.ts';

/** Solid tag colours with white text (about 7:1 contrast); the mark and label say the kind anyway. */
const KIND_COLORS = { holiday: '#a8071a', workday: '#874d00' } as const;

/** The permission that edits the calendar (the platform administrator's; the server checks the same). */
const EDIT_PERMISSION = 'orgs.manage';

/**
 * 节假日管理: the working-day calendar every deadline is counted on — the year's holidays (放假)
 * and 调休 working days, where each comes from, manual overrides, importing a year from the
 * State Council notice, and a working-day calculator to check the result.
 */
export default function CalendarScene() {
  const user = useCurrentUser();
  const canEdit = user.permissions.includes(EDIT_PERMISSION);
  const { message } = App.useApp();
  const yearId = useId();
  const [today] = useState(() => chinaDate());
  const thisYear = Number(today.slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [editing, setEditing] = useState<CalendarDayTarget | null>(null);
  const [importing, setImporting] = useState(false);
  const [imported, setImported] = useState<string | null>(null);

  const load = useCallback(
    (signal: AbortSignal) => Promise.all([fetchCalendarYear(year, signal), fetchCalendarDays(year, signal)]),
    [year],
  );
  const calendar = useApiData(load);
  // Only this year's answer counts: while another year loads, show nothing stale.
  const [status, listing] = calendar.data && calendar.data[0].year === year ? calendar.data : [null, null];
  const days = useMemo(() => listing?.days ?? [], [listing]);
  const byDate = useMemo(() => new Map(days.map((d) => [d.date, d])), [days]);

  const options = useMemo(() => yearOptions(thisYear, year), [thisYear, year]);

  const openDay = (date: string) => {
    const entry = byDate.get(date);
    setEditing(entry ? { entry } : { date });
  };

  const remove = async (entry: CalendarDayEntry) => {
    try {
      await removeCalendarDay(entry.date);
      void message.success(`已删除 ${entry.date} 的${CALENDAR_DAY_SOURCE_LABELS[entry.source]}安排`);
    } catch (e) {
      void message.error(`删除失败：${actionErrorText(e)}`);
    } finally {
      calendar.reload();
    }
  };

  const columns: TableColumnsType<CalendarDayEntry> = [
    { title: '日期', dataIndex: 'date', key: 'date', width: 120 },
    { title: '星期', dataIndex: 'weekday', key: 'weekday', width: 90 },
    {
      title: '类型',
      key: 'kind',
      width: 130,
      render: (_, d) => <Tag color={KIND_COLORS[d.kind]}>{`${KIND_MARKS[d.kind]} ${CALENDAR_DAY_KIND_LABELS[d.kind]}`}</Tag>,
    },
    { title: '名称', dataIndex: 'name', key: 'name' },
    { title: '来源', key: 'source', width: 110, render: (_, d) => CALENDAR_DAY_SOURCE_LABELS[d.source] },
    ...(canEdit
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 130,
            render: (_: unknown, d: CalendarDayEntry) => (
              <Space size={0} className="gk-table-actions">
                <Button type="link" size="small" onClick={() => setEditing({ entry: d })}>
                  修改<span className="gk-visually-hidden">{d.date}</span>
                </Button>
                {/* Built-in days cannot be deleted, only overridden. */}
                {d.source !== 'builtin' && (
                  <Popconfirm
                    title={`删除 ${d.date} 的${CALENDAR_DAY_SOURCE_LABELS[d.source]}安排？`}
                    description="删除后该日按内置数据或正常的周末、工作日计算。"
                    okText="删除"
                    okButtonProps={{ danger: true }}
                    cancelText="取消"
                    onConfirm={() => remove(d)}
                  >
                    <Button type="link" size="small" danger>
                      删除<span className="gk-visually-hidden">{d.date}</span>
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  const stepYear = (delta: number) => setYear((y) => Math.min(CALENDAR_MAX_YEAR, Math.max(CALENDAR_MIN_YEAR, y + delta)));

  return (
    <>
      <PageTitle
        title="节假日管理"
        extra={
          canEdit && (
            <Space wrap>
              <Button icon={<PlusOutlined />} onClick={() => setEditing({ date: null })}>
                添加安排
              </Button>
              <Button type="primary" icon={<ImportOutlined />} onClick={() => setImporting(true)}>
                导入全年安排
              </Button>
            </Space>
          )
        }
      />
      <Typography.Paragraph type="secondary">
        发布时限等按工作日计算的期限都以此日历为准。法定节假日和调休上班以国务院办公厅每年发布的节假日安排通知为准；未列出的日子按周一至周五上班、周六周日休息计算。
      </Typography.Paragraph>

      <div className="gk-filters">
        <div className="gk-filter">
          <label htmlFor={yearId}>年份</label>
          <Space.Compact>
            <Button icon={<LeftOutlined />} aria-label="上一年" onClick={() => stepYear(-1)} disabled={year <= CALENDAR_MIN_YEAR} />
            <Select id={yearId} value={year} options={options} onChange={(v: number) => setYear(v)} />
            <Button icon={<RightOutlined />} aria-label="下一年" onClick={() => stepYear(1)} disabled={year >= CALENDAR_MAX_YEAR} />
          </Space.Compact>
        </div>
      </div>

      {calendar.error !== null && <LoadErrorAlert error={calendar.error} what="节假日数据" onRetry={calendar.reload} />}
      {imported && (
        <Alert
          className="gk-block"
          type="success"
          showIcon
          role="status"
          title={imported}
          closable={{ onClose: () => setImported(null) }}
        />
      )}
      {status?.warning && (
        <Alert
          className="gk-block"
          type="warning"
          showIcon
          role="alert"
          title={status.warning}
          action={
            canEdit && (
              <Button size="small" onClick={() => setImporting(true)}>
                导入
              </Button>
            )
          }
        />
      )}

      <Card className="gk-block" title={<h2 className="gk-card-heading">{`${year} 年日历`}</h2>} loading={!status && calendar.loading}>
        {status && (
          <Descriptions
            className="gk-block"
            size="small"
            column={{ xs: 1, md: 3 }}
            items={[
              { key: 'source', label: '数据来源', children: yearSourceText(status, formatDateTime) },
              { key: 'holidays', label: '放假', children: `${status.holidays} 天` },
              { key: 'workdays', label: '调休上班', children: `${status.workdays} 天` },
            ]}
          />
        )}
        <p className="gk-calendar-legend">
          <span className="gk-calendar-legend-item">
            <span className="gk-calendar-mark gk-calendar-holiday" aria-hidden="true">
              {KIND_MARKS.holiday}
            </span>
            放假
          </span>
          <span className="gk-calendar-legend-item">
            <span className="gk-calendar-mark gk-calendar-workday" aria-hidden="true">
              {KIND_MARKS.workday}
            </span>
            调休上班
          </span>
          {canEdit && <span>点击日期可设置该日安排。</span>}
        </p>
        <YearCalendar year={year} days={days} today={today} onPick={canEdit ? openDay : undefined} />
      </Card>

      <Card className="gk-block" title={<h2 className="gk-card-heading">{`${year} 年安排列表（${days.length}）`}</h2>}>
        <Table<CalendarDayEntry>
          rowKey="date"
          size="small"
          columns={columns}
          dataSource={days}
          loading={calendar.loading}
          pagination={false}
          scroll={{ x: 700 }}
          locale={{ emptyText: <TableEmpty loading={calendar.loading} text="该年没有列出的节假日或调休安排" /> }}
        />
      </Card>

      <Card className="gk-block" title={<h2 className="gk-card-heading">工作日计算</h2>}>
        <Typography.Paragraph type="secondary">
          按平台计算期限的方式推算：从起始日的次日起数工作日，如“印发后 3 个工作日内”。工作日数为 0 时给出起始日当天或之后最近的工作日。
        </Typography.Paragraph>
        <WorkdayCalculator today={today} />
      </Card>

      {editing && (
        <CalendarDayModal
          target={editing}
          onCancel={() => setEditing(null)}
          onSaved={(day) => {
            setEditing(null);
            // Show the year of the day just set, so the change is visible.
            setYear(Number(day.date.slice(0, 4)));
            calendar.reload();
          }}
        />
      )}
      {importing && (
        <ImportCalendarModal
          year={year}
          onCancel={() => setImporting(false)}
          onImported={(summary) => {
            setImporting(false);
            setImported(importSummaryText(summary));
            setYear(summary.year);
            calendar.reload();
          }}
        />
      )}
    </>
  );
}
