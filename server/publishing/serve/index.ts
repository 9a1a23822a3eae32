/** Serving published sites: the static layer in front of Fastify, the mode switch, the nginx configuration. */
export { createPublicSites, invalidatePublicCache, refreshPublicHosts, type PublicSites, type PublicSitesOptions } from './public-sites.ts';
export { renderNginxConfig, defaultNginxAccessLog, NginxConfigError, type NginxOptions } from './nginx-config.ts';
export { platformNginxConfig } from './nginx-sites.ts';
export { publicHostMap, asciiHostname, type PublicSiteRecord } from './rules/public-hosts.ts';
