/**
 * The production nginx configuration for the public sites (`gongkai nginx-config`): one
 * `server` per site with a domain, serving the published folder with the same types, caching
 * and security headers as the embedded server, and passing the dynamic paths (search, the mode
 * switch) to the application; a default server passes everything else (admin, API, previews)
 * to the application. Each site's requests are logged in the platform's access-log format
 * (room traffic counts visits from it). Pure: sites and options in, configuration text out.
 */
import { APP_PAGE_FOLDERS, APP_PAGE_PATHS } from '../rules/paths.ts';
import { SITE_CODE_PATTERN } from '../../../common/codes.ts';
import { NGINX_ACCESS_LOG_FORMAT, NGINX_ACCESS_LOG_FORMAT_NAME } from '../../traffic/index.ts';
import { CACHE_ASSETS, CACHE_IMMUTABLE, CACHE_PRIVATE, CACHE_REVALIDATE, FILE_TYPES } from './rules/file-types.ts';
import { MODE_COOKIE } from './rules/mode.ts';
import { asciiHostname, publicHostMap, type PublicSiteRecord } from './rules/public-hosts.ts';
import { nginxRedirectMap, powerOfTwoAtLeast, type RedirectEntry } from '../rules/redirects.ts';
import { securityHeaders } from './rules/security-headers.ts';

/** Pages of a site the application serves (nginx passes them on): `ysqgk|ysqgkcx|gkml|gkzn`. */
const APP_PAGES = APP_PAGE_PATHS.map((p) => p.slice(1)).join('|');
/**
 * Folders the application serves whole (`/hdjl/`: letters with their attachments, surveys). The
 * letter form takes up to three 5 MB attachments, beyond nginx's default 1 MB request body.
 */
const APP_FOLDER_BODY_MAX = '20m';

/** A retired site whose old host names now point at the platform: its redirects. */
export interface NginxRetiredSite {
  /** ASCII host names (a name with a port cannot be served by name here and is left out). */
  hosts: readonly string[];
  entries: Iterable<RedirectEntry>;
}

export interface NginxOptions {
  /** Retired sites (migrated, merged, closed): nginx answers their old URLs from a map and passes the rest on. */
  retired?: readonly NginxRetiredSite[];
  /** `<dataDir>/public`, absolute. */
  publicDir: string;
  /** `80`, `8080`, `127.0.0.1:8080` or `[::]:80`. */
  listen?: string;
  /** Where the application listens. */
  app?: string;
  /** The nginx brotli module (ngx_brotli) is loaded: serve the `.br` siblings too. */
  brotli?: boolean;
  /** Send Strict-Transport-Security (when HTTPS terminates in front of or in this nginx). */
  hsts?: boolean;
  /**
   * The sites' access log, absolute (default `<dataDir>/logs/access/nginx.log`, the data folder
   * being publicDir's parent: the folder the traffic ingestion reads). Its folder must exist.
   */
  accessLog?: string;
}

/** The default access log of a publicDir: `<publicDir>/../logs/access/nginx.log`. */
export function defaultNginxAccessLog(publicDir: string): string {
  const trimmed = publicDir.replace(/\/+$/, '');
  return `${trimmed.slice(0, trimmed.lastIndexOf('/'))}/logs/access/nginx.log`;
}

export class NginxConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`无法生成 nginx 配置：${problems.join('；')}`);
  }
}

