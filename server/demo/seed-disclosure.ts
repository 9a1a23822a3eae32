/**
 * Demo 依申请公开 requests on the portal, made through the disclosure room's commands: one in
 * progress, one waiting for the applicant's amendment, one answered. Dates are relative to now,
 * so the due dates and warnings look as they would on a live platform.
 */
import { beijingDate } from '../../common/dates.ts';
import { residentIdCheckChar } from '../../common/identity.ts';
import { recordRequestEvent, registerRequest } from '../disclosure/index.ts';
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
