/** Site form values ↔ request bodies, and which fields a site administrator may change. Pure. */
import type { FieldError } from '../../api/client.ts';
import type { Site, SiteContact } from '../../api/sites.ts';
import { DEFAULT_HOME_BLOCKS, type HomeBlockKind, type SiteTheme } from '../../../../common/schemas/sites.ts';

/** The theme as the form edits it: three colour boxes (blank = default), addresses as text. */
export interface ThemeFormValues {
  colors?: string[];
  logoUrl?: string;
  bannerUrl?: string;
  homeBlocks?: HomeBlockKind[];
}

export interface SiteFormValues {
  code?: string;
  name?: string;
  kind?: string;
  hosting?: string;
  sponsorOrgId?: string;
  parentSiteId?: string | null;
  baseUrl?: string;
  domains?: string[];
  icpNumber?: string;
  psbNumber?: string;
  contact?: SiteContact;
  status?: string;
  conacId?: string;
  externalServices?: boolean;
  theme?: ThemeFormValues;
}

/** Fields a site administrator (sites.edit) may change on their own site. */
export const IDENTITY_FIELDS = ['code', 'name', 'baseUrl', 'domains', 'icpNumber', 'psbNumber', 'contact', 'conacId', 'theme'] as const;
/** Fields only the platform administrator (sites.manage) may change. */
export const STRUCTURAL_FIELDS = ['kind', 'hosting', 'sponsorOrgId', 'parentSiteId', 'status', 'externalServices'] as const;
export const ALL_SITE_FIELDS = [...IDENTITY_FIELDS, ...STRUCTURAL_FIELDS] as const;
export type SiteField = (typeof ALL_SITE_FIELDS)[number];

/** The fields the form shows, in form order (the first one in error gets focus), as the server names them. */
export const SITE_FORM_FIELDS = [
  'code',
  'name',
  'kind',
  'hosting',
  'sponsorOrgId',
  'parentSiteId',
  'status',
  'externalServices',
  'baseUrl',
  'domains',
  'icpNumber',
  'psbNumber',
  'contact.phone',
  'contact.email',
  'contact.address',
  'conacId',
  'theme.colors',
  'theme.logoUrl',
  'theme.bannerUrl',
  'theme.homeBlocks',
];

const blankToNull = (v: string | null | undefined): string | null => (v && v.trim() ? v.trim() : null);

/** A theme in its canonical body form: colours without blanks, addresses or null, blocks in order. */
export function themeBody(theme: ThemeFormValues | SiteTheme | undefined): SiteTheme {
  return {
    colors: (theme?.colors ?? []).map((c) => c?.trim() ?? '').filter(Boolean),
    logoUrl: blankToNull(theme?.logoUrl),
    bannerUrl: blankToNull(theme?.bannerUrl),
    homeBlocks: [...(theme?.homeBlocks ?? DEFAULT_HOME_BLOCKS)],
  };
}

export function siteFormValues(site: Site): SiteFormValues {
  return {
    code: site.code ?? '',
    name: site.name,
    kind: site.kind,
    hosting: site.hosting,
    sponsorOrgId: site.sponsorOrgId,
    parentSiteId: site.parentSiteId,
    baseUrl: site.baseUrl ?? '',
    domains: site.domains,
    icpNumber: site.icpNumber ?? '',
    psbNumber: site.psbNumber ?? '',
    contact: { phone: site.contact.phone ?? '', email: site.contact.email ?? '', address: site.contact.address ?? '' },
    status: site.status,
    conacId: site.conacId ?? '',
    externalServices: site.externalServices,
    theme: {
      colors: [0, 1, 2].map((i) => site.theme.colors?.[i] ?? ''),
      logoUrl: site.theme.logoUrl ?? '',
      bannerUrl: site.theme.bannerUrl ?? '',
      homeBlocks: [...(site.theme.homeBlocks ?? DEFAULT_HOME_BLOCKS)],
    },
  };
}

export const NEW_SITE_VALUES: SiteFormValues = {
  kind: 'department',
  hosting: 'hosted',
  status: 'planned',
  externalServices: true,
  domains: [],
  parentSiteId: null,
  contact: {},
  theme: { colors: ['', '', ''], homeBlocks: [...DEFAULT_HOME_BLOCKS] },
};

/** The body for CreateSiteSchema / UpdateSiteSchema. Blank texts are cleared (null); blank contact entries are left out. */
export function siteBody(values: SiteFormValues): Record<string, unknown> {
  const contact: Record<string, string> = {};
  for (const key of ['phone', 'email', 'address'] as const) {
    const v = values.contact?.[key]?.trim();
    if (v) contact[key] = v;
  }
  return {
    code: blankToNull(values.code),
    name: values.name ?? '',
    kind: values.kind,
    hosting: values.hosting,
    sponsorOrgId: values.sponsorOrgId ?? '',
    parentSiteId: values.parentSiteId ?? null,
    baseUrl: blankToNull(values.baseUrl),
    domains: (values.domains ?? []).map((d) => d.trim()).filter(Boolean),
    icpNumber: blankToNull(values.icpNumber),
    psbNumber: blankToNull(values.psbNumber),
    contact,
    ...(values.status ? { status: values.status } : {}),
    conacId: blankToNull(values.conacId),
    externalServices: values.externalServices !== false,
    theme: themeBody(values.theme),
  };
}

/** A site as a body, to compare an edit against. */
export function siteAsBody(site: Site): Record<string, unknown> {
  return {
    code: site.code,
    name: site.name,
    kind: site.kind,
    hosting: site.hosting,
    sponsorOrgId: site.sponsorOrgId,
    parentSiteId: site.parentSiteId,
    baseUrl: site.baseUrl,
    domains: site.domains,
    icpNumber: site.icpNumber,
    psbNumber: site.psbNumber,
    contact: site.contact,
    status: site.status,
    conacId: site.conacId,
    externalServices: site.externalServices,
    theme: themeBody(site.theme),
  };
}

/**
 * Checks the schema cannot express but the server's site rules apply to every save, so the
 * user hears of them before sending (same wording as the server).
 */
export function siteFormProblems(body: Record<string, unknown>): FieldError[] {
  const out: FieldError[] = [];
  if (body.hosting === 'external' && !body.baseUrl) out.push({ field: 'baseUrl', message: '外部网站须填写网址，以便监测' });
  return out;
}

/** The fields a user may send: everything with sites.manage, identity fields with sites.edit only. */
export function editableSiteFields(canManage: boolean): readonly SiteField[] {
  return canManage ? ALL_SITE_FIELDS : IDENTITY_FIELDS;
}
