/**
 * A department site merged into its portal (docs/consolidation.md): the slugs its columns take in
 * the portal. Pure. Column slugs are unique within a site, so the channel column named after the
 * merged site and every moved column must avoid the portal's slugs (and each other's); the
 * channel, being top level, must also avoid the platform's reserved paths.
 */
import { RESERVED_COLUMN_SLUGS } from '../../../common/schemas/sites.ts';

const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** `base` when free, else `base-2`, `base-3`… (cut so it stays a valid slug). */
export function freeSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const slug = `${base.slice(0, 64 - suffix.length)}${suffix}`;
    if (!taken.has(slug)) return slug;
  }
}

/** The channel column's slug base: the 网站标识码 in lower case when it makes a slug, else `site-` and the id's start. */
export function channelSlugBase(site: { id: string; code: string | null }): string {
  const code = site.code?.toLowerCase() ?? '';
  if (SLUG.test(code)) return code;
  const fromId = site.id
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 8);
  return `site-${fromId || 'merged'}`;
}

export interface MergeSlugs {
  channel: string;
  /** New slug of each moved column whose own slug the portal already uses. */
  renamed: Map<string, string>;
}

/** The channel's slug and the moved columns' renames, given the portal's slugs and the columns moving in. */
export function mergeSlugs(
  site: { id: string; code: string | null },
  portalSlugs: readonly string[],
  moving: readonly { id: string; slug: string }[],
): MergeSlugs {
  const taken = new Set<string>([...portalSlugs, ...RESERVED_COLUMN_SLUGS]);
  const channel = freeSlug(channelSlugBase(site), taken);
  taken.add(channel);
  // Reserved paths only matter at the top level: moved columns sit under the channel.
  for (const r of RESERVED_COLUMN_SLUGS) if (!portalSlugs.includes(r) && r !== channel) taken.delete(r);
  const renamed = new Map<string, string>();
  for (const c of moving) {
    const slug = freeSlug(c.slug, taken);
    if (slug !== c.slug) renamed.set(c.id, slug);
    taken.add(slug);
  }
  return { channel, renamed };
}
