/** Jobs of the accounts room. */
import { z } from 'zod';
import { defineJob } from '../platform/jobs/index.ts';
import { expireSessions } from './commands/auth.ts';

export const accountsJobs = [
  defineJob({
    name: 'accounts.expireSessions',
    payload: z.object({}).passthrough(),
    run: async (_payload, ctx) => {
      await expireSessions(ctx.deps, ctx.actor);
    },
  }),
];
