/**
 * The life of a letter, as pure rules: which action is allowed in which state, who (by role in
 * the letter) may take it, and the state it leads to.
 *
 *   received ─accept/assign→ handling ─transfer→ transferring ─acceptTransfer/refuseTransfer→ handling
 *   received ─reject→ rejected        received|handling ─merge→ merged
 *   handling ─submitReply→ reviewing (channel asks for review) ─approveReply→ replied
 *                                    └─returnReply→ handling
 *   handling ─submitReply→ replied (no review)       replied ─close→ closed
 *   replied|closed ─reopen→ handling (a fresh deadline)
 *
 * Who: the screening office is the letter's own site (受理, 不予受理, 合并, 交办); the handling
 * org answers and may pass the letter on (转办); the receiving org of a transfer accepts or
 * refuses it; a leader (答复审核) approves or returns a reply.
 */
import type { LetterActionName, LetterState } from '../../../common/schemas/interaction.ts';

export type LetterParty = 'screening' | 'handling' | 'receiving' | 'reviewer';

interface Step {
  from: readonly LetterState[];
  by: LetterParty;
}

export const LETTER_STEPS: Record<LetterActionName, Step> = {
  accept: { from: ['received'], by: 'screening' },
  reject: { from: ['received'], by: 'screening' },
  merge: { from: ['received', 'handling'], by: 'screening' },
  assign: { from: ['received', 'handling'], by: 'screening' },
  transfer: { from: ['handling'], by: 'handling' },
  acceptTransfer: { from: ['transferring'], by: 'receiving' },
  refuseTransfer: { from: ['transferring'], by: 'receiving' },
  draftReply: { from: ['handling'], by: 'handling' },
  submitReply: { from: ['handling'], by: 'handling' },
  approveReply: { from: ['reviewing'], by: 'reviewer' },
  returnReply: { from: ['reviewing'], by: 'reviewer' },
  close: { from: ['replied'], by: 'handling' },
  reopen: { from: ['replied', 'closed'], by: 'handling' },
  unpublish: { from: ['replied', 'closed'], by: 'screening' },
};

/** The parts of a letter the rules read. */
export interface LetterSnapshot {
  state: LetterState;
  handlingOrgId: string;
  reply: string | null;
  published: boolean;
  reviewReplies: boolean;
}

export interface Refusal {
  code: string;
  message: string;
}

/** The state an allowed action leads to. */
export function nextState(letter: LetterSnapshot, action: LetterActionName): LetterState {
  switch (action) {
    case 'accept':
    case 'assign':
    case 'acceptTransfer':
    case 'refuseTransfer':
    case 'returnReply':
    case 'reopen':
      return 'handling';
    case 'reject':
      return 'rejected';
    case 'merge':
      return 'merged';
    case 'transfer':
      return 'transferring';
    case 'submitReply':
      return letter.reviewReplies ? 'reviewing' : 'replied';
    case 'approveReply':
      return 'replied';
    case 'close':
      return 'closed';
    case 'draftReply':
    case 'unpublish':
      return letter.state;
  }
}

/** Why the action cannot be taken on the letter now (empty: it can). Party checks are the caller's. */
export function actionRefusals(
  letter: LetterSnapshot,
  action: { action: LetterActionName; orgId?: string; intoLetterId?: string },
  ctx: { letterId: string },
): Refusal[] {
  const step = LETTER_STEPS[action.action];
  if (!step.from.includes(letter.state)) return [{ code: 'state', message: `信件当前状态不能执行此操作` }];
  const out: Refusal[] = [];
  if (action.action === 'submitReply' && !letter.reply?.trim()) out.push({ code: 'noReply', message: '请先填写答复内容' });
  if (action.action === 'transfer' && action.orgId === letter.handlingOrgId) out.push({ code: 'sameOrg', message: '不能转办给本单位' });
  if (action.action === 'assign' && action.orgId === letter.handlingOrgId && letter.state === 'handling')
    out.push({ code: 'sameOrg', message: '信件已由该单位办理' });
  if (action.action === 'merge' && action.intoLetterId === ctx.letterId) out.push({ code: 'self', message: '不能合并到信件本身' });
  if (action.action === 'unpublish' && !letter.published) out.push({ code: 'notPublished', message: '信件未公开' });
  return out;
}

/** Every action the rules allow in the letter's state (for the office's buttons). */
export function allowedActions(letter: LetterSnapshot): LetterActionName[] {
  return (Object.keys(LETTER_STEPS) as LetterActionName[]).filter((a) => {
    if (!LETTER_STEPS[a].from.includes(letter.state)) return false;
    if (a === 'unpublish') return letter.published;
    if (a === 'submitReply') return !!letter.reply?.trim();
    return true;
  });
}

/** A reply sent while the writer agreed to publication, on a channel that publishes, goes on the public list. */
export function publishesOnReply(channel: { publishReplies: boolean }, letter: { consentPublish: boolean }): boolean {
  return channel.publishReplies && letter.consentPublish;
}
