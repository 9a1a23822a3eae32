/** Jobs of the interaction room: the letters' warning ladder and escalation, run hourly (platform/jobs/schedule.ts). */
import { z } from 'zod';
import { defineJob } from '../platform/jobs/index.ts';
import { runLetterWarnings } from './commands/letter-oversight.ts';

export const letterWarningsJob = defineJob({
  name: 'interaction.letterWarnings',
  payload: z.object({}),
  run: async (_payload, ctx) => {
    const done = await runLetterWarnings(ctx.deps, ctx.actor);
    ctx.deps.logger.info(done, 'letter warnings');
  },
});

export const interactionJobs = [letterWarningsJob];
