/**
 * Demo services, made through the guides room's commands: the education bureau's service items,
 * written by its service officer and published by its section reviewer (the publisher is never
 * the last editor), one with a blank application form to download and one handled fully online;
 * and one draft that still lacks elements, so the back office has something to flag.
 */
import type { ServiceGuide } from '../../common/service-items.ts';
import { storeFile } from '../content/index.ts';
import { createServiceItem, publishServiceItems } from '../guides/index.ts';
import type { Actor } from '../platform/actor.ts';
import type { Deps } from '../platform/deps.ts';

/** A one-page PDF: the blank application form the demo offers for download. */
function blankFormPdf(title: string): Buffer {
  const text = `BT /F1 18 Tf 72 720 Td (${title}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

const COMMON = {
  handlingOrg: '示例市教育和体育局行政审批科',
  place: '示例市政务服务中心二楼教育窗口（示例市人民路 1 号）',
  officeHours: '工作日上午 9:00—12:00，下午 13:30—17:00（法定节假日除外）',
  phone: '0000-12345678',
  complaintPhone: '12345',
  fees: '不收费',
  feeBasis: null,
  faq: [],
} satisfies Partial<ServiceGuide>;

const ITEMS: ServiceGuide[] = [
  {
    ...COMMON,
    name: '教师资格认定',
    code: 'DEMO-JY-XK-001',
    category: '行政许可',
    audiences: ['person'],
    topics: ['t03', 't04'],
    lifeEvents: ['p03'],
    legalBasis: '《中华人民共和国教师法》第十条；《教师资格条例》第十三条',
    conditions:
      '1. 具有中华人民共和国国籍；\n2. 遵守宪法和法律，热爱教育事业，具有良好的思想品德；\n3. 具备规定的学历和普通话水平；\n4. 通过中小学教师资格考试。',
    materials: [
      { name: '教师资格认定申请表', form: '原件1份', required: true, note: '在线填写后打印', formFileId: null, sampleFileId: null },
      { name: '居民身份证', form: '原件及复印件各1份', required: true, note: null, formFileId: null, sampleFileId: null },
      { name: '学历证书', form: '原件及复印件各1份', required: true, note: null, formFileId: null, sampleFileId: null },
      { name: '普通话水平测试等级证书', form: '原件1份', required: true, note: null, formFileId: null, sampleFileId: null },
      { name: '体检合格证明', form: '原件1份', required: true, note: '指定医院出具', formFileId: null, sampleFileId: null },
    ],
    legalTimeLimit: '30个工作日',
    promisedTimeLimit: '20个工作日',
    process: [
      { title: '网上申请', description: '在中国教师资格网填报申请信息' },
      { title: '现场确认', description: '携带材料到窗口确认' },
      { title: '审查', description: null },
      { title: '决定', description: '作出认定决定' },
      { title: '发证', description: '颁发教师资格证书' },
    ],
    onlineUrl: 'https://www.jszg.edu.cn/',
    onlineLevel: 'partial',
    faq: [{ question: '户籍不在本市可以申请吗？', answer: '持有本市居住证的人员可以在本市申请认定。' }],
  },
  {
    ...COMMON,
    name: '义务教育阶段学生转学',
    code: 'DEMO-JY-GG-002',
    category: '公共服务',
    audiences: ['person'],
    topics: ['t03'],
    lifeEvents: ['p02'],
    legalBasis: '《中华人民共和国义务教育法》第十二条',
    conditions: '因户籍迁移、监护人工作调动等原因需要转学的义务教育阶段学生。',
    materials: [
      { name: '转学申请表', form: '原件1份', required: true, note: '监护人签字', formFileId: null, sampleFileId: null },
      { name: '户口簿或居住证', form: '原件及复印件各1份', required: true, note: null, formFileId: null, sampleFileId: null },
    ],
    legalTimeLimit: null,
    promisedTimeLimit: '5个工作日',
    process: [
      { title: '申请', description: '监护人向转入学校提出申请' },
      { title: '审核', description: '转出、转入学校及教育部门审核' },
      { title: '办结', description: '学籍系统办理转学手续' },
    ],
    onlineUrl: null,
    onlineLevel: 'none',
  },
  {
    ...COMMON,
    name: '普通话水平测试报名',
    code: 'DEMO-JY-GG-003',
    category: '公共服务',
    audiences: ['person'],
    topics: ['t03'],
    lifeEvents: ['p03'],
    legalBasis: '《中华人民共和国国家通用语言文字法》第十九条',
    conditions: '年满16周岁的社会人员及在校学生。',
    materials: [{ name: '居民身份证', form: '原件1份', required: true, note: null, formFileId: null, sampleFileId: null }],
    legalTimeLimit: null,
    promisedTimeLimit: '即时办结',
    fees: '每人次按省定标准收取测试费',
    feeBasis: '省发展改革委、财政厅关于普通话水平测试收费标准的通知',
    process: [
      { title: '网上报名', description: '在国家普通话水平测试在线报名系统报名并缴费' },
      { title: '参加测试', description: null },
    ],
    onlineUrl: 'https://bm.cltt.org/',
    onlineLevel: 'full',
  },
  {
    ...COMMON,
    name: '民办学校设立审批',
    code: 'DEMO-JY-XK-004',
    category: '行政许可',
    audiences: ['legal'],
    topics: ['t16', 't03'],
    lifeEvents: ['l01'],
    legalBasis: '《中华人民共和国民办教育促进法》第十二条',
    conditions: '举办者具有法人资格或完全民事行为能力，办学条件符合国家和本省规定的设置标准。',
    materials: [
      { name: '申办报告', form: '原件1份', required: true, note: null, formFileId: null, sampleFileId: null },
      { name: '举办者资格证明文件', form: '复印件1份', required: true, note: null, formFileId: null, sampleFileId: null },
      { name: '资产来源、资金数额及有效证明文件', form: '原件1份', required: true, note: null, formFileId: null, sampleFileId: null },
    ],
    legalTimeLimit: '3个月',
    promisedTimeLimit: '30个工作日',
    process: [
      { title: '申请', description: null },
      { title: '受理', description: null },
      { title: '现场核查', description: null },
      { title: '决定', description: null },
    ],
    onlineUrl: null,
    onlineLevel: 'appointment',
  },
  {
    ...COMMON,
    name: '家庭经济困难学生资助申请',
    code: 'DEMO-JY-JF-005',
    category: '行政给付',
    audiences: ['person'],
    topics: ['t03', 't05'],
    lifeEvents: ['p02'],
    legalBasis: '《学生资助资金管理办法》',
    conditions: '具有本市正式学籍、家庭经济困难的在校学生。',
    materials: [
      {
        name: '家庭经济困难学生认定申请表',
        form: '原件1份',
        required: true,
        note: '下载空白表格填写',
        formFileId: null,
        sampleFileId: null,
      },
      { name: '户口簿', form: '复印件1份', required: true, note: null, formFileId: null, sampleFileId: null },
    ],
    legalTimeLimit: null,
    promisedTimeLimit: '15个工作日',
    process: [
      { title: '学生申请', description: '向就读学校提交申请表' },
      { title: '学校评议', description: '班级、学校两级评议并公示' },
      { title: '审核发放', description: '教育部门审核后发放资助资金' },
    ],
    onlineUrl: null,
    onlineLevel: 'none',
  },
];

/** An item still being written: it lacks 设定依据, 办理地点 and 办理流程. */
const DRAFT: ServiceGuide = {
  ...COMMON,
  name: '校外培训机构设立审批',
  code: 'DEMO-JY-XK-006',
  category: '行政许可',
  audiences: ['legal'],
  topics: ['t17'],
  lifeEvents: ['l02'],
  legalBasis: null,
  conditions: '符合校外培训机构设置标准。',
  materials: [{ name: '设立申请书', form: '原件1份', required: true, note: null, formFileId: null, sampleFileId: null }],
  place: '待补充',
  legalTimeLimit: null,
  promisedTimeLimit: null,
  process: [],
  onlineUrl: null,
  onlineLevel: 'none',
};

export async function seedDemoGuides(
  deps: Deps,
  site: { id: string; sponsorOrgId: string },
  staff: { officer: Actor; reviewer: Actor },
): Promise<number> {
  const form = await storeFile(
    deps,
    staff.officer,
    { siteId: site.id, filename: '家庭经济困难学生认定申请表.pdf', bytes: blankFormPdf('Application form') },
    'guides.edit',
  );
  const ids: string[] = [];
  for (const g of ITEMS) {
    const guide =
      g.code === 'DEMO-JY-JF-005' ? { ...g, materials: g.materials.map((m, i) => (i === 0 ? { ...m, formFileId: form.fileId } : m)) } : g;
    ids.push((await createServiceItem(deps, staff.officer, site.id, { ...guide, orgId: site.sponsorOrgId })).id);
  }
  await createServiceItem(deps, staff.officer, site.id, { ...DRAFT, orgId: site.sponsorOrgId });
  await publishServiceItems(deps, staff.reviewer, site.id, { ids });
  return ids.length + 1;
}
