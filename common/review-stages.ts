/**
 * Review stages (三审): the default, the shape a site may configure, and the rules a
 * configuration must meet. Shared: the server enforces them, the admin checks them as the
 * user types.
 */
import { z } from 'zod';
import { ROLE_CODES, ROLES, type RoleCode } from './roles.ts';

export interface ReviewStage {
  key: string;
  label: string;
  /** Roles (on the article's site) that may act at this stage. */
  roles: RoleCode[];
}

/** Never fewer than three stages; at most ten. */
export const MIN_REVIEW_STAGES = 3;
export const MAX_REVIEW_STAGES = 10;
export const MAX_STAGE_ROLES = 5;
export const MAX_STAGE_LABEL = 20;
export const STAGE_KEY_PATTERN = /^[a-zA-Z][\w-]{0,39}$/;

/** The platform's default: 初审 → 审核 → 审签. */
export const DEFAULT_REVIEW_STAGES: ReviewStage[] = [
  { key: 'firstReview', label: '初审', roles: ['editor'] },
  { key: 'sectionReview', label: '审核', roles: ['sectionReviewer'] },
  { key: 'leaderApproval', label: '审签', roles: ['leader'] },
];

export const ReviewStagesSchema = z
  .array(
    z.strictObject({
      key: z.string().regex(STAGE_KEY_PATTERN, '环节标识只能包含字母、数字、下划线'),
      label: z.string().trim().min(1).max(MAX_STAGE_LABEL),
      roles: z.array(z.enum(ROLE_CODES)).min(1, '须指定角色').max(MAX_STAGE_ROLES),
    }),
  )
  .max(MAX_REVIEW_STAGES, `审核环节不能超过 ${MAX_REVIEW_STAGES} 个`);

/** Every reason a stage configuration is not acceptable (at least three stages, roles that may review). */
export function stageConfigProblems(stages: readonly ReviewStage[]): string[] {
  const out: string[] = [];
  if (stages.length < MIN_REVIEW_STAGES) out.push(`审核环节不能少于 ${MIN_REVIEW_STAGES} 个`);
  const keys = new Set<string>();
  for (const s of stages) {
    if (keys.has(s.key)) out.push(`审核环节“${s.label}”重复`);
    keys.add(s.key);
    if (s.roles.length === 0) out.push(`审核环节“${s.label}”须指定角色`);
    for (const r of s.roles) if (ROLES[r]?.triad) out.push(`三员（${ROLES[r].label}）不能参与内容审核`);
  }
  return out;
}
