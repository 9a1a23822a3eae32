/** Which site an interaction screen shows. Pure. */

/**
 * The site chosen on the screen; else the header's site when it is one of the options; else
 * the only option; else none (the user picks).
 */
export function pickSite(chosen: string | null, headerSiteId: string | null, options: readonly { value: string }[]): string | null {
  if (chosen && options.some((o) => o.value === chosen)) return chosen;
  if (headerSiteId && options.some((o) => o.value === headerSiteId)) return headerSiteId;
  return options.length === 1 ? (options[0]?.value ?? null) : null;
}
