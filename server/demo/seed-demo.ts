/**
 * The demo city (示例市): a fictional city, clearly marked, built through the real commands
 * so it obeys every rule real data does. Division codes start with 99, which GB/T 2260 does
 * not use, so no code here can be mistaken for a real one.
 */
import { seedDemoAnnualReport, seedDemoGuide, seedDemoRequests } from './seed-disclosure.ts';
import { creditCodeCheckChar } from '../../common/codes.ts';
import { ROLES, type RoleCode } from '../../common/roles.ts';
import type { FreshnessClass } from '../../common/schemas/sites.ts';
import { createOrg, createUser, findOrgByName, grantRole, type Org } from '../accounts/index.ts';
import { systemActor, type Actor } from '../platform/actor.ts';
import { publishableSites, publishSite } from '../publishing/index.ts';
import { seedDemoChannels, seedDemoLetters, seedDemoSurvey } from './seed-interaction.ts';
import { seedDemoGuides } from './seed-guides.ts';
import { seedDemoContent } from './seed-content.ts';
import type { Deps } from '../platform/deps.ts';
import { Errors } from '../platform/errors.ts';
import { createColumn, createSite, type Site } from '../sites/index.ts';

export const DEMO_MARK = '（示例数据）';
const actor = systemActor('demo');

function creditCode(division: string, serial: number): string {
  const body = `11${division}MB${String(serial).padStart(7, '0')}`;
  return body + (creditCodeCheckChar(body) ?? '0');
}

interface ColumnSpec {
  name: string;
  slug: string;
  freshness: FreshnessClass;
  /** The 政府信息公开目录 category the column feeds. */
  catalogue?: string;
  children?: ColumnSpec[];
}

const DISCLOSURE: ColumnSpec = {
  name: '政府信息公开',
  slug: 'zfxxgk',
  freshness: 'none',
  children: [
    { name: '政府信息公开指南', slug: 'gkzn', freshness: 'none', catalogue: 'guide' },
    { name: '政府信息公开制度', slug: 'gkzd', freshness: 'none', catalogue: 'rules' },
    { name: '法定主动公开内容', slug: 'fdzdgknr', freshness: 'none' },
    { name: '政府信息公开年报', slug: 'gknb', freshness: 'plan', catalogue: 'annualReport' },
    { name: '依申请公开', slug: 'ysqgk', freshness: 'none', catalogue: 'request' },
  ],
};

const PORTAL_COLUMNS: ColumnSpec[] = [
  { name: '政务要闻', slug: 'zwyw', freshness: 'news' },
  { name: '部门动态', slug: 'bmdt', freshness: 'news' },
  { name: '通知公告', slug: 'tzgg', freshness: 'notice' },
  {
    name: '政策文件',
    slug: 'zcwj',
    freshness: 'policy',
    catalogue: 'art20.1',
    children: [{ name: '行政规范性文件', slug: 'gfxwj', freshness: 'policy', catalogue: 'art20.1' }],
  },
  { name: '政策解读', slug: 'zcjd', freshness: 'policy' },
  DISCLOSURE,
  { name: '人事信息', slug: 'rsxx', freshness: 'personnel', catalogue: 'art20.14' },
  { name: '规划计划', slug: 'ghjh', freshness: 'plan', catalogue: 'art20.3' },
  { name: '财政预决算', slug: 'czyjs', freshness: 'plan', catalogue: 'art20.7' },
];

const DEPARTMENT_COLUMNS: ColumnSpec[] = [
  { name: '工作动态', slug: 'gzdt', freshness: 'news' },
  { name: '通知公告', slug: 'tzgg', freshness: 'notice' },
  { name: '政策文件', slug: 'zcwj', freshness: 'policy', catalogue: 'art20.1' },
  { name: '政策解读', slug: 'zcjd', freshness: 'policy' },
  DISCLOSURE,
  { name: '人事信息', slug: 'rsxx', freshness: 'personnel', catalogue: 'art20.14' },
  { name: '规划计划', slug: 'ghjh', freshness: 'plan', catalogue: 'art20.3' },
];

