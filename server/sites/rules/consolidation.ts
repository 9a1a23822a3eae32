/**
 * The consolidation rules (集约化, 国办发〔2017〕47号 §2.2, §2.5) a site may still break after it
 * was registered: they are reported, not refused, because the sites existed before the rules
 * (external sites, sites awaiting their merger). Pure.
 */
import { isCountyDepartment, orgChain, type OrgNode } from './site-rules.ts';

/** Statuses in which a site counts as its org's running site. */
export const RUNNING_STATUSES: readonly string[] = ['active', 'offline', 'migrating'];

export interface ConsolidationSite {
  id: string;
  name: string;
  status: string;
  sponsorOrgId: string;
  noticeUntil: string | null;
  deadline: string | null;
}

export interface ConsolidationProblem {
  /** Stable rule id, e.g. `consolidation.one_site_per_org`. */
  rule: string;
  detail: string;
}

/** Every consolidation rule each site breaks as of `today` (YYYY-MM-DD), by site id; sites breaking none are left out. */
export function consolidationProblems(
  all: readonly ConsolidationSite[],
  orgs: ReadonlyMap<string, OrgNode>,
  today: string,
  opts: { allowCountyDepartmentSites: boolean },
): Map<string, ConsolidationProblem[]> {
  const runningByOrg = new Map<string, ConsolidationSite[]>();
  for (const s of all) {
    if (!RUNNING_STATUSES.includes(s.status)) continue;
    runningByOrg.set(s.sponsorOrgId, [...(runningByOrg.get(s.sponsorOrgId) ?? []), s]);
  }
  const out = new Map<string, ConsolidationProblem[]>();
  for (const s of all) {
    if (s.status === 'closed') continue;
    const problems: ConsolidationProblem[] = [];
    const chain = orgChain(orgs, s.sponsorOrgId);
    const sponsor = chain[0];
    const running = RUNNING_STATUSES.includes(s.status);
    const others = (runningByOrg.get(s.sponsorOrgId) ?? []).filter((o) => o.id !== s.id);
    if (running && others.length > 0)
      problems.push({
        rule: 'consolidation.one_site_per_org',
        detail: `${sponsor?.name ?? '主办单位'}还有运行中的网站${others.map((o) => `「${o.name}」`).join('、')}，一个单位原则上只能开设一个网站`,
      });
    if (sponsor?.level === 'township')
      problems.push({ rule: 'consolidation.township', detail: '乡镇（街道）不单独开设网站，应整合到上级政府门户网站' });
    if (!opts.allowCountyDepartmentSites && isCountyDepartment(chain))
      problems.push({ rule: 'consolidation.county_department', detail: '县级政府部门不单独开设网站，应整合到县（区）政府门户网站' });
    if (s.status === 'closing' && s.noticeUntil && today > s.noticeUntil)
      problems.push({ rule: 'consolidation.notice_overdue', detail: `关停公告已于 ${s.noticeUntil} 期满，网站仍未关停` });
    if (s.deadline && today > s.deadline)
      problems.push({ rule: 'consolidation.deadline_passed', detail: `整合期限 ${s.deadline} 已过，网站仍未完成迁移或关停` });
    if (problems.length) out.set(s.id, problems);
  }
  return out;
}
