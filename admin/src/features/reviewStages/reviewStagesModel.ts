/**
 * A site's review stages (审核流程) as the form edits them, and the checks the server makes
 * before it accepts them (at least three stages, unique keys, roles that may review). Pure.
 */
import { z } from 'zod';
import { ROLE_CODES, ROLES, type RoleCode } from '../../../../common/roles.ts';
import type { FieldError } from '../../api/client.ts';
import type { ReviewStage } from '../../api/content.ts';

import {
  DEFAULT_REVIEW_STAGES,
  MAX_REVIEW_STAGES,
  MAX_STAGE_LABEL,
  MAX_STAGE_ROLES,
  MIN_REVIEW_STAGES,
  STAGE_KEY_PATTERN,
} from '../../../../common/review-stages.ts';

export { DEFAULT_REVIEW_STAGES, MAX_REVIEW_STAGES, MAX_STAGE_LABEL, MAX_STAGE_ROLES, MIN_REVIEW_STAGES, STAGE_KEY_PATTERN };

/** The content roles a stage may name; the three administrators (三员) never review content. */
export const STAGE_ROLE_CODES: readonly RoleCode[] = ['editor', 'sectionReviewer', 'leader', 'siteAdmin', 'disclosureOfficer'];

export const STAGE_ROLE_OPTIONS = STAGE_ROLE_CODES.map((code) => ({ value: code, label: ROLES[code].label }));

/** One row of the form; fields may be empty while the user types. */
export interface StageRow {
  key?: string | undefined;
  label?: string | undefined;
  roles?: RoleCode[] | undefined;
}

export interface ReviewStagesFormValues {
  stages?: StageRow[];
}

/** The form's fields for `count` rows, as dotted names (errors are placed on them). */
export function stageFields(count: number): string[] {
  return Array.from({ length: count }, (_, i) => [`stages.${i}.label`, `stages.${i}.key`, `stages.${i}.roles`]).flat();
}

/** The request body's shape; the rules the shape cannot express are in stageProblems. */
export const ReviewStagesBodySchema = z.strictObject({
  stages: z.array(z.strictObject({ key: z.string(), label: z.string(), roles: z.array(z.enum(ROLE_CODES)) })),
});

/** The rows as the request sends them: trimmed, roles in the order the options list them. */
export function stagesBody(rows: readonly StageRow[]): { stages: ReviewStage[] } {
  return {
    stages: rows.map((r) => ({
      key: (r.key ?? '').trim(),
      label: (r.label ?? '').trim(),
      roles: [...(r.roles ?? [])].sort((a, b) => ROLE_CODES.indexOf(a) - ROLE_CODES.indexOf(b)),
    })),
  };
}

const stageName = (s: ReviewStage, i: number) => `第 ${i + 1} 个环节${s.label ? `“${s.label}”` : ''}`;

/**
 * Every reason the server would refuse these stages, each on the field it concerns
 * (`stages` for the list as a whole, `stages.1.key` for one row's key).
 */
export function stageProblems(stages: readonly ReviewStage[]): FieldError[] {
  const out: FieldError[] = [];
  if (stages.length < MIN_REVIEW_STAGES) out.push({ field: 'stages', message: `审核环节不能少于 ${MIN_REVIEW_STAGES} 个` });
  if (stages.length > MAX_REVIEW_STAGES) out.push({ field: 'stages', message: `审核环节不能多于 ${MAX_REVIEW_STAGES} 个` });
  const firstIndexOfKey = new Map<string, number>();
  stages.forEach((s, i) => {
    const at = (f: string) => `stages.${i}.${f}`;
    if (!s.label) out.push({ field: at('label'), message: '请填写环节名称' });
    else if (s.label.length > MAX_STAGE_LABEL) out.push({ field: at('label'), message: `环节名称不能超过 ${MAX_STAGE_LABEL} 个字` });

    if (!s.key) out.push({ field: at('key'), message: '请填写环节标识' });
    else if (!STAGE_KEY_PATTERN.test(s.key))
      out.push({ field: at('key'), message: '环节标识须以字母开头，只能包含字母、数字、下划线或短横线，不超过 40 个字符' });
    else {
      const first = firstIndexOfKey.get(s.key);
      if (first === undefined) firstIndexOfKey.set(s.key, i);
      else out.push({ field: at('key'), message: `环节标识与第 ${first + 1} 个环节重复` });
    }

    if (s.roles.length === 0) out.push({ field: at('roles'), message: `${stageName(s, i)}须指定角色` });
    else if (s.roles.length > MAX_STAGE_ROLES) out.push({ field: at('roles'), message: `每个环节最多指定 ${MAX_STAGE_ROLES} 个角色` });
    for (const r of s.roles) {
      const info = ROLES[r] as (typeof ROLES)[RoleCode] | undefined;
      if (info?.triad) out.push({ field: at('roles'), message: `三员（${info.label}）不能参与内容审核` });
      else if (!STAGE_ROLE_CODES.includes(r)) out.push({ field: at('roles'), message: `${info?.label ?? r}不能参与内容审核` });
    }
  });
  return out;
}

/** True when the two lists say the same (the save then has nothing to send). */
export function sameStages(a: readonly ReviewStage[], b: readonly ReviewStage[]): boolean {
  return JSON.stringify(stagesBody(a).stages) === JSON.stringify(stagesBody(b).stages);
}

/** A new, empty-named stage with a key no other stage uses (stage4, stage5, …). */
export function newStage(existing: readonly StageRow[]): StageRow {
  const used = new Set(existing.map((s) => s.key));
  let n = existing.length + 1;
  while (used.has(`stage${n}`)) n++;
  return { key: `stage${n}`, label: '', roles: [] };
}

/** A fresh copy of the default stages for the form. */
export function defaultStageRows(): StageRow[] {
  return DEFAULT_REVIEW_STAGES.map((s) => ({ ...s, roles: [...s.roles] }));
}