const COUNTIES: { name: string; division: string; pinyin: string }[] = [
  { name: '示例市东区', division: '990102', pinyin: 'dq' },
  { name: '示例市西区', division: '990103', pinyin: 'xq' },
  { name: '示例市南区', division: '990111', pinyin: 'nq' },
  { name: '示例县', division: '990121', pinyin: 'slx' },
  { name: '示例山县', division: '990122', pinyin: 'ssx' },
];

const DEPARTMENTS: { name: string; abbr: string }[] = [
  { name: '发展和改革委员会', abbr: 'fgw' },
  { name: '教育和体育局', abbr: 'jytyj' },
  { name: '科学技术局', abbr: 'kjj' },
  { name: '经济和信息化局', abbr: 'jxj' },
  { name: '公安局', abbr: 'gaj' },
  { name: '民政局', abbr: 'mzj' },
  { name: '司法局', abbr: 'sfj' },
  { name: '财政局', abbr: 'czj' },
  { name: '人力资源和社会保障局', abbr: 'rsj' },
  { name: '自然资源和规划局', abbr: 'zrzyj' },
  { name: '生态环境局', abbr: 'sthjj' },
  { name: '住房和城乡建设局', abbr: 'zjj' },
  { name: '交通运输局', abbr: 'jtysj' },
  { name: '水利局', abbr: 'slj' },
  { name: '农业农村局', abbr: 'nyncj' },
  { name: '商务局', abbr: 'swj' },
  { name: '文化广播电视和旅游局', abbr: 'wglj' },
  { name: '卫生健康委员会', abbr: 'wjw' },
  { name: '应急管理局', abbr: 'yjglj' },
  { name: '市场监督管理局', abbr: 'scjgj' },
];

const CITY_DIVISION = '990100';
const DOMAIN = 'shili.gov.cn';

export interface DemoAccount {
  username: string;
  displayName: string;
  role: RoleCode;
  roleLabel: string;
  site: string | null;
  oneTimePassword: string;
}

export interface DemoSummary {
  orgs: number;
  sites: number;
  columns: number;
  articles: number;
  accounts: DemoAccount[];
}

async function addColumns(
  deps: Deps,
  siteId: string,
  specs: ColumnSpec[],
  ownerOrgId: string,
  parentId: string | null = null,
): Promise<number> {
  let n = 0;
  for (const [i, spec] of specs.entries()) {
    const col = await createColumn(deps, actor, siteId, {
      name: spec.name,
      slug: spec.slug,
      freshnessClass: spec.freshness,
      sortOrder: (i + 1) * 10,
      parentId,
      ownerOrgId,
      catalogueCategory: spec.catalogue ?? null,
    });
    n += 1 + (spec.children ? await addColumns(deps, siteId, spec.children, ownerOrgId, col.id) : 0);
  }
  return n;
}

/** True when the demo city is already there. */
export async function demoExists(deps: Deps): Promise<boolean> {
  return (await findOrgByName(deps, '示例市人民政府')) !== null;
}

