/**
 * Letters and service guides of a site hosted on the platform, judged exactly from the database
 * (domain-rules.md §1.2 items 5 and 6):
 * - `letter_unanswered`: a letter still unanswered past its due date (working days, the interaction
 *   room's clock) is a deduction; a 咨询建言 letter unanswered for more than three months is the
 *   veto 互动回应差. The finding names the letter by its tracking number, never by what the citizen
 *   wrote (findings are read by people outside the handling office).
 * - `guide_incomplete`: a published item whose guide lacks elements the platform requires
 *   (setting `guides.settings`) is a deduction; when the national rule 服务不实用 hits the site, the
 *   items it counts (lacking 4 or more key categories) are vetoes, and a site with no published
 *   item gets one veto finding on its 办事服务 page.
 * Pure.
 */
import { LETTER_LIST_PATH } from '../../../common/public-paths.ts';
import type { Finding } from '../../../common/schemas/monitoring.ts';
import {
  missingElements,
  NATIONAL_KEY_ELEMENTS,
  hasElement,
  SERVICE_ELEMENT_LABELS,
  SERVICE_VETO_LABELS,
  serviceVeto,
  VETO_MISSING_CATEGORIES,
  type ServiceElement,
  type ServiceGuide,
} from '../../../common/service-items.ts';

/** An unanswered letter with its clock on the as-of day (the interaction room's `openLettersOfSite`). */
export interface LetterFacts {
  id: string;
  trackingNo: string;
  channelName: string;
  consultative: boolean;
  receivedOn: string;
  dueOn: string;
  replyDays: number;
  level: string;
  daysOpen: number;
  pastVetoLine: boolean;
  vetoDays: number;
}

/** `letter_unanswered` findings: overdue letters (deduction), consultative ones past the national line (veto). */
export function letterFindings(letters: readonly LetterFacts[], url: (path: string) => string): Finding[] {
  const out: Finding[] = [];
  for (const l of letters) {
    const overdue = l.level === 'overdue';
    if (!overdue && !l.pastVetoLine) continue;
    const what = `信件${l.trackingNo}（${l.channelName || '互动交流'}，${l.receivedOn}收到）`;
    out.push({
      kind: 'letter_unanswered',
      severity: l.pastVetoLine ? 'veto' : 'deduction',
      // Where the answer is published once there is one.
      url: url(`${LETTER_LIST_PATH}${l.id}`),
      lastUpdated: l.receivedOn,
      days: l.daysOpen,
      detail: l.pastVetoLine
        ? `${what}已${l.daysOpen}天未答复，超过3个月（${l.vetoDays}天），达到单项否决线`
        : `${what}已${l.daysOpen}天未答复，超过答复期限（${l.replyDays}个工作日，${l.dueOn}到期）`,
      rule: l.pastVetoLine ? 'veto.interaction' : 'deduction.letter_reply',
      params: { dueOn: l.dueOn, replyDays: l.replyDays, vetoDays: l.vetoDays, consultative: l.consultative },
    });
  }
  return out;
}

/** A published service item: its page and its guide as published. */
export interface ServiceItemFacts {
  code: string;
  /** Site-root path of its public page (the guides room's `servicePagePath`). */
  path: string;
  guide: ServiceGuide;
}

/** The 办事服务 section of a site (publishing/rules/paths.ts SERVICES_PATH). */
const SERVICES_HOME = '/bsfw/';

const labels = (elements: readonly ServiceElement[]) => elements.map((e) => SERVICE_ELEMENT_LABELS[e]).join('、');

/** `guide_incomplete` findings over a site's published items, with the national 服务不实用 rule. */
export function guideFindings(
  items: readonly ServiceItemFacts[],
  requiredElements: readonly ServiceElement[],
  url: (path: string) => string,
): Finding[] {
  const missingKey = items.map((i) => NATIONAL_KEY_ELEMENTS.filter((e) => !hasElement(i.guide, e)));
  const veto = serviceVeto(missingKey.map((m) => m.length));
  const vetoText = veto ? `网站“服务不实用”（${SERVICE_VETO_LABELS[veto]}），达到单项否决线` : '';
  if (veto === 'noServices')
    return [
      {
        kind: 'guide_incomplete',
        severity: 'veto',
        url: url(SERVICES_HOME),
        detail: `网站没有已发布的办事事项；${vetoText}`,
        rule: 'veto.service_impractical',
        params: { veto },
      },
    ];
  const out: Finding[] = [];
  for (const [i, item] of items.entries()) {
    const missing = missingElements(item.guide, requiredElements);
    const key = missingKey[i]!;
    const counted = veto !== null && key.length >= VETO_MISSING_CATEGORIES;
    if (!counted && missing.length === 0) continue;
    const name = `办事事项“${item.guide.name || item.code}”（${item.code}）`;
    const lacks = missing.length ? `${name}的办事指南缺少：${labels(missing)}` : `${name}的办事指南`;
    out.push({
      kind: 'guide_incomplete',
      severity: counted ? 'veto' : 'deduction',
      url: url(item.path),
      detail: counted ? `${lacks}；缺少${key.length}类重点要素（${labels(key)}）；${vetoText}` : lacks,
      rule: counted ? 'veto.service_impractical' : 'deduction.guide_elements',
      params: { missing, missingKey: key, ...(counted ? { veto } : {}) },
    });
  }
  return out;
}
