/**
 * Jobs of the migration room: analysing a legacy site (crawl, read, columns, duplicates,
 * suggestions; resumes its crawl from the journal) and importing its pages (resumes from the
 * pages still pending). When a job's last attempt fails, the import is marked failed with why.
 */
import { z } from 'zod';
import { defineJob } from '../platform/jobs/index.ts';
import { analyseImport } from './commands/analyse.ts';
import { ANALYSE_JOB, failImport, IMPORT_JOB, reasonOf } from './commands/imports.ts';
import { runImport } from './commands/run-import.ts';

const ATTEMPTS = 3;
const payload = z.object({ importId: z.string().min(1).max(40) });

export const analyseImportJob = defineJob({
  name: ANALYSE_JOB,
  payload,
  maxAttempts: ATTEMPTS,
  timeoutMs: 6 * 3600_000,
  run: async (p, ctx) => {
    try {
      const done = await analyseImport(ctx.deps, ctx.actor, p.importId, { signal: ctx.signal });
      ctx.deps.logger.info({ importId: p.importId, ...done }, 'legacy site analysed');
    } catch (e) {
      if (ctx.attempt < ATTEMPTS && !ctx.signal.aborted) throw e;
      if (ctx.attempt >= ATTEMPTS) await failImport(ctx.deps, p.importId, `分析失败：${reasonOf(e)}`);
      throw e;
    }
  },
});

export const runImportJob = defineJob({
  name: IMPORT_JOB,
  payload,
  maxAttempts: ATTEMPTS,
  timeoutMs: 12 * 3600_000,
  run: async (p, ctx) => {
    try {
      const done = await runImport(ctx.deps, ctx.actor, p.importId, { signal: ctx.signal });
      ctx.deps.logger.info({ importId: p.importId, ...done }, 'legacy pages imported');
    } catch (e) {
      if (ctx.attempt >= ATTEMPTS) await failImport(ctx.deps, p.importId, `导入失败：${reasonOf(e)}`);
      throw e;
    }
  },
});

export const migrationJobs = [analyseImportJob, runImportJob];
