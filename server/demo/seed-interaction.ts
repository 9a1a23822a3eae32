/**
 * Demo interaction, made through the interaction room's commands: the portal's channels (市长信箱,
 * 咨询, 投诉, 建议, 我为政府网站找错) and a 部门信箱 on every hosted department site; and letters
 * on the portal at different points of their way — answered and published, assigned and close
 * to its deadline, overdue, just arrived. Letters are written "in the past" through a clock
 * moved back, so due dates and warnings look as they would on a live platform.
 */
import type { ChannelKind, LetterCategory } from '../../common/schemas/interaction.ts';
import { DEFAULT_REPLY_DAYS } from '../../common/schemas/interaction.ts';
import { beijingDate } from '../../common/dates.ts';
import {
  actOnLetter,
  createChannel,
  createSurvey,
  openSurvey,
  runLetterWarnings,
  submitLetter,
  submitOpinion,
} from '../interaction/index.ts';
import type { Actor } from '../platform/actor.ts';
import type { Deps } from '../platform/deps.ts';

interface DemoSite {
  id: string;
  sponsorOrgId: string;
}

const PORTAL_CHANNELS: { kind: ChannelKind; name: string; intro: string; review: boolean }[] = [
  { kind: 'leaderMailbox', name: '市长信箱', intro: '市长信箱受理群众对全市经济社会发展的意见建议和诉求。', review: true },
  { kind: 'consultation', name: '政务咨询', intro: '咨询政策规定、办事流程等问题。', review: false },
  { kind: 'complaint', name: '投诉', intro: '投诉行政机关及其工作人员的违法违规行为。', review: true },
  { kind: 'suggestion', name: '建言献策', intro: '对全市发展提出意见建议。', review: false },
  { kind: 'errorReport', name: '我为政府网站找错', intro: '报告本网站的错别字、链接错误、内容不更新等问题。', review: false },
];

/** Opens the channels; answers the portal's channel ids by kind. */
export async function seedDemoChannels(
  deps: Deps,
  admin: Actor,
  portal: DemoSite,
  departments: DemoSite[],
): Promise<Map<ChannelKind, string>> {
  const ids = new Map<ChannelKind, string>();
  for (const c of PORTAL_CHANNELS) {
    const made = await createChannel(deps, admin, portal.id, {
      kind: c.kind,
      name: c.name,
      handlingOrgId: portal.sponsorOrgId,
      replyDays: DEFAULT_REPLY_DAYS[c.kind],
      publishReplies: c.kind !== 'complaint',
      reviewReplies: c.review,
      reopenOnUnsatisfied: c.kind === 'leaderMailbox',
      intro: c.intro,
      enabled: true,
    });
    ids.set(c.kind, made.id);
  }
  for (const d of departments)
    await createChannel(deps, admin, d.id, {
      kind: 'deptMailbox',
      name: '局长信箱',
      handlingOrgId: d.sponsorOrgId,
      replyDays: DEFAULT_REPLY_DAYS.deptMailbox,
      publishReplies: true,
      reviewReplies: true,
      reopenOnUnsatisfied: false,
      enabled: true,
    });
  return ids;
}

/** The platform as it was `days` ago (what commands read as today). */
const daysAgo = (deps: Deps, days: number): Deps => ({
  ...deps,
  clock: { now: () => new Date(deps.clock.now().getTime() - days * 86_400_000) },
});

let demoKey = 0;
const letter = (
  deps: Deps,
  siteId: string,
  channelId: string,
  category: LetterCategory,
  title: string,
  content: string,
  name: string,
  phone: string,
) =>
  submitLetter(deps, {
    siteId,
    form: { channelId, category, title, content, name, phone, email: null, consentPublish: true },
    attachments: [],
    idempotencyKey: `demo-letter-${++demoKey}`,
  });

/** Letters on the portal at different points of their way; answers how many were written. */
export async function seedDemoLetters(
  deps: Deps,
  portal: DemoSite,
  channels: Map<ChannelKind, string>,
  staff: { portalHandler: Actor; system: Actor; bureau: DemoSite },
): Promise<number> {
  const mailbox = channels.get('leaderMailbox')!;
  const consult = channels.get('consultation')!;
  const errors = channels.get('errorReport')!;

  const answered = await letter(
    daysAgo(deps, 20),
    portal.id,
    consult,
    '卫生健康',
    '新生儿医保参保需要哪些材料？',
    '孩子上个月出生，想给孩子办理城乡居民医保，请问需要带哪些材料，在哪里办理？',
    '孙示例',
    '13800000011',
  );
  const past = daysAgo(deps, 18);
  await actOnLetter(past, staff.portalHandler, answered.id, { action: 'accept' });
  await actOnLetter(past, staff.portalHandler, answered.id, {
    action: 'draftReply',
    reply:
      '您好！新生儿参加城乡居民医保，可由监护人持户口簿、出生医学证明到户籍所在地的社区服务中心办理，也可在“示例医保”公众号网上办理。出生 90 天内参保的，自出生之日起享受医保待遇。',
  });
  await actOnLetter(past, staff.portalHandler, answered.id, { action: 'submitReply' });

  const assigned = await letter(
    daysAgo(deps, 4),
    portal.id,
    mailbox,
    '交通运输',
    '建议在人民路小学门口设置上下学临时停车区',
    '人民路小学上下学时段车辆乱停，堵塞严重，也不安全。建议在学校门口设置临时停车区，并安排交警疏导。',
    '周示例',
    '13800000012',
  );
  await actOnLetter(daysAgo(deps, 4), staff.portalHandler, assigned.id, {
    action: 'assign',
    orgId: staff.bureau.sponsorOrgId,
    note: '请及时办理并答复来信人。',
  });

  const overdue = await letter(
    daysAgo(deps, 12),
    portal.id,
    mailbox,
    '城乡建设',
    '滨江小区门前路灯长期不亮',
    '滨江小区门前的三盏路灯已经坏了一个多月，晚上出行很不安全，希望尽快维修。',
    '吴示例',
    '13800000013',
  );
  await actOnLetter(daysAgo(deps, 11), staff.portalHandler, overdue.id, { action: 'accept' });

  await letter(
    deps,
    portal.id,
    errors,
    '网站问题',
    '“政策文件”栏目有一篇文件的附件打不开',
    '政策文件栏目中《示例市城区道路改造实施方案》的附件点击后显示 404。',
    '郑示例',
    '13800000014',
  );
  await runLetterWarnings(deps, staff.system);
  return 4;
}

/** An open 征集调查 on the portal with one opinion. */
export async function seedDemoSurvey(deps: Deps, portal: DemoSite, handler: Actor): Promise<void> {
  const day = (offset: number) => beijingDate(new Date(deps.clock.now().getTime() + offset * 86_400_000).toISOString());
  const survey = await createSurvey(deps, handler, portal.id, {
    title: '《示例市城区停车管理办法（征求意见稿）》公开征求意见',
    description:
      '为规范城区停车秩序，市住房和城乡建设局起草了《示例市城区停车管理办法（征求意见稿）》，现向社会公开征求意见。请于征集截止日期前提出意见建议。',
    startsOn: day(-5),
    endsOn: day(25),
  });
  await openSurvey(deps, handler, survey.id);
  await submitOpinion(
    deps,
    portal.id,
    survey.id,
    { content: '建议在老旧小区周边增设夜间限时停车位。', name: null, phone: null },
    'demo-opinion-parking-0001',
  );
}
