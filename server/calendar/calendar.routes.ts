/** HTTP surface of the calendar room. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../platform/deps.ts';
import { authOf } from '../platform/http/auth.ts';
import { importCalendarYear, removeCalendarDay, setCalendarDay } from './commands/calendar.ts';
import { getCalendarDays, getWorkday, getWorkdaysAfter, getYearStatus } from './queries.ts';
import {
  AddWorkdaysQuerySchema,
  DateParamsSchema,
  DayBodySchema,
  ImportCalendarYearSchema,
  WorkdayQuerySchema,
  YearParamsSchema,
  YearQuerySchema,
} from './schemas.ts';

export async function calendarRoutes(base: FastifyInstance, deps: Deps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const tags = ['calendar'];
  app.get('/api/calendar/days', { schema: { tags, summary: '某年的节假日与调休安排', querystring: YearQuerySchema } }, async (req) =>
    getCalendarDays(deps, authOf(req).actor, req.query.year),
  );
  app.get('/api/calendar/workday', { schema: { tags, summary: '某日是否工作日', querystring: WorkdayQuerySchema } }, async (req) =>
    getWorkday(deps, authOf(req).actor, req.query.date),
  );
  app.get(
    '/api/calendar/add-workdays',
    { schema: { tags, summary: '计算若干个工作日之后的日期', querystring: AddWorkdaysQuerySchema } },
    async (req) => getWorkdaysAfter(deps, authOf(req).actor, req.query.date, req.query.n),
  );
  app.put(
    '/api/calendar/days/:date',
    { schema: { tags, summary: '设置某日为放假或调休上班', params: DateParamsSchema, body: DayBodySchema } },
    async (req) => setCalendarDay(deps, authOf(req).actor, { date: req.params.date, ...req.body }),
  );
  app.delete(
    '/api/calendar/days/:date',
    { schema: { tags, summary: '删除某日的自定义安排', params: DateParamsSchema } },
    async (req, reply) => {
      await removeCalendarDay(deps, authOf(req).actor, req.params.date);
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/calendar/import',
    { schema: { tags, summary: '导入全年节假日安排（JSON 或 ICS）', body: ImportCalendarYearSchema } },
    async (req) => importCalendarYear(deps, authOf(req).actor, req.body),
  );
  app.get('/api/calendar/years/:year', { schema: { tags, summary: '某年节假日数据的录入情况', params: YearParamsSchema } }, async (req) =>
    getYearStatus(deps, authOf(req).actor, req.params.year),
  );
}
