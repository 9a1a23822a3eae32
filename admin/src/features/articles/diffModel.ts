/**
 * The revision comparison as rows to render: side by side (old | new, a removed block next to
 * the added block that replaced it) or inline. Long unchanged stretches fold into one row so
 * a reviewer sees the changes of a long document at once. Pure.
 */
import type { DiffKind, DiffPart, RevisionSummary } from '../../api/content.ts';

export interface DiffLine {
  kind: DiffKind;
  text: string;
}

export type DiffRow =
  { kind: 'same' | 'changed' | 'added' | 'removed'; left: string | null; right: string | null } | { kind: 'skip'; count: number };

/** The parts split into lines (the server's line diff ends each line with \n). */
export function toLines(parts: readonly DiffPart[]): DiffLine[] {
  const out: DiffLine[] = [];
  for (const p of parts) {
    const lines = p.text.split('\n');
    if (lines.length > 1 && lines.at(-1) === '') lines.pop();
    for (const text of lines) out.push({ kind: p.kind, text });
  }
  return out;
}

/** Side-by-side rows: removed lines pair with the added lines that follow them. */
export function sideBySide(parts: readonly DiffPart[]): DiffRow[] {
  const lines = toLines(parts);
  const rows: DiffRow[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as DiffLine;
    if (line.kind === 'same') {
      rows.push({ kind: 'same', left: line.text, right: line.text });
      i++;
      continue;
    }
    const removed: string[] = [];
    const added: string[] = [];
    while (i < lines.length && lines[i]?.kind === 'removed') removed.push((lines[i++] as DiffLine).text);
    while (i < lines.length && lines[i]?.kind === 'added') added.push((lines[i++] as DiffLine).text);
    for (let k = 0; k < Math.max(removed.length, added.length); k++) {
      const left = removed[k] ?? null;
      const right = added[k] ?? null;
      rows.push({ kind: left !== null && right !== null ? 'changed' : left !== null ? 'removed' : 'added', left, right });
    }
  }
  return rows;
}

/** Folds unchanged runs longer than `minRun` lines, keeping `context` lines around each change. */
export function collapseUnchanged(rows: readonly DiffRow[], context = 2, minRun = 6): DiffRow[] {
  const out: DiffRow[] = [];
  let i = 0;
  while (i < rows.length) {
    if (rows[i]?.kind !== 'same') {
      out.push(rows[i] as DiffRow);
      i++;
      continue;
    }
    let j = i;
    while (j < rows.length && rows[j]?.kind === 'same') j++;
    const run = rows.slice(i, j);
    const keepHead = i === 0 ? 0 : context;
    const keepTail = j === rows.length ? 0 : context;
    if (run.length > minRun && run.length > keepHead + keepTail) {
      out.push(...run.slice(0, keepHead), { kind: 'skip', count: run.length - keepHead - keepTail }, ...run.slice(run.length - keepTail));
    } else {
      out.push(...run);
    }
    i = j;
  }
  return out;
}

/** Inline parts without empty pieces, neighbours of one kind merged. */
export function inlineParts(parts: readonly DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  for (const p of parts) {
    if (!p.text) continue;
    const prev = out.at(-1);
    if (prev && prev.kind === p.kind) prev.text += p.text;
    else out.push({ kind: p.kind, text: p.text });
  }
  return out;
}

/** Lines added and removed, for the summary above the comparison. */
export function diffCounts(parts: readonly DiffPart[]): { added: number; removed: number } {
  const lines = toLines(parts);
  return { added: lines.filter((l) => l.kind === 'added').length, removed: lines.filter((l) => l.kind === 'removed').length };
}

/**
 * What to compare by default: the current revision against the live one when a different
 * revision is live (what publishing would change), else against the revision before it.
 */
export function defaultComparePair(
  revisions: readonly Pick<RevisionSummary, 'id' | 'number'>[],
  currentId: string | null,
  liveId: string | null,
): { from: string; to: string } | null {
  const sorted = [...revisions].sort((a, b) => a.number - b.number);
  const to = currentId ?? sorted.at(-1)?.id ?? null;
  if (!to) return null;
  if (liveId && liveId !== to && sorted.some((r) => r.id === liveId)) return { from: liveId, to };
  const index = sorted.findIndex((r) => r.id === to);
  const previous = index > 0 ? sorted[index - 1] : undefined;
  return previous ? { from: previous.id, to } : null;
}
