/**
 * The three-stage review (三审) as data: the states, the transitions, who may act at each
 * stage, and every reason an action is refused. Pure: the command supplies the facts.
 *
 *   draft ──submit──▶ in_review[初审] ──approve──▶ in_review[审核] ──approve──▶ in_review[审签]
 *     ▲                   │ reject / withdraw          …                         │ approve
 *     │                   ▼                                                       ▼
 *   (edit)            rejected / withdrawn ──submit──▶ …                      approved ──publish──▶ published
 *                                                                              │ schedule       │ retract
 *                                                                              ▼                ▼
 *                                                                          scheduled ──▶ published   retracted
 *
 * An edit makes a new revision; approvals bind to the revision they saw, so an edit after
 * any approval sends the article back to the first stage. A leader may publish in an
 * emergency with a written reason; the article is then live and goes through the stages
 * retrospectively.
 */
import { ROLES } from '../../../common/roles.ts';
import { DEFAULT_REVIEW_STAGES, MIN_REVIEW_STAGES, stageConfigProblems, type ReviewStage } from '../../../common/review-stages.ts';
import type { ArticleStatus } from '../../../common/content.ts';

export type WorkflowStage = ReviewStage;
export const DEFAULT_STAGES = DEFAULT_REVIEW_STAGES;
export const MIN_STAGES = MIN_REVIEW_STAGES;
export { stageConfigProblems };

export type WorkflowAction =
  'submit' | 'approve' | 'reject' | 'withdraw' | 'schedule' | 'unschedule' | 'publish' | 'emergencyPublish' | 'retract' | 'edit';

/** Which states each action starts from. */
export const TRANSITIONS: Record<WorkflowAction, readonly ArticleStatus[]> = {
  submit: ['draft', 'rejected', 'withdrawn'],
  approve: ['in_review'],
  reject: ['in_review'],
  withdraw: ['in_review', 'approved', 'scheduled'],
  schedule: ['approved'],
  unschedule: ['scheduled'],
  publish: ['approved', 'scheduled'],
  emergencyPublish: ['draft', 'rejected', 'withdrawn', 'in_review', 'approved'],
  // Retraction applies to whatever is live, whatever the state of its next draft.
  retract: ['draft', 'in_review', 'approved', 'scheduled', 'published', 'rejected', 'withdrawn'],
  edit: ['draft', 'in_review', 'approved', 'scheduled', 'published', 'rejected', 'withdrawn', 'retracted'],
};

export const ACTION_LABELS: Record<WorkflowAction, string> = {
  submit: '提交审核',
  approve: '审核通过',
  reject: '退回',
  withdraw: '撤回',
  schedule: '定时发布',
  unschedule: '取消定时',
  publish: '发布',
  emergencyPublish: '紧急发布',
  retract: '撤稿',
  edit: '修改',
};

export interface Decision {
  stage: string;
  decision: 'approve' | 'reject' | 'emergency';
  reviewerId: string;
  revisionId: string;
}

export interface ArticleFacts {
  status: ArticleStatus;
  /** Index into the stages while in review. */
  stageIndex: number | null;
  currentRevisionId: string;
  /** Users who wrote any revision of the article (its authors). */
  authorIds: readonly string[];
  decisions: readonly Decision[];
  /** The article is live (published, or emergency-published and under retrospective review). */
  live: boolean;
}

export interface ActorFacts {
  id: string;
  /** Roles the actor holds on the article's site (platform-wide grants included). */
  roles: readonly string[];
  canAuthor: boolean;
}

export interface ActionInput {
  /** The revision the reviewer saw (approve/reject). */
  revisionId?: string | undefined;
  opinion?: string | undefined;
  reason?: string | undefined;
  checkErrors?: number;
}

const hasAny = (actor: ActorFacts, roles: readonly string[]) => roles.some((r) => actor.roles.includes(r));

