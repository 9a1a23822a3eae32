/**
 * How a 依申请公开 request ends: the rows of section 三 of the annual report (2021 format), so
 * the report counts replies as they were recorded (domain-rules §3.4).
 */
export const REPLY_OUTCOMES = [
  { code: 'disclosed', group: '予以公开', label: '予以公开' },
  { code: 'partlyDisclosed', group: '部分公开', label: '部分公开（区分处理）' },
  { code: 'withheld.stateSecret', group: '不予公开', label: '属于国家秘密' },
  { code: 'withheld.prohibitedByLaw', group: '不予公开', label: '其他法律行政法规禁止公开' },
  { code: 'withheld.securityStability', group: '不予公开', label: '危及“三安全一稳定”' },
  { code: 'withheld.thirdPartyRights', group: '不予公开', label: '保护第三方合法权益' },
  { code: 'withheld.internalAffairs', group: '不予公开', label: '属于三类内部事务信息' },
  { code: 'withheld.processInformation', group: '不予公开', label: '属于四类过程性信息' },
  { code: 'withheld.enforcementFile', group: '不予公开', label: '属于行政执法案卷' },
  { code: 'withheld.administrativeQuery', group: '不予公开', label: '属于行政查询事项' },
  { code: 'unavailable.notHeld', group: '无法提供', label: '本机关不掌握相关政府信息' },
  { code: 'unavailable.needsCreation', group: '无法提供', label: '没有现成信息需要另行制作' },
  { code: 'unavailable.stillUnclear', group: '无法提供', label: '补正后申请内容仍不明确' },
  { code: 'notProcessed.petition', group: '不予处理', label: '信访举报投诉类申请' },
  { code: 'notProcessed.repeat', group: '不予处理', label: '重复申请' },
  { code: 'notProcessed.publication', group: '不予处理', label: '要求提供公开出版物' },
  { code: 'notProcessed.excessive', group: '不予处理', label: '无正当理由大量反复申请' },
  { code: 'notProcessed.confirmation', group: '不予处理', label: '要求行政机关确认或重新出具已获取信息' },
  { code: 'other.other', group: '其他处理', label: '其他' },
] as const;

export type ReplyOutcome = (typeof REPLY_OUTCOMES)[number]['code'];
export const REPLY_OUTCOME_CODES = REPLY_OUTCOMES.map((o) => o.code) as [ReplyOutcome, ...ReplyOutcome[]];

/** `group：label` for a reply outcome code (the code itself when unknown). */
export function replyOutcomeLabel(code: string): string {
  const o = REPLY_OUTCOMES.find((x) => x.code === code);
  return o ? (o.group === o.label ? o.label : `${o.group}：${o.label}`) : code;
}

/**
 * The legal grounds for withholding information or redacting part of it (条例 第十四条、第十五条、
 * 第十六条). A reply that withholds or partly discloses names at least one; `outcome` is the
 * annual report row the ground belongs to.
 */
export const REDACTION_GROUNDS = [
  { code: 'stateSecret', article: '第十四条', outcome: 'withheld.stateSecret', label: '依法确定为国家秘密的政府信息' },
  { code: 'prohibitedByLaw', article: '第十四条', outcome: 'withheld.prohibitedByLaw', label: '法律、行政法规禁止公开的政府信息' },
  {
    code: 'securityStability',
    article: '第十四条',
    outcome: 'withheld.securityStability',
    label: '公开后可能危及国家安全、公共安全、经济安全、社会稳定的政府信息',
  },
  {
    code: 'tradeSecret',
    article: '第十五条',
    outcome: 'withheld.thirdPartyRights',
    label: '涉及商业秘密，公开会对第三方合法权益造成损害的政府信息',
  },
  {
    code: 'personalPrivacy',
    article: '第十五条',
    outcome: 'withheld.thirdPartyRights',
    label: '涉及个人隐私，公开会对第三方合法权益造成损害的政府信息',
  },
  {
    code: 'internalAffairs',
    article: '第十六条',
    outcome: 'withheld.internalAffairs',
    label: '人事管理、后勤管理、内部工作流程等内部事务信息',
  },
  {
    code: 'processInformation',
    article: '第十六条',
    outcome: 'withheld.processInformation',
    label: '讨论记录、过程稿、磋商信函、请示报告等过程性信息',
  },
  { code: 'enforcementFile', article: '第十六条', outcome: 'withheld.enforcementFile', label: '行政执法案卷信息' },
] as const;
export type RedactionGround = (typeof REDACTION_GROUNDS)[number]['code'];
export const REDACTION_GROUND_CODES = REDACTION_GROUNDS.map((g) => g.code) as [RedactionGround, ...RedactionGround[]];

