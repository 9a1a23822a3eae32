/**
 * 全国政府网站普查评分表 (国办发〔2015〕15号 附件), indicators.md §3: the 2015 values that local
 * evaluations still use. 5 veto items; deductions per problem found (网站可用性, 信息更新情况,
 * 互动回应情况, 服务实用情况). The table's group points and item caps were not published (or
 * not found), so its items deduct until the score is zero — the pass line of 60 stays — and the
 * 服务实用情况 items, whose values are not known either, are scored from the checker's recorded
 * result under the local rules. No bonus part.
 */
import type { IndicatorSystem } from '../../../../common/schemas/evaluation.ts';

export const CENSUS_2015: IndicatorSystem = {
  key: 'census-2015',
  name: '全国政府网站普查评分表（国办发〔2015〕15号）',
  version: 1,
  passLine: 60,
  bonusLine: 100,
  groups: [
    { code: 'availability', kind: 'deduction', name: '网站可用性' },
    { code: 'updates', kind: 'deduction', name: '信息更新情况' },
    { code: 'interaction', kind: 'deduction', name: '互动回应情况' },
    { code: 'services', kind: 'deduction', name: '服务实用情况', services: true },
  ],
  items: [
    {
      code: 'veto.unreachable',

      category: 'function',
      kind: 'veto',
      name: '站点无法访问',
      rule: '监测1周,每天间隔性访问20次以上,超过(含)15秒网站仍打不开的次数比例累计超过(含)5%,即单项否决。',
      drivers: [{ kinds: ['site_unreachable'], severity: ['veto'], per: 'site' }],
    },
    {
      code: 'veto.homepage',

      category: 'update',
      kind: 'veto',
      name: '网站不更新',
      rule: '监测2周,首页栏目无信息更新的,即单项否决。(注:未注明信息发布时间的视为不更新,下同。)\n如首页仅为网站栏目导航入口,则检查所有二级页面栏目信息的更新情况。',
      drivers: [{ kinds: ['homepage_stale'], severity: ['veto'], per: 'site' }],
    },
    {
      code: 'veto.columns',

      category: 'update',
      kind: 'veto',
      name: '栏目不更新',
      rule: '1.监测时间点前2周内的动态、要闻类栏目,以及监测时间点前6个月内的通知公告、政策文件类栏目,累计超过(含)5个未更新;\n2.网站中应更新但长期未更新的栏目数超过(含)10个;\n3.空白栏目数量超过(含)5个。\n上述情况出现任意一种,即单项否决。',
      drivers: [{ kinds: ['column_stale', 'column_empty'], severity: ['veto'], per: 'site' }],
    },
    {
      code: 'veto.serious',

      category: 'accuracy',
      kind: 'veto',
      name: '严重错误',
      rule: '网站出现严重错别字(例如,将党和国家领导人姓名写错)、虚假或伪造内容(例如,严重不符合实际情况的文字、图片、视频)以及反动、暴力、色情等内容的,即单项否决。',
      drivers: [{ kinds: ['wording_error'], severity: ['veto'], per: 'site' }],
      manual: '虚假或伪造内容以及反动、暴力、色情等内容由检查人员核实后记录',
    },
    {
      code: 'veto.interaction',

      category: 'interaction',
      kind: 'veto',
      name: '互动回应差',
      rule: '监测时间点前1年内,要求对公众信件、留言及时答复处理的政务咨询类栏目(在线访谈、调查征集、举报投诉类栏目除外)中存在超过三个月未回应的现象,即单项否决。',
      drivers: [{ kinds: ['letter_unanswered'], severity: ['veto'], per: 'site' }],
    },
    {
      code: 'd.homepage-availability',

      category: 'function',
      kind: 'deduction',
      group: 'availability',
      name: '首页可用性',
      rule: '监测1周，每天间隔性访问20次以上，累计超过（含）15秒网站仍打不开的次数比例每1%扣5分（累计超过（含）5%的，直接列入单项否决）。',
      drivers: [{ kinds: ['site_unreachable'], per: 'percent', points: 5 }],
    },
    {
      code: 'd.links',

      category: 'function',
      kind: 'deduction',
      group: 'availability',
      name: '链接可用性',
      rule: '首页上的链接（包括图片、附件、外部链接等），每发现一个打不开或错误的，扣1分；如首页仅为网站栏目导航入口，则检查所有二级页面上的链接。\n其他页面的链接（包括图片、附件、外部链接等），每发现一个打不开或错误的，扣0.1分。',
      drivers: [{ kinds: ['broken_link'], per: 'finding', points: 0.1, homePoints: 1 }],
    },
    {
      code: 'd.homepage-updates',

      category: 'update',
      kind: 'deduction',
      group: 'updates',
      name: '首页栏目',
      rule: '1、监测时间点前2周内，首页栏目信息更新总量少于10条的，扣5分（2周内首页栏目信息更新总量为0的，直接列入单项否决）。',
      manual: '统计监测时间点前2周内首页栏目的信息更新条数',
    },
    {
      code: 'd.basic-info',

      category: 'update',
      kind: 'deduction',
      group: 'updates',
      name: '基本信息',
      rule: '1.监测时间点前2周内，动态、要闻类信息，每发现1个栏目未更新的，扣3分。\n2.监测时间点前6个月内，通知公告、政策文件类信息，每发现1个栏目未更新的，扣4分。\n3.监测时间点前1年内，人事、规划计划类信息，每发现1个栏目未更新的，扣5分。\n4.机构设置及职能、动态、要闻、通知公告、政策文件、规划计划、人事等信息不准确的，每发现1次扣1分。',
      drivers: [
        { kinds: ['column_stale', 'column_empty'], columnClass: ['news'], per: 'finding', points: 3 },
        { kinds: ['column_stale', 'column_empty'], columnClass: ['notice', 'policy'], per: 'finding', points: 4 },
        { kinds: ['column_stale', 'column_empty'], columnClass: ['personnel', 'plan'], per: 'finding', points: 5 },
      ],
      manual: '核实机构设置及职能、动态、要闻、通知公告、政策文件、规划计划、人事等信息是否准确，记录不准确的次数',
    },
    {
      code: 'd.consultation',

      category: 'interaction',
      kind: 'deduction',
      group: 'interaction',
      name: '政务咨询类栏目',
      rule: '1.未开设栏目的，扣5分；\n2.开设了栏目，但监测时间点前1年内栏目中无任何有效信件、留言的，扣5分。',
      manual: '核实是否开设政务咨询类栏目，以及近1年有无有效信件、留言',
    },
    {
      code: 'd.surveys',

      category: 'interaction',
      kind: 'deduction',
      group: 'interaction',
      name: '调查征集类栏目',
      rule: '1.未开设栏目的，扣5分；\n2.开设了栏目，但栏目不可用或监测时间点前1年内未开展调查征集活动的，扣5分；\n3.开设了栏目且监测时间点前1年内开展了调查征集活动，但开展次数较少的（地方政府及国务院各部门门户网站少于6次，其他政府网站少于3次），扣3分。',
      manual: '核实调查征集类栏目是否开设、可用，以及近1年开展的次数',
    },
    {
      code: 'd.interviews',

      category: 'interaction',
      kind: 'deduction',
      group: 'interaction',
      name: '互动访谈类栏目',
      rule: '1.开设了栏目，但栏目不可用或监测时间点前1年内未开展互动访谈活动的，扣5分；\n2.开设了栏目且监测时间点前1年内开展了互动访谈活动，但开展次数较少的（地方政府及国务院各部门门户网站少于6次，其他政府网站少于3次），扣3分。',
      manual: '核实互动访谈类栏目是否可用，以及近1年开展的次数',
    },
    {
      code: 'd.guides',

      category: 'service',
      kind: 'deduction',
      group: 'services',
      name: '办事指南',
      rule: '办事指南要素的完整性、准确性。（普查评分表未公开本项分值，按本地规定扣分。）',
      manual: '抽查办事指南要素是否完整、准确，按本地规定记录扣分',
    },
    {
      code: 'd.downloads',

      category: 'service',
      kind: 'deduction',
      group: 'services',
      name: '附件下载',
      rule: '所需的办事表格、文件附件等资料能否正常下载。（普查评分表未公开本项分值，按本地规定扣分。）',
      manual: '抽查办事表格、文件附件能否正常下载，按本地规定记录扣分',
    },
    {
      code: 'd.online-systems',

      category: 'service',
      kind: 'deduction',
      group: 'services',
      name: '在线系统',
      rule: '在线申报和查询系统能否正常访问。（普查评分表未公开本项分值，按本地规定扣分。）',
      manual: '核实在线申报和查询系统能否正常访问，按本地规定记录扣分',
    },
  ],
};