/** Every reason `action` is refused for this actor on this article (empty: allowed). */
export function actionProblems(
  action: WorkflowAction,
  article: ArticleFacts,
  actor: ActorFacts,
  stages: readonly WorkflowStage[],
  input: ActionInput = {},
): string[] {
  const out: string[] = [];
  if (action === 'retract') {
    if (!article.live) out.push('稿件尚未发布，无需撤稿');
  } else if (!TRANSITIONS[action].includes(article.status)) {
    out.push(`当前状态下不能${ACTION_LABELS[action]}`);
  }
  const stage = article.stageIndex !== null ? stages[article.stageIndex] : undefined;
  const last = stages[stages.length - 1];

  switch (action) {
    case 'edit':
    case 'submit':
    case 'withdraw':
      if (!actor.canAuthor) out.push('只有本网站的信息员可以进行此操作');
      if (action === 'submit' && (input.checkErrors ?? 0) > 0) out.push(`发布前检查发现 ${input.checkErrors} 个错误，请修改后再提交`);
      break;
    case 'approve':
    case 'reject': {
      if (!stage) break;
      if (!hasAny(actor, stage.roles)) out.push(`只有${stage.roles.map((r) => ROLES[r]?.label ?? r).join('或')}可以进行“${stage.label}”`);
      if (article.authorIds.includes(actor.id)) out.push('不能审核本人撰写或修改的稿件');
      const otherStage = article.decisions.find((d) => d.reviewerId === actor.id && d.stage !== stage.key && d.decision !== 'emergency');
      if (otherStage) out.push('同一稿件的不同审核环节须由不同人员完成');
      if (input.revisionId !== article.currentRevisionId) out.push('稿件在您审阅后已被修改，请查看最新版本后重新审核');
      if (action === 'approve' && (input.checkErrors ?? 0) > 0) out.push(`发布前检查发现 ${input.checkErrors} 个错误，须退回修改`);
      if (action === 'reject' && !input.opinion?.trim()) out.push('退回须填写审核意见');
      break;
    }
    case 'schedule':
    case 'unschedule':
    case 'publish':
      if (!actor.canAuthor && !(last && hasAny(actor, last.roles))) out.push('只有本网站的信息员或审签人可以发布');
      if (!approvalsComplete(article, stages)) out.push('稿件未完成全部审核环节，不能发布');
      break;
    case 'emergencyPublish':
      if (!(last && hasAny(actor, last.roles))) out.push('只有审签领导可以紧急发布');
      if ((input.reason?.trim().length ?? 0) < 10) out.push('紧急发布须书面说明理由（不少于 10 个字）');
      break;
    case 'retract':
      if (!(last && hasAny(actor, last.roles)) && !actor.roles.includes('siteAdmin')) out.push('只有审签领导或网站管理员可以撤稿');
      if ((input.reason?.trim().length ?? 0) < 2) out.push('撤稿须填写理由');
      break;
  }
  return out;
}

/** True when every stage approved the current revision (defence in depth before publishing). */
export function approvalsComplete(
  article: Pick<ArticleFacts, 'decisions' | 'currentRevisionId'>,
  stages: readonly WorkflowStage[],
): boolean {
  return stages.every((s) =>
    article.decisions.some((d) => d.stage === s.key && d.decision === 'approve' && d.revisionId === article.currentRevisionId),
  );
}

/** Where an approval leads: the next stage, or approved after the last. */
export function afterApproval(stageIndex: number, stages: readonly WorkflowStage[]): { status: ArticleStatus; stageIndex: number | null } {
  return stageIndex + 1 < stages.length ? { status: 'in_review', stageIndex: stageIndex + 1 } : { status: 'approved', stageIndex: null };
}

/** Where an edit leads: back to the first stage once review has begun; a live article's new draft waits as a draft. */
export function afterEdit(status: ArticleStatus): { status: ArticleStatus; stageIndex: number | null } {
  switch (status) {
    case 'in_review':
    case 'approved':
    case 'scheduled':
      return { status: 'in_review', stageIndex: 0 };
    case 'published':
    case 'retracted':
      return { status: 'draft', stageIndex: null };
    default:
      return { status, stageIndex: null };
  }
}