/** Creates the demo city; refuses when it already exists. `password` sets one known password for every demo user (tests). */
export async function seedDemo(deps: Deps, opts: { password?: string } = {}): Promise<DemoSummary> {
  if (await demoExists(deps)) throw Errors.conflict('示例数据已存在，无需重复创建');
  let orgCount = 0;
  let columnCount = 0;
  const org = async (input: Parameters<typeof createOrg>[2]): Promise<Org> => {
    orgCount++;
    return createOrg(deps, actor, input);
  };
  const sites: Site[] = [];
  const site = async (input: Parameters<typeof createSite>[2], columns: ColumnSpec[] | null, owner: string): Promise<Site> => {
    const s = await createSite(deps, actor, input);
    sites.push(s);
    if (columns) columnCount += await addColumns(deps, s.id, columns, owner);
    return s;
  };

  const city = await org({ name: '示例市人民政府', level: 'city', divisionCode: CITY_DIVISION, creditCode: creditCode(CITY_DIVISION, 1) });
  const office = await org({
    name: '示例市人民政府办公室',
    level: 'department',
    parentId: city.id,
    creditCode: creditCode(CITY_DIVISION, 2),
    sortOrder: 1,
  });
  const supervisionOffice = await org({ name: '示例市政务公开办公室', level: 'department', parentId: office.id, sortOrder: 2 });
  const contact = (phone: string) => ({ phone, email: `webmaster@${DOMAIN}`, address: '示例市人民路 1 号' });

  const portal = await site(
    {
      name: `示例市人民政府门户网站${DEMO_MARK}`,
      code: `${CITY_DIVISION}0001`,
      kind: 'portal',
      hosting: 'hosted',
      sponsorOrgId: city.id,
      domains: [`www.${DOMAIN}`],
      icpNumber: '示ICP备00000001号',
      psbNumber: '示公网安备99010002000001号',
      contact: contact('0000-1234567'),
      status: 'active',
    },
    PORTAL_COLUMNS,
    office.id,
  );

  const deptSites: Site[] = [];
  for (const [i, d] of DEPARTMENTS.entries()) {
    const o = await org({
      name: `示例市${d.name}`,
      level: 'department',
      parentId: city.id,
      creditCode: creditCode(CITY_DIVISION, 10 + i),
      sortOrder: 10 + i,
    });
    deptSites.push(
      await site(
        {
          name: `示例市${d.name}网站${DEMO_MARK}`,
          code: `${CITY_DIVISION}${String(i + 2).padStart(4, '0')}`,
          kind: 'department',
          hosting: 'hosted',
          sponsorOrgId: o.id,
          parentSiteId: portal.id,
          domains: [`${d.abbr}.${DOMAIN}`],
          icpNumber: '示ICP备00000001号',
          psbNumber: `示公网安备9901000200${String(i + 2).padStart(4, '0')}号`,
          contact: contact(`0000-12345${String(i + 10).padStart(2, '0')}`),
          status: 'active',
        },
        DEPARTMENT_COLUMNS,
        o.id,
      ),
    );
  }

  const countyGovs: Org[] = [];
  for (const [i, c] of COUNTIES.entries()) {
    const gov = await org({
      name: `${c.name}人民政府`,
      level: 'county',
      parentId: city.id,
      divisionCode: c.division,
      creditCode: creditCode(c.division, 1),
      sortOrder: 100 + i,
    });
    countyGovs.push(gov);
    await org({ name: `${c.name}人民政府办公室`, level: 'department', parentId: gov.id, sortOrder: 1 });
    await site(
      {
        name: `${c.name}人民政府门户网站${DEMO_MARK}`,
        code: `${c.division}0001`,
        kind: 'portal',
        hosting: 'hosted',
        sponsorOrgId: gov.id,
        parentSiteId: portal.id,
        domains: [`www.${c.pinyin}.${DOMAIN}`],
        icpNumber: '示ICP备00000001号',
        psbNumber: `示公网安备${c.division}02000001号`,
        contact: contact(`0000-2${String(i).padStart(6, '0')}`),
        status: 'active',
      },
      PORTAL_COLUMNS,
      gov.id,
    );
  }

  // Two sites still running outside the platform, monitored until they migrate or close.
  const forestry = await org({
    name: '示例市林业局',
    level: 'department',
    parentId: city.id,
    creditCode: creditCode(CITY_DIVISION, 40),
    sortOrder: 40,
  });
  await site(
    {
      name: `示例市林业局网站${DEMO_MARK}`,
      code: `${CITY_DIVISION}0040`,
      kind: 'department',
      hosting: 'external',
      sponsorOrgId: forestry.id,
      baseUrl: `http://lyj.${DOMAIN}/`,
      status: 'active',
    },
    null,
    forestry.id,
  );
  const county = countyGovs[3] ?? city; // 示例县
  const countyEdu = await org({ name: '示例县教育局', level: 'department', parentId: county.id, sortOrder: 5 });
  await site(
    {
      name: `示例县教育局网站${DEMO_MARK}`,
      code: '9901210021',
      kind: 'department',
      hosting: 'external',
      sponsorOrgId: countyEdu.id,
      baseUrl: `http://jyj.slx.${DOMAIN}/`,
      status: 'active',
    },
    null,
    countyEdu.id,
  );

  const edu = deptSites[1] ?? portal;
  const land = deptSites[9] ?? portal;
  const accountSpecs: { username: string; displayName: string; role: RoleCode; orgId: string; site: Site | null }[] = [
    { username: 'sysadmin', displayName: '系统管理员', role: 'platformAdmin', orgId: office.id, site: null },
    { username: 'secadmin', displayName: '安全管理员', role: 'securityAdmin', orgId: office.id, site: null },
    { username: 'auditadmin', displayName: '审计管理员', role: 'auditor', orgId: office.id, site: null },
    { username: 'siteadmin', displayName: '门户网站管理员', role: 'siteAdmin', orgId: office.id, site: portal },
    { username: 'editor', displayName: '教育局信息员', role: 'editor', orgId: edu.sponsorOrgId, site: edu },
    { username: 'editor2', displayName: '教育局初审员', role: 'editor', orgId: edu.sponsorOrgId, site: edu },
    { username: 'reviewer', displayName: '教育局办公室科长', role: 'sectionReviewer', orgId: edu.sponsorOrgId, site: edu },
    { username: 'leader', displayName: '教育局分管领导', role: 'leader', orgId: edu.sponsorOrgId, site: edu },
    { username: 'supervisor', displayName: '政务公开办监管员', role: 'supervisor', orgId: supervisionOffice.id, site: null },
    { username: 'letters', displayName: '门户网站信件办理员', role: 'letterHandler', orgId: office.id, site: portal },
    { username: 'portalleader', displayName: '市政府办公室分管领导', role: 'leader', orgId: office.id, site: portal },
    { username: 'eduletters', displayName: '教育和体育局信件办理员', role: 'letterHandler', orgId: edu.sponsorOrgId, site: edu },
    { username: 'landletters', displayName: '自然资源和规划局信件办理员', role: 'letterHandler', orgId: land.sponsorOrgId, site: land },
    { username: 'disclosure', displayName: '门户网站信息公开专员', role: 'disclosureOfficer', orgId: office.id, site: portal },
    { username: 'eduservices', displayName: '教育和体育局办事服务专员', role: 'serviceOfficer', orgId: edu.sponsorOrgId, site: edu },
  ];
  const accounts: DemoAccount[] = [];
  const actors = new Map<string, Actor>();
  for (const a of accountSpecs) {
    const { user, oneTimePassword } = await createUser(
      deps,
      actor,
      { username: a.username, displayName: a.displayName, orgId: a.orgId },
      opts.password ? { password: opts.password } : {},
    );
    const grant = await grantRole(deps, actor, user.id, { role: a.role, siteId: a.site?.id ?? null });
    actors.set(a.username, {
      type: 'user',
      id: user.id,
      name: user.username,
      displayName: a.displayName,
      grants: [{ role: grant.role, scope: grant.scope }],
      origin: { requestId: null, ip: null },
    });
    accounts.push({
      username: a.username,
      displayName: a.displayName,
      role: a.role,
      roleLabel: ROLES[a.role].label,
      site: a.site?.name ?? null,
      oneTimePassword,
    });
  }
  const staff = (name: string) => actors.get(name) as Actor;
  const articles = await seedDemoContent(deps, edu.id, {
    author: staff('editor'),
    firstReviewer: staff('editor2'),
    sectionReviewer: staff('reviewer'),
    leader: staff('leader'),
    system: actor,
  });
  await seedDemoRequests(deps, portal.id, staff('disclosure'));
  const channels = await seedDemoChannels(deps, actor, portal, deptSites);
  await seedDemoLetters(deps, portal, channels, { portalHandler: staff('letters'), system: actor, bureau: edu });
  await seedDemoSurvey(deps, portal, staff('letters'));
  await seedDemoAnnualReport(deps, city.id, staff('disclosure'));
  await seedDemoGuides(deps, edu, { officer: staff('eduservices'), reviewer: staff('reviewer') });
  for (const s of sites) if (s.hosting === 'hosted') await seedDemoGuide(deps, s.id, actor);
  // The public sites are there to look at as soon as the platform starts.
  for (const s of await publishableSites(deps)) await publishSite(deps, s.id);
  return { orgs: orgCount, sites: sites.length, columns: columnCount, articles, accounts };
}