/**
 * Whether a reply with this outcome must name its grounds: partial disclosure (条例 37) and every
 * withholding row except 行政查询事项, which rests on art. 36 (7), not on arts. 14–16.
 */
export function outcomeNeedsGrounds(outcome: string): boolean {
  return outcome === 'partlyDisclosed' || (outcome.startsWith('withheld.') && outcome !== 'withheld.administrativeQuery');
}

/** Every reason these grounds do not fit the outcome (empty: they fit). */
export function groundsProblems(outcome: string, grounds: readonly string[]): string[] {
  const out: string[] = [];
  if (new Set(grounds).size !== grounds.length) out.push('不予公开的依据不能重复选择');
  if (!outcomeNeedsGrounds(outcome)) {
    if (grounds.length > 0) out.push('只有部分公开或不予公开的答复需要选择不予公开的依据');
    return out;
  }
  if (grounds.length === 0) out.push('部分公开或不予公开的答复须说明理由，请选择条例第十四条、第十五条或第十六条规定的依据');
  else if (outcome !== 'partlyDisclosed' && !REDACTION_GROUNDS.some((g) => g.outcome === outcome && grounds.includes(g.code)))
    out.push(`答复结果为“${replyOutcomeLabel(outcome)}”，依据中应包括与之对应的理由`);
  return out;
}

/** A ground's legal sentence: `《条例》第十五条：涉及个人隐私……`; the code itself when unknown. */
export function redactionGroundText(code: string): string {
  const g = REDACTION_GROUNDS.find((x) => x.code === code);
  return g ? `《中华人民共和国政府信息公开条例》${g.article}：${g.label}` : code;
}

/** Rows a request can close under besides the reply outcomes: treated as abandoned (条例 30, 109号). */
export const ABANDONED_OUTCOMES = [
  { code: 'other.noAmendment', group: '其他处理', label: '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请' },
  { code: 'other.unpaid', group: '其他处理', label: '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请' },
] as const;

/** The columns of section 三 (申请人情况). */
export const APPLICANT_CATEGORIES = [
  { code: 'natural', label: '自然人' },
  { code: 'commercial', label: '商业企业' },
  { code: 'research', label: '科研机构' },
  { code: 'publicWelfare', label: '社会公益组织' },
  { code: 'legalService', label: '法律服务机构' },
  { code: 'otherOrg', label: '其他' },
] as const;
export type ApplicantCategory = (typeof APPLICANT_CATEGORIES)[number]['code'];
/** Legal persons' categories (the five sub-columns of 法人或其他组织). */
export const ORG_CATEGORIES = APPLICANT_CATEGORIES.filter((c) => c.code !== 'natural').map((c) => c.code) as Exclude<
  ApplicantCategory,
  'natural'
>[];

/**
 * The result rows of section 三, in the report's order (国办公开办函〔2021〕30号): the reply
 * outcomes, with the two abandonment rows before 其他.
 */
export const RESULT_ROWS: readonly { code: string; group: string; label: string }[] = [
  ...REPLY_OUTCOMES.filter((o) => o.code !== 'other.other'),
  ...ABANDONED_OUTCOMES,
  REPLY_OUTCOMES.find((o) => o.code === 'other.other')!,
];
