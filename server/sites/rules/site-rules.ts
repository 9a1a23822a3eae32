/**
 * Rules for opening sites (国办发〔2017〕47号 §2.2) and column freshness. Pure.
 * They apply to hosted sites; external sites are registered to be monitored whatever they
 * break, and monitoring reports their violations as findings.
 */
import type { FreshnessClass, SiteStatus } from '../../../common/schemas/sites.ts';

export const LIVE_STATUSES: readonly SiteStatus[] = ['active', 'migrating', 'closing'];

export interface OrgNode {
  id: string;
  name: string;
  level: string;
  parentId: string | null;
}

export interface SiteFacts {
  id: string | null;
  name: string;
  kind: string;
  hosting: string;
  status: string;
  code: string | null;
  baseUrl: string | null;
  domains: string[];
  sponsorOrgId: string;
}

/** The org and its ancestors, nearest first. */
export function orgChain(orgs: ReadonlyMap<string, OrgNode>, orgId: string): OrgNode[] {
  const chain: OrgNode[] = [];
  const seen = new Set<string>();
  for (let o = orgs.get(orgId); o && !seen.has(o.id); o = o.parentId ? orgs.get(o.parentId) : undefined) {
    seen.add(o.id);
    chain.push(o);
  }
  return chain;
}

/** True for a department whose nearest government above it is a county. */
export function isCountyDepartment(chain: readonly OrgNode[]): boolean {
  const [self, ...above] = chain;
  if (!self || self.level !== 'department') return false;
  const gov = above.find((o) => o.level === 'city' || o.level === 'county');
  return gov?.level === 'county';
}

/** Every reason this site may not be saved as it is. */
export function siteProblems(
  site: SiteFacts,
  ctx: { sponsorChain: readonly OrgNode[]; otherLiveSites: readonly { id: string; name: string }[]; allowCountyDepartmentSites: boolean },
): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  const sponsor = ctx.sponsorChain[0];
  if (!sponsor) return [{ field: 'sponsorOrgId', message: '主办单位不存在' }];
  if (site.hosting === 'external' && !site.baseUrl) out.push({ field: 'baseUrl', message: '外部网站须填写网址，以便监测' });
  if (site.hosting !== 'hosted') return out;

  if (site.status !== 'planned' && !site.code) out.push({ field: 'code', message: '网站上线前须填写网站标识码' });
  for (const d of site.domains) {
    if (!d.endsWith('.gov.cn') && !d.endsWith('.政务'))
      out.push({ field: 'domains', message: `域名 ${d} 不符合要求：政府网站英文域名须以 .gov.cn 结尾，中文域名以 .政务 结尾` });
  }
  if (site.kind === 'portal' && sponsor.level !== 'city' && sponsor.level !== 'county')
    out.push({ field: 'kind', message: '门户网站只能由市、县（区）人民政府开设' });
  if (sponsor.level === 'township')
    out.push({ field: 'sponsorOrgId', message: '乡镇（街道）不单独开设网站，应通过上级政府门户网站发布信息' });
  if (!ctx.allowCountyDepartmentSites && isCountyDepartment(ctx.sponsorChain))
    out.push({ field: 'sponsorOrgId', message: '县级政府部门不单独开设网站，应使用县（区）政府门户网站' });
  if (LIVE_STATUSES.includes(site.status as SiteStatus)) {
    const other = ctx.otherLiveSites.find((s) => s.id !== site.id);
    if (other)
      out.push({ field: 'sponsorOrgId', message: `${sponsor.name}已有运行中的网站「${other.name}」，一个单位原则上只能开设一个网站` });
  }
  return out;
}

const FRESHNESS_DAYS: Record<Exclude<FreshnessClass, 'custom' | 'none'>, number> = {
  news: 14,
  notice: 183,
  policy: 183,
  personnel: 365,
  plan: 365,
};

/** How many days a column may go without an update, or null when it is not checked. */
export function freshnessDays(cls: FreshnessClass, customDays: number | null | undefined): number | null {
  if (cls === 'none') return null;
  if (cls === 'custom') return customDays ?? null;
  return FRESHNESS_DAYS[cls];
}
