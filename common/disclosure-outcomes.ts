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
