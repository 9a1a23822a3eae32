/**
 * The reply letter (政府信息公开申请答复书) of a request: addressee, what was asked and when it was
 * received, the outcome with its legal basis (条例 第三十六条 and the articles each reply type
 * rests on), the office's reply text, and the applicant's remedies (行政复议法, 行政诉讼法). Pure:
 * the letter as paragraphs, for the DOCX writer and the print view.
 */
import { redactionGroundText, replyOutcomeLabel } from '../../../common/disclosure-outcomes.ts';

/** The 条例 articles a reply of each kind rests on. */
const BASIS: Record<string, string> = {
  disclosed: '《中华人民共和国政府信息公开条例》第三十六条第（二）项',
  partlyDisclosed: '《中华人民共和国政府信息公开条例》第三十七条',
  withheld: '《中华人民共和国政府信息公开条例》第三十六条第（三）项及第十四条、第十五条、第十六条',
  'withheld.administrativeQuery': '《中华人民共和国政府信息公开条例》第三十六条第（七）项',
  'unavailable.notHeld': '《中华人民共和国政府信息公开条例》第三十六条第（四）项、第（五）项',
  'unavailable.needsCreation': '《中华人民共和国政府信息公开条例》第三十八条',
  'unavailable.stillUnclear': '《中华人民共和国政府信息公开条例》第三十条',
  'notProcessed.petition': '《中华人民共和国政府信息公开条例》第三十九条第一款',
  'notProcessed.repeat': '《中华人民共和国政府信息公开条例》第三十六条第（六）项',
  'notProcessed.publication': '《中华人民共和国政府信息公开条例》第三十九条第二款',
  'notProcessed.excessive': '《中华人民共和国政府信息公开条例》第三十五条',
  'notProcessed.confirmation': '《中华人民共和国政府信息公开条例》第三十八条',
};

export interface ReplyLetterInput {
  orgName: string;
  trackingNo: string;
  applicantName: string;
  receivedOn: string;
  description: string;
  outcome: string;
  replyText: string | null;
  answeredOn: string;
  /** 条例 14–16 grounds of a partial disclosure or a withholding (REDACTION_GROUNDS codes). */
  grounds?: readonly string[];
}

export interface ReplyLetter {
  title: string;
  reference: string;
  paragraphs: string[];
  signature: string[];
}

const cn = (date: string) => `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

/** The reasons for what is withheld: one paragraph naming each ground with its article. */
function groundsParagraphs(i: ReplyLetterInput): string[] {
  const grounds = i.grounds ?? [];
  if (grounds.length === 0) return [];
  const what = i.outcome === 'partlyDisclosed' ? '不予公开部分' : '不予公开';
  return [`${what}的理由：${grounds.map((g, n) => `（${n + 1}）${redactionGroundText(g)}`).join('；')}。`];
}

/** The letter's text. */
export function replyLetter(i: ReplyLetterInput): ReplyLetter {
  const basis = BASIS[i.outcome] ?? BASIS[i.outcome.split('.')[0] ?? ''] ?? null;
  return {
    title: '政府信息公开申请答复书',
    reference: `受理编号：${i.trackingNo}`,
    paragraphs: [
      `${i.applicantName}：`,
      `本机关于${cn(i.receivedOn)}收到您提出的政府信息公开申请，所需信息为：“${i.description}”。`,
      `经审查，现答复如下：${replyOutcomeLabel(i.outcome)}。${i.replyText ?? ''}`,
      ...groundsParagraphs(i),
      ...(basis ? [`依据：${basis}。`] : []),
      '如对本答复不服，可以自收到本答复书之日起六十日内依法申请行政复议，或者自收到本答复书之日起六个月内依法向人民法院提起行政诉讼。',
    ],
    signature: [i.orgName, cn(i.answeredOn)],
  };
}