const LISTEN = /^(?:(?:\d{1,3}\.){3}\d{1,3}:|\[[0-9a-f:]+\]:)?(\d{1,5})$/i;
/** Paths are quoted in the output; these characters could still end a directive or start a variable. */
const UNSAFE_PATH = /["'\\$;{}#\s]/;

function checkListen(listen: string, problems: string[]): void {
  const m = LISTEN.exec(listen);
  const port = m ? Number(m[1]) : 0;
  if (!m || port < 1 || port > 65535) problems.push(`监听地址不正确：${JSON.stringify(listen)}`);
}

function upstreamOf(app: string, problems: string[]): string {
  let url: URL;
  try {
    url = new URL(app);
  } catch {
    problems.push(`应用地址不正确：${JSON.stringify(app)}`);
    return '';
  }
  const host = url.hostname;
  const okHost =
    /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i.test(host) || /^\[[0-9a-f:.]+\]$/i.test(host);
  if (url.protocol !== 'http:' || !okHost || url.username || url.password || url.pathname !== '/' || url.search || url.hash) {
    problems.push(`应用地址应形如 http://127.0.0.1:3000：${JSON.stringify(app)}`);
    return '';
  }
  return `${host}:${url.port || '80'}`;
}

const q = (s: string) => `"${s}"`;

function headerLines(pairs: readonly (readonly [string, string])[], indent: string): string {
  return pairs.map(([k, v]) => `${indent}add_header ${k} ${q(v.replace(/"/g, "'"))} always;\n`).join('');
}

const PROXY_HEADERS = `        proxy_http_version 1.1;
        proxy_set_header Connection "";
        proxy_set_header Host $host;
        proxy_set_header X-Real-IP $remote_addr;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_set_header X-Forwarded-Host $host;
`;

/** A folder of pages the application serves (政民互动), passed on under `/sites/<code>`. */
function appFolderLocation(code: string, folder: string): string {
  return `
    # Served by the application, every page under the folder.
    location ^~ ${folder} {
        proxy_pass http://gongkai_app/sites/${code}${folder};
        client_max_body_size ${APP_FOLDER_BODY_MAX};
${PROXY_HEADERS}    }
`;
}

/** The nginx configuration text for the http context; throws NginxConfigError listing every bad name or option. */
export function renderNginxConfig(sites: readonly PublicSiteRecord[], opts: NginxOptions): string {
  const listen = opts.listen ?? '80';
  const problems: string[] = [];
  checkListen(listen, problems);
  const upstream = upstreamOf(opts.app ?? 'http://127.0.0.1:3000', problems);
  const publicDir = opts.publicDir.replace(/\/+$/, '');
  if (!publicDir.startsWith('/') || UNSAFE_PATH.test(publicDir))
    problems.push(`数据目录路径不能用于 nginx 配置：${JSON.stringify(opts.publicDir)}`);
  const accessLog = opts.accessLog ?? defaultNginxAccessLog(publicDir);
  if (!accessLog.startsWith('/') || accessLog.endsWith('/') || UNSAFE_PATH.test(accessLog))
    problems.push(`访问日志路径不能用于 nginx 配置：${JSON.stringify(accessLog)}`);
  const map = publicHostMap(sites);
  problems.push(...map.problems);
  // publicHostMap already checked the codes; checked again here because they become paths.
  for (const s of map.sites) if (!SITE_CODE_PATTERN.test(s.code)) problems.push(`网站标识码格式不正确：${s.code}`);
  if (problems.length > 0) throw new NginxConfigError(problems);

  const security = securityHeaders({ hsts: opts.hsts === true });
  const headers = (cacheControl: string, extra: [string, string][] = []) =>
    headerLines([['Cache-Control', cacheControl], ...extra, ...security], '        ') +
    '        add_header Content-Disposition $gongkai_disposition always;\n';
  const inline = Object.entries(FILE_TYPES)
    .filter(([, t]) => !t.download)
    .map(([ext]) => ext)
    .join('|');
  const types = Object.entries(FILE_TYPES)
    .map(([ext, t]) => `        ${t.contentType.split(';')[0]} ${ext};\n`)
    .join('');
  const charsetTypes = [
    ...new Set(
      Object.values(FILE_TYPES)
        .filter((t) => t.contentType.includes('charset') && !t.contentType.startsWith('text/html'))
        .map((t) => t.contentType.split(';')[0]),
    ),
  ].join(' ');

  const retired = retiredServers(opts.retired ?? [], listen, map.hosts);
  const out: string[] = [];
  out.push(`# Public sites of the Gongkai platform: generated by \`gongkai nginx-config\`; regenerate after a
# site's domains or 网站标识码 change. Include inside the http { } block (Debian:
# /etc/nginx/conf.d/gongkai.conf) and remove other default_server entries on the same port.
# ${map.sites.length} site(s); published files under ${publicDir}.

${retired.hashSizes}upstream gongkai_app {
    server ${upstream};
    keepalive 32;
}

# 适老化 mode: assets/mode.css is elder.css for visitors with the cookie, else an empty stylesheet.
map $cookie_${MODE_COOKIE} $gongkai_mode_css {
    elder /assets/elder.css;
    default "";
}

# Active or unknown content is only downloaded (same table as the embedded server).
map $uri $gongkai_disposition {
    "~*\\.(${inline})$" "";
    default attachment;
}
`);
  // The variable is set in each site's server block; without sites nothing would define it.
  if (map.sites.length > 0)
    out.push(`
# Access log of the sites, one tab-separated line per request (the embedded server writes the
# same): time, 网站标识码, client address, method, status, path, user agent. The platform's
# traffic job reads it hourly; rotate it with logrotate (delaycompress, then nginx -s reopen).
log_format ${NGINX_ACCESS_LOG_FORMAT_NAME} escape=default ${NGINX_ACCESS_LOG_FORMAT};
`);

  for (const site of map.sites) {
    const root = `${publicDir}/${site.code}`;
    out.push(`
# 网站标识码 ${site.code}
server {
    listen ${listen};
    server_name ${site.hosts.join(' ')};
    root ${q(root)};
    set $gongkai_site ${site.code};
    access_log ${q(accessLog)} ${NGINX_ACCESS_LOG_FORMAT_NAME} buffer=32k flush=5s;
    index index.html;
    absolute_redirect off;
    server_tokens off;
    types {
${types}    }
    default_type application/octet-stream;
    charset utf-8;
    charset_types ${charsetTypes};
    gzip_static on;
    gzip_vary on;
${opts.brotli ? '    brotli_static on;\n' : ''}    etag on;
    sendfile on;
    tcp_nopush on;
    # Published files are replaced by rename; descriptors are rechecked every second.
    open_file_cache max=10000 inactive=30s;
    open_file_cache_valid 1s;
    open_file_cache_errors on;
    error_page 404 /404.html;

    # Pages, feeds and site maps: revalidated every time (a retracted page must disappear).
    location / {
${headers(CACHE_REVALIDATE)}    }

    location ^~ /assets/ {
${headers(CACHE_ASSETS)}        location ~ (\\.(gz|br|tmp)$|/\\.) {
            return 404;
        }
    }

    # Attachments: content-addressed names, never change.
    location ^~ /files/ {
${headers(CACHE_IMMUTABLE)}        location ~ (\\.tmp$|/\\.) {
            return 404;
        }
    }

    location = /assets/mode.css {
${headers(CACHE_PRIVATE, [['Vary', 'Cookie']])}        try_files $gongkai_mode_css @gongkai_standard_css;
    }

    location @gongkai_standard_css {
        default_type text/css;
${headers(CACHE_PRIVATE, [['Vary', 'Cookie']])}        return 200 "";
    }

    # Precompressed siblings, the publisher's temporary files and dot-files are not pages.
    location ~ (\\.(gz|br|tmp)$|/\\.) {
        return 404;
    }

    location = /search {
        proxy_pass http://gongkai_app/sites/${site.code}/search;
${PROXY_HEADERS}    }

    # 政府信息公开: the request form, the tracking page, the catalogue and the guide.
    location ~ ^/(${APP_PAGES})$ {
        proxy_pass http://gongkai_app/sites/${site.code}/$1;
${PROXY_HEADERS}    }

${APP_PAGE_FOLDERS.map((folder) => appFolderLocation(site.code, folder)).join('')}
    location ^~ /_mode/ {
        proxy_pass http://gongkai_app/sites/${site.code}/_mode/;
${PROXY_HEADERS}    }
}
`);
  }

  out.push(retired.text);

  out.push(`
# Everything else (admin, API, /sites/<code>/ previews) goes to the application.
server {
    listen ${listen} default_server;
    server_name _;
    server_tokens off;
    client_max_body_size 64m;

    location / {
        proxy_pass http://gongkai_app;
${PROXY_HEADERS}    }
}
`);
  return out.join('');
}

/**
 * The redirect map of retired sites and one server for their old host names: an old URL with an
 * entry is sent on from the map; the rest (the closure notice on the old home page, the
 * successor's home page for anything unknown) is the application's answer by Host. Host names
 * still served by a hosted site stay with that site.
 */
function retiredServers(
  retired: readonly NginxRetiredSite[],
  listen: string,
  hostedHosts: ReadonlyMap<string, string>,
): { text: string; hashSizes: string } {
  const sites = retired
    // Names come from `retiredHosts` (ASCII host names); anything else, a port included, cannot be a server_name.
    .map((r) => ({ hosts: r.hosts.filter((h) => asciiHostname(h) === h && !hostedHosts.has(h)), entries: r.entries }))
    .filter((r) => r.hosts.length > 0);
  if (sites.length === 0) return { text: '', hashSizes: '' };
  const map = nginxRedirectMap(sites);
  const hosts = [...new Set(sites.flatMap((r) => r.hosts))];
  // The first map block of the http context fixes these sizes: they go before every map.
  const hashSizes = `# The redirect map of retired sites below needs room for its keys.
map_hash_max_size ${powerOfTwoAtLeast(map.lines.length * 2, 2048)};
map_hash_bucket_size ${powerOfTwoAtLeast(map.longestKey + 32, 128)};

`;
  const skipped = map.skipped
    ? `, ${map.skipped} left to the application (characters nginx cannot quote, or a duplicate but for case)`
    : '';
  const text = `
# Old addresses of retired sites (migrated, merged or closed): ${map.lines.length} redirect(s) answered
# here${skipped}. Regenerate after an import finishes or a site is closed.
map $host$request_uri $gongkai_redirect {
    default "";
${map.lines.join('\n')}${map.lines.length ? '\n' : ''}}

server {
    listen ${listen};
    server_name ${hosts.join(' ')};
    server_tokens off;
    absolute_redirect off;

    location / {
        if ($gongkai_redirect) {
            add_header Cache-Control "public, max-age=3600" always;
            return 301 $gongkai_redirect;
        }
        proxy_pass http://gongkai_app;
${PROXY_HEADERS}    }
}
`;
  return { text, hashSizes };
}
