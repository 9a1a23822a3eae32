/** The clock is injected so rules and tests never read the wall clock directly. */
import { beijingDate } from '../../common/dates.ts';
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock for tests and replays: starts at `start` and moves only when told. */
export function fixedClock(start: Date | string): Clock & { advance(ms: number): void; set(d: Date | string): void } {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    advance: (ms: number) => {
      t += ms;
    },
    set: (d: Date | string) => {
      t = new Date(d).getTime();
    },
  };
}

/** Today's date (YYYY-MM-DD) in Beijing on this clock: the day events are recorded and deadlines are read. */
export function beijingToday(clock: Clock): string {
  return beijingDate(clock.now().toISOString());
}
