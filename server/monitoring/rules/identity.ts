/**
 * The identity a government page must carry (domain-rules.md §2.4, §2.8): in the bottom
 * function area 党政机关网站标识, 网站标识码, ICP备案编号, 公安机关备案标识, 主办单位, 联系方式 and the
 * 我为政府网站找错 entry; in the head the site, column and content meta tags. Pure.
 */
import type { IdentityElement } from '../../../common/schemas/monitoring.ts';
import type { PageFacts } from './page-facts.ts';

/** 网站标识码: 6-digit 行政区划代码 + 4-digit serial, or `bm` + 8 digits for State Council departments. */
export const SITE_CODE = /^(\d{10}|bm\d{8})$/;

export interface ElementState {
  present: boolean;
  /** The value found (e.g. the site code), for evidence. */
  value?: string;
  /** Present but wrong (a site code of the wrong format). */
  problem?: string;
}

const ICP = /[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]?ICP\s*[备證证]\s*[\d\s-]{4,}号?(?:-\d+)?/i;
const PSB = /公网安备\s*\d{8,}\s*号?/;
const SPONSOR = /主\s*办\s*(?:单\s*位)?\s*[：:]?\s*\S/;
const CONTACT =
  /(联系电话|联系方式|咨询电话|电话|传真|地址|邮箱|电子邮件|E-?mail|邮编)\s*[：:]|\(?0\d{2,3}\)?[-\s]?\d{7,8}|\d{3}-\d{4}-\d{4}/i;
const CODE_LABEL = /网站标识码\s*[：:]?\s*([A-Za-z0-9]{4,16})/;

/** Which identity elements a page shows. */
export function identityOf(facts: PageFacts): Record<IdentityElement, ElementState> {
  const text = facts.text;
  const labelled = CODE_LABEL.exec(text)?.[1];
  const code = labelled ?? facts.meta.siteidcode;
  const siteCode: ElementState = code
    ? SITE_CODE.test(code)
      ? { present: true, value: code }
      : { present: true, value: code, problem: `网站标识码“${code}”格式不正确（应为10位数字或bm加8位数字）` }
    : { present: false };
  if (!labelled && code) siteCode.problem ??= '网站标识码只在网页标签中，未在页面底部列明';
  const linkSays = (test: (url: string, text: string) => boolean) => facts.links.some((l) => test(l.url.toLowerCase(), l.text));
  const icp = ICP.exec(text);
  const psb = PSB.exec(text);
  return {
    siteCode,
    icp: icp ? { present: true, value: icp[0].trim() } : { present: false },
    psb: psb
      ? { present: true, value: psb[0].trim() }
      : { present: linkSays((u) => u.includes('beian.gov.cn') || u.includes('beian.mps.gov.cn')) },
    sponsor: { present: SPONSOR.test(text) },
    contact: { present: CONTACT.test(text) },
    errorReport: {
      present:
        linkSays((u, t) => u.includes('zfwzzc.www.gov.cn') || u.includes('pucha.kaipuyun.cn') || t.includes('找错')) ||
        /我为政府网站找错/.test(text),
    },
    partyGovMark: { present: linkSays((u, t) => u.includes('conac.cn') || t.includes('党政机关')) || /党政机关网站/.test(text) },
  };
}

export type PageType = 'home' | 'column' | 'article';

/** The meta tags each page type must have (§2.8); the 2019 table deducts for pages without site, column or content tags. */
export const REQUIRED_META: Record<PageType, readonly string[]> = {
  home: ['SiteName', 'SiteDomain', 'SiteIDCode'],
  column: ['SiteName', 'SiteDomain', 'SiteIDCode', 'ColumnName', 'ColumnType'],
  article: ['SiteName', 'SiteDomain', 'SiteIDCode', 'ColumnName', 'ColumnType', 'ArticleTitle', 'PubDate', 'ContentSource'],
};

/** The required meta tags a page lacks (names as the rules spell them). */
export function missingMeta(facts: PageFacts, type: PageType): string[] {
  return REQUIRED_META[type].filter((name) => !facts.meta[name.toLowerCase()]?.trim());
}
