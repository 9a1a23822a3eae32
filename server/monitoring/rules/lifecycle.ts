/**
 * The lifecycle of a finding across monitoring runs, declared as data. Pure.
 *
 *   (none) ──seen──▶ open ──not seen──▶ resolved ──seen──▶ open (reopened)
 *                    open ──seen with another severity──▶ open (changed)
 *
 * A run speaks only for its own source and site: a crawl that no longer sees a broken link
 * resolves it, but says nothing about the probes' findings. A failed run changes nothing.
 */
import { SEVERITIES, type FindingEventKind, type FindingState, type Severity } from '../../../common/schemas/monitoring.ts';

type Before = 'none' | FindingState;

/** What a run does to a finding, by its state before the run and whether the run saw it. */
export const LIFECYCLE: Record<Before, Record<'seen' | 'notSeen', { to: FindingState | null; event: FindingEventKind | null }>> = {
  none: { seen: { to: 'open', event: 'opened' }, notSeen: { to: null, event: null } },
  open: { seen: { to: 'open', event: null }, notSeen: { to: 'resolved', event: 'resolved' } },
  resolved: { seen: { to: 'open', event: 'reopened' }, notSeen: { to: 'resolved', event: null } },
};

/** A finding as stored, as much as planning needs. */
export interface StoredFinding {
  id: string;
  keyHash: string;
  state: FindingState;
  severity: Severity;
  evidenceHash: string;
  /** Events recorded so far; the next event is number events + 1. */
  events: number;
}

/** A finding of the run, identified by the hash of its key, with the hash of its evidence. */
export interface SeenFinding {
  keyHash: string;
  severity: Severity;
  evidenceHash: string;
}

export interface Change<T extends SeenFinding> {
  stored: StoredFinding;
  seen: T;
  /** The history event this run writes, or null when the finding only changed evidence. */
  event: FindingEventKind | null;
}

export interface RunPlan<T extends SeenFinding> {
  /** New findings: inserted open, event `opened`. */
  create: T[];
  /** Stored findings whose row this run rewrites (reopened, severity or evidence changed). */
  change: Change<T>[];
  /** Open findings seen again exactly as stored: only their last-seen time moves. */
  touch: StoredFinding[];
  /** Open findings the run no longer saw. */
  resolve: StoredFinding[];
}

/**
 * What a run does to the stored findings of its site and source. `stored` must hold every
 * open finding and any resolved one whose key the run saw; each key once.
 */
export function planRun<T extends SeenFinding>(stored: readonly StoredFinding[], seen: readonly T[]): RunPlan<T> {
  const byKey = new Map(stored.map((s) => [s.keyHash, s]));
  const plan: RunPlan<T> = { create: [], change: [], touch: [], resolve: [] };
  const seenKeys = new Set<string>();
  for (const f of seen) {
    seenKeys.add(f.keyHash);
    const s = byKey.get(f.keyHash);
    const step = LIFECYCLE[s?.state ?? 'none'].seen;
    if (!s) {
      plan.create.push(f);
      continue;
    }
    const event = step.event ?? (s.severity !== f.severity ? 'changed' : null);
    if (event || s.evidenceHash !== f.evidenceHash) plan.change.push({ stored: s, seen: f, event });
    else plan.touch.push(s);
  }
  for (const s of stored) {
    if (seenKeys.has(s.keyHash)) continue;
    if (LIFECYCLE[s.state].notSeen.event === 'resolved') plan.resolve.push(s);
  }
  return plan;
}

const RANK: Record<Severity, number> = Object.fromEntries(SEVERITIES.map((s, i) => [s, i])) as Record<Severity, number>;

/** True when `a` is more severe than `b` (veto > deduction > info). */
export function moreSevere(a: Severity, b: Severity): boolean {
  return RANK[a] < RANK[b];
}

/**
 * One finding per key: a crawler that meets the same broken link on ten pages reports it ten
 * times; the most severe report stands (the first of equals).
 */
export function oneFindingPerKey<T extends { key: string; severity: Severity }>(findings: readonly T[]): T[] {
  const byKey = new Map<string, T>();
  for (const f of findings) {
    const had = byKey.get(f.key);
    if (!had || moreSevere(f.severity, had.severity)) byKey.set(f.key, f);
  }
  return [...byKey.values()];
}

/**
 * True when the site's owner must be told: the run opened or reopened a veto finding, or
 * raised an open one to veto (the availability alert turning into the veto).
 */
export function needsVetoNotice(event: FindingEventKind | null, severity: Severity, previous: Severity | null): boolean {
  if (severity !== 'veto') return false;
  return event === 'opened' || event === 'reopened' || (event === 'changed' && previous !== 'veto');
}
