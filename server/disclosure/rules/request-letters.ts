/**
 * The letters a request sends out before its reply, as paragraphs for the DOCX writer:
 *
 * - the 征求意见函 to a third party (条例 第三十二条) or to the agencies that made the information
 *   with the office or must approve it (第三十三条第二款、第三十四条); it names the information asked
 *   for but never the applicant, whose personal data the consulted party has no need of;
 * - the 收费通知书 (国办函〔2020〕109号): basis, standard, amount with its breakdown from the fee
 *   rule, payment deadline and what non-payment means.
 *
 * Pure.
 */
import { CONSULTATION_WORKDAYS, FEE_PAYMENT_WORKDAYS, chineseDate, type ConsultedParty } from './request-clock.ts';
import type { FeeCalculation } from './fees.ts';

export interface Letter {
  title: string;
  reference: string;
  paragraphs: string[];
  signature: string[];
}

export interface ConsultationLetterInput {
  orgName: string;
  trackingNo: string;
  receivedOn: string;
  description: string;
  party: ConsultedParty;
  addressee: string;
  /** The letter's date. */
  on: string;
}

/** The 征求意见函. */
export function consultationLetter(i: ConsultationLetterInput): Letter {
  const you = i.party === 'thirdParty' ? '贵方' : '贵机关';
  const why =
    i.party === 'thirdParty'
      ? `经审查，该信息可能涉及${you}的商业秘密、个人隐私等合法权益，公开可能对${you}的合法权益造成损害。根据《中华人民共和国政府信息公开条例》第三十二条的规定，现书面征求${you}意见。`
      : `经审查，该信息系本机关与${you}共同制作，或者依照法律、法规的规定公开前须经${you}同意。根据《中华人民共和国政府信息公开条例》第三十三条第二款、第三十四条的规定，现书面征求${you}意见。`;
  const answer =
    i.party === 'thirdParty'
      ? `请${you}自收到本函之日起 ${CONSULTATION_WORKDAYS} 个工作日内书面提出是否同意公开的意见并说明理由。逾期未提出意见的，由本机关依照条例的规定决定是否公开。${you}不同意公开且有合理理由的，本机关不予公开；本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知${you}。`
      : `请${you}自收到本函之日起 ${CONSULTATION_WORKDAYS} 个工作日内提出意见。逾期未提出意见的，视为同意公开。`;
  return {
    title: '政府信息公开征求意见函',
    reference: `受理编号：${i.trackingNo}`,
    paragraphs: [
      `${i.addressee}：`,
      `本机关于${chineseDate(i.receivedOn)}收到一项政府信息公开申请，申请获取的政府信息为：“${i.description}”。`,
      why,
      answer,
      '征求意见期间不计算在答复期限内。',
      '特此函告。',
    ],
    signature: [i.orgName, chineseDate(i.on)],
  };
}

export interface FeeNoticeInput {
  orgName: string;
  trackingNo: string;
  applicantName: string;
  receivedOn: string;
  description: string;
  fee: FeeCalculation;
  /** The payment deadline when the notice was already recorded as received; null: counted from receipt of this notice. */
  paymentDeadline: string | null;
  on: string;
}

/** The 收费通知书. */
export function feeNotice(i: FeeNoticeInput): Letter {
  const amount = i.fee.text.slice(i.fee.text.lastIndexOf('合计'));
  const deadline = i.paymentDeadline ? `，即最迟于${chineseDate(i.paymentDeadline)}` : '';
  return {
    title: '政府信息公开信息处理费收费通知书',
    reference: `受理编号：${i.trackingNo}`,
    paragraphs: [
      `${i.applicantName}：`,
      `本机关于${chineseDate(i.receivedOn)}收到您提出的政府信息公开申请，所需信息为：“${i.description}”。`,
      '您申请公开政府信息的数量、频次明显超过合理范围，根据《中华人民共和国政府信息公开条例》第四十二条的规定，本机关依法收取信息处理费。',
      `收费依据和标准：${i.fee.basis}`,
      `计收金额：${i.fee.text}`,
      `请您自收到本通知书之日的次日起 ${FEE_PAYMENT_WORKDAYS} 个工作日内${deadline}缴纳信息处理费（${amount.replace(/。$/, '')}）。信息处理费按照行政事业性收费管理，缴入国库，本机关开具财政票据。`,
      '逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。本机关发出收费通知书至您缴纳费用期间，不计算在答复期限内。',
    ],
    signature: [i.orgName, chineseDate(i.on)],
  };
}
