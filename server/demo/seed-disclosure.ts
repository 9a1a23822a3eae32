/**
 * Demo 依申请公开 requests on the portal, made through the disclosure room's commands: one in
 * progress, one waiting for the applicant's amendment, one answered. Dates are relative to now,
 * so the due dates and warnings look as they would on a live platform.
 */
import { beijingDate } from '../../common/dates.ts';
import { residentIdCheckChar } from '../../common/identity.ts';
import { recordRequestEvent, registerRequest, saveGuide } from '../disclosure/index.ts';
import type { Actor } from '../platform/actor.ts';
import type { Deps } from '../platform/deps.ts';

/** A valid, fictional 居民身份证 number (region 510402, 示例市东区 style). */
function demoIdNumber(birth: string, serial: number): string {
  const body = `510402${birth}${String(serial).padStart(3, '0')}`;
  return body + (residentIdCheckChar(body) ?? '0');
}

export async function seedDemoRequests(deps: Deps, siteId: string, officer: Actor): Promise<number> {
  const day = (daysAgo: number) => beijingDate(new Date(deps.clock.now().getTime() - daysAgo * 86_400_000).toISOString());
  const base = {
    siteId,
    forms: ['electronic'],
    channels: ['email'],
  };
  await registerRequest(deps, officer, {
    ...base,
    applicant: {
      kind: 'person',
      name: '赵示例',
      idType: 'residentId',
      idNumber: demoIdNumber('19800101', 11),
      phone: '13800000001',
      email: 'zhao@example.cn',
    },
    description: '示例市 2025 年城区道路改造工程的立项批复文件',
    receipt: { channel: 'online', submittedOn: day(9), confirmedOn: day(9) },
  });
  const amending = await registerRequest(deps, officer, {
    ...base,
    applicant: { kind: 'person', name: '钱示例', idType: 'residentId', idNumber: demoIdNumber('19750612', 23), phone: '13800000002' },
    description: '关于我家房屋征收的有关文件',
    receipt: { channel: 'post', signedOn: day(6) },
  });
  await recordRequestEvent(deps, officer, amending.id, {
    event: { type: 'amendmentRequested', on: day(3), applicantDeadline: day(-12) },
    note: '请写明房屋所在位置、征收项目名称或相关文件的文号。',
  });
  const answered = await registerRequest(deps, officer, {
    ...base,
    applicant: {
      kind: 'organisation',
      orgCategory: 'legalService',
      name: '示例律师事务所',
      idType: 'creditCode',
      idNumber: '31510000MD0000010R',
      phone: '0812-3000000',
    },
    description: '示例市 2024 年度政府信息公开工作年度报告中依申请公开的统计口径说明',
    forms: ['paper'],
    channels: ['post'],
    receipt: { channel: 'inPerson', submittedOn: day(30) },
  });
  await recordRequestEvent(deps, officer, answered.id, {
    event: { type: 'answered', on: day(12), outcome: 'disclosed' },
    note: '所需材料已于答复当日邮寄，请注意查收。',
  });
  return 3;
}

/** The 政府信息公开指南 of a demo site's sponsor: the office, its contacts and the usual texts. */
export async function seedDemoGuide(deps: Deps, siteId: string, actor: Actor): Promise<void> {
  await saveGuide(deps, actor, siteId, {
    officeName: '办公室（政府信息公开工作机构）',
    address: '示例市东区人民街 1 号',
    postalCode: '617000',
    officeHours: '工作日上午 8:30—12:00，下午 14:30—18:00（法定节假日除外）',
    phone: '0812-2220000',
    fax: '0812-2220001',
    webContact: '本网站“依申请公开”栏目在线申请',
    arrangement:
      '本机关主动公开的政府信息按政府信息公开指南、政府信息公开制度、法定主动公开内容（按《条例》第二十条、第二十一条列项）、政府信息公开年报和依申请公开分类编排。\n每条信息列明索引号、名称、内容概述和生成日期，可按分类、主题、发布机构和年份浏览，按标题、文号和日期检索。',
    obtaining:
      '主动公开的政府信息自形成或者变更之日起 20 个工作日内通过本网站公开，也可在市政务服务中心、市档案馆和市图书馆的政府信息查阅场所查阅。\n公民、法人或者其他组织可通过本网站在线提交申请，或以信函、当面方式向本机关政府信息公开工作机构提出申请。',
  });
}
