/**
 * Which workflow buttons the article screen shows, mirroring the server's rules
 * (server/content/rules/workflow.ts) from what the screen knows: the user's roles on the
 * article's site, the state, and the history. The server stays authoritative; this only
 * spares users buttons that would certainly be refused, and says why a shown one cannot be
 * used. One article at a time: there is deliberately no batch action. Pure.
 */
import { grantsAllow, type ScopedGrant } from '../../../../common/permissions.ts';
import type { ArticleDetail, ArticleEvent, ArticleStage } from '../../api/content.ts';

export type ArticleAction = 'edit' | 'submit' | 'withdraw' | 'approve' | 'reject' | 'publish' | 'schedule' | 'emergencyPublish' | 'retract';

export const ACTION_LABELS: Record<ArticleAction, string> = {
  edit: '编辑',
  submit: '提交审核',
  withdraw: '撤回',
  approve: '审核通过',
  reject: '退回',
  publish: '发布',
  schedule: '定时发布',
  emergencyPublish: '紧急发布',
  retract: '撤稿',
};

export interface ActionState {
  action: ArticleAction;
  enabled: boolean;
  /** Why a shown action cannot be used (shown next to the disabled button). */
  reason?: string;
}

/** The user as the workflow sees them on one site. */
export interface Viewer {
  id: string;
  roles: readonly string[];
  canAuthor: boolean;
}

export function viewerOnSite(user: { id: string; grants: readonly ScopedGrant[] }, siteId: string): Viewer {
  return {
    id: user.id,
    roles: user.grants.filter((g) => g.scope === '*' || g.scope === siteId).map((g) => g.role),
    canAuthor: grantsAllow(user.grants, 'content.author', siteId),
  };
}

export type ArticleFacts = Pick<ArticleDetail, 'status' | 'stage' | 'stages' | 'live' | 'emergency' | 'events'>;

const hasAny = (viewer: Viewer, roles: readonly string[]) => roles.some((r) => viewer.roles.includes(r));

/** Users who wrote a revision of the article (they may not review it). */
export function authorIds(events: readonly ArticleEvent[]): Set<string> {
  return new Set(events.filter((e) => (e.kind === 'create' || e.kind === 'edit') && e.actorId).map((e) => e.actorId as string));
}

/** The index of the stage the article waits at, or -1. */
export function stageIndexOf(article: { stage: string | null; stages: readonly ArticleStage[] }): number {
  return article.stage === null ? -1 : article.stages.findIndex((s) => s.key === article.stage);
}

/** True while the article waits at the last stage (where approving may also publish). */
export function atLastStage(article: Pick<ArticleFacts, 'status' | 'stage' | 'stages'>): boolean {
  const i = stageIndexOf(article);
  return article.status === 'in_review' && i >= 0 && i === article.stages.length - 1;
}

/** Why this viewer may not review the article at its current stage (null: they may). */
export function reviewRefusal(article: ArticleFacts, viewer: Viewer): string | null {
  if (authorIds(article.events).has(viewer.id)) return '不能审核本人撰写或修改的稿件';
  const decidedElsewhere = article.events.some(
    (e) => (e.kind === 'approve' || e.kind === 'reject') && e.actorId === viewer.id && e.stage !== article.stage,
  );
  return decidedElsewhere ? '同一稿件的不同审核环节须由不同人员完成' : null;
}

/** The actions to show for this viewer, in display order. */
export function availableActions(article: ArticleFacts, viewer: Viewer): ActionState[] {
  const out: ActionState[] = [];
  const s = article.status;
  const stage = article.stages[stageIndexOf(article)];
  const last = article.stages.at(-1);
  const signs = last !== undefined && hasAny(viewer, last.roles);
  // A leader's emergency publication is live while it goes through the stages afterwards.
  const retrospective = article.emergency && s === 'in_review';

  if (viewer.canAuthor) {
    out.push({ action: 'edit', enabled: true });
    if (s === 'draft' || s === 'rejected' || s === 'withdrawn') out.push({ action: 'submit', enabled: true });
  }
  if (s === 'in_review' && stage && hasAny(viewer, stage.roles)) {
    const reason = reviewRefusal(article, viewer);
    out.push({ action: 'approve', enabled: reason === null, ...(reason ? { reason } : {}) });
    out.push({ action: 'reject', enabled: reason === null, ...(reason ? { reason } : {}) });
  }
  if ((viewer.canAuthor || signs) && (s === 'approved' || s === 'scheduled')) {
    out.push({ action: 'publish', enabled: true });
    if (s === 'approved') out.push({ action: 'schedule', enabled: true });
  }
  if (viewer.canAuthor && (s === 'in_review' || s === 'approved' || s === 'scheduled') && !retrospective) {
    out.push({ action: 'withdraw', enabled: true });
  }
  if (signs && !retrospective && (s === 'draft' || s === 'rejected' || s === 'withdrawn' || s === 'in_review' || s === 'approved')) {
    out.push({ action: 'emergencyPublish', enabled: true });
  }
  if (article.live && (signs || viewer.roles.includes('siteAdmin'))) out.push({ action: 'retract', enabled: true });
  return out;
}

/** True when saving an edit now would send the article back to the first stage. */
export function editRestartsReview(status: string): boolean {
  return status === 'in_review' || status === 'approved' || status === 'scheduled';
}
