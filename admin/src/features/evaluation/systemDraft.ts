/**
 * The indicator-system editor's form values and back: a city's local system is a copy of a
 * system with its own weights (the pass and bonus lines, each group's points, each item's cap
 * and points per finding), its own wording, and the items it does not use left out. Pure.
 */
import type { IndicatorItem, IndicatorSystem, SaveLocalSystemInput } from '../../../../common/schemas/evaluation.ts';

export interface DraftItem extends IndicatorItem {
  /** Unticked: left out of the saved system. */
  keep: boolean;
}

export interface SystemDraft {
  key: string;
  name: string;
  passLine: number;
  bonusLine: number;
  /** Points a site without external services is scored out of (75 in the national table); null when the system has no such rule. */
  serviceWithout: number | null;
  groups: IndicatorSystem['groups'];
  items: DraftItem[];
  note: string;
}

/** The form values for editing `system` (its key kept, or a new key for a copy). */
export function draftOf(system: IndicatorSystem, copy?: { key: string; name: string }): SystemDraft {
  return {
    key: copy?.key ?? system.key,
    name: copy?.name ?? system.name,
    passLine: system.passLine,
    bonusLine: system.bonusLine,
    serviceWithout: system.serviceScale?.without ?? null,
    groups: structuredClone(system.groups),
    items: system.items.map((i) => ({ ...structuredClone(i), keep: true })),
    note: '',
  };
}

/** The request that saves `draft`: a new system when `baseVersion` is null. */
export function saveRequestOf(draft: SystemDraft, baseVersion: number | null, basedOn?: string): SaveLocalSystemInput {
  const items = draft.items.filter((i) => i.keep).map(({ keep: _keep, ...item }) => item);
  return {
    key: draft.key.trim(),
    baseVersion,
    ...(baseVersion === null && basedOn ? { basedOn } : {}),
    note: draft.note,
    system: {
      name: draft.name.trim(),
      passLine: draft.passLine,
      bonusLine: draft.bonusLine,
      ...(draft.serviceWithout !== null ? { serviceScale: { without: draft.serviceWithout } } : {}),
      groups: draft.groups,
      items,
    },
  };
}

/** The items of a group (or the veto items, `group` null) with their places in the draft's list. */
export function itemsOf(draft: Pick<SystemDraft, 'items'>, group: string | null): { item: DraftItem; index: number }[] {
  return draft.items
    .map((item, index) => ({ item, index }))
    .filter(({ item }) => (group === null ? item.kind === 'veto' : item.kind !== 'veto' && item.group === group));
}

/** What a group's kept items add up to, against its points (the editor shows both). */
export function groupTotal(draft: Pick<SystemDraft, 'items'>, group: string): number {
  const cents = itemsOf(draft, group)
    .filter(({ item }) => item.keep)
    .reduce((n, { item }) => n + Math.round((item.cap ?? 0) * 100), 0);
  return cents / 100;
}
