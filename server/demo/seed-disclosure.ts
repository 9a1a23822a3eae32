/**
 * Demo 依申请公开 requests on the portal, made through the disclosure room's commands: one in
 * progress, one waiting for the applicant's amendment, one answered. Dates are relative to now,
 * so the due dates and warnings look as they would on a live platform. Also the 政府信息公开指南
 * of each demo site's sponsor, and a draft 2025 annual report of the city government.
 */
import { beijingDate } from '../../common/dates.ts';
import { residentIdCheckChar } from '../../common/identity.ts';
import { getAnnualReport, recordRequestEvent, registerRequest, saveAnnualReport, saveGuide } from '../disclosure/index.ts';
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

/** Section 四 block whose 总计 is the sum of the four results, as the report's checks require. */
const reviewBlock = (upheld: number, corrected: number, other: number, pending: number) => ({
  upheld,
  corrected,
  other,
  pending,
  total: upheld + corrected + other + pending,
});

/**
 * A draft 2025 政府信息公开工作年度报告 of the org (the demo's city government, which reports with
 * every org below it): what is typed in by hand, i.e. section 二's licensing, penalty,
 * enforcement and fee rows, section 四, and the narratives 一, 五 and 六. Sections 二 (documents)
 * and 三 are computed from the platform's records, so the narratives refer to the tables rather
 * than quoting figures that would not match them. Saved through the disclosure room, audited
 * as the actor; a report already saved for that year is left as it is.
 */
export async function seedDemoAnnualReport(deps: Deps, orgId: string, actor: Actor): Promise<void> {
  const key = { orgId, year: 2025 };
  if ((await getAnnualReport(deps, actor, key)).version > 0) return;
  await saveAnnualReport(deps, actor, key, {
    expectedVersion: 0,
    entered: {
      // 行政许可、行政处罚、行政强制: 本年处理决定数量; 行政事业性收费: 2,386.4520 万元, in fen.
      proactive: { licensing: 15_284, penalty: 2_937, enforcement: 146, feeFen: 2_386_452_000 },
      review: {
        reconsideration: reviewBlock(9, 2, 1, 1),
        litigationDirect: reviewBlock(4, 1, 0, 2),
        litigationAfterReconsideration: reviewBlock(2, 0, 0, 1),
      },
    },
    narratives: {
      overview: [
        '2025年，示例市人民政府坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》和国家、省关于政务公开工作的部署要求，坚持以公开为常态、不公开为例外，围绕市委、市政府中心工作和人民群众关切，持续深化政务公开，提升政府透明度和公信力。',
        '（一）主动公开。全市各级行政机关通过政府门户网站、政务新媒体和政府信息公开专栏及时发布政策文件、规划计划、财政预决算、重大建设项目和公共资源配置等信息，行政规范性文件实行统一登记、统一编号、统一发布，主动公开情况详见第二部分统计表。',
        '（二）依申请公开。严格落实依申请公开受理、登记、审查、答复和归档各环节要求，规范答复文书格式，按法定期限答复申请人，办理情况详见第三部分统计表。',
        '（三）政府信息管理。建立健全政府信息公开属性源头认定机制，定期开展政策文件清理和有效性标注工作，及时更新政府信息公开目录和政府信息公开指南。',
        '（四）平台建设。推进政府网站集约化建设，统一信息发布审核流程，落实“初审、审核、审签”三审制度，保障网站安全稳定运行。',
        '（五）监督保障。将政务公开工作纳入年度绩效考核，组织开展政务公开业务培训，定期对各部门网站和政务新媒体进行检查并通报结果。',
      ].join('\n'),
      problems: [
        '2025年，我市政府信息公开工作取得了一定成效，但仍存在一些不足：一是部分部门政策解读形式较为单一，图解、视频等多元化解读比例不高；二是个别部门信息更新不够及时，基层政务公开标准化规范化水平有待提高；三是依申请公开答复文书的说理性还需加强。',
        '针对上述问题，2026年我市将重点做好以下工作：一是丰富政策解读形式，推行图文、音视频等解读方式，提高解读的针对性和可读性；二是加强日常监测和督促检查，对信息更新不及时的部门予以通报；三是组织开展依申请公开专题培训和案例研讨，进一步规范答复行为，提升依法答复水平。',
      ].join('\n'),
      other: [
        '（一）收取信息处理费情况。本年度本机关未收取信息处理费。',
        '（二）人大代表建议和政协提案办理结果公开情况。本年度市政府各部门承办市人大代表建议 86 件、市政协提案 124 件，均已按期办结，办理复文除涉及国家秘密、商业秘密和个人隐私的以外，均已在政府门户网站公开。',
        '（三）年度工作要点落实情况。按照本年度政务公开工作要点的部署，我市各项任务均已按期完成。',
      ].join('\n'),
    },
  });
}
