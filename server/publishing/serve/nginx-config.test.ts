import { describe, expect, it } from 'vitest';
import { parseAccessLine } from '../../traffic/index.ts';
import { NginxConfigError, renderNginxConfig } from './nginx-config.ts';
import { PUBLIC_CSP } from './rules/security-headers.ts';

const site = (code: string | null, domains: string[], status = 'active') => ({ code, domains, status, hosting: 'hosted' });
const SITES = [
  site('1100000001', ['www.a.gov.cn', '示例.政务']),
  site('bm11000002', ['www.b.gov.cn']),
  site('1100000003', []),
  site(null, ['www.x.gov.cn']),
];

/** The block of the server whose server_name line starts with `name`. */
function serverBlock(conf: string, name: string): string {
  const start = conf.indexOf(`server_name ${name}`);
  expect(start).toBeGreaterThan(0);
  return conf.slice(start, conf.indexOf('\n}\n', start));
}

describe('the nginx configuration', () => {
  const conf = renderNginxConfig(SITES, { publicDir: '/var/lib/gongkai/public' });

  it('has one server per site with a domain and a code, named by its ASCII domains, rooted at its folder', () => {
    expect(conf.match(/^server \{/gm)).toHaveLength(3);
    const a = serverBlock(conf, 'www.a.gov.cn');
    expect(a).toContain('server_name www.a.gov.cn xn--fsq092h.xn--zfr164b;');
    expect(a).toContain('root "/var/lib/gongkai/public/1100000001";');
    expect(serverBlock(conf, 'www.b.gov.cn')).toContain('root "/var/lib/gongkai/public/bm11000002";');
    expect(conf).not.toContain('www.x.gov.cn');
    expect(conf).not.toContain('1100000003');
  });

  it('serves precompressed files, the folder index and the 404 page, and revalidates descriptors every second', () => {
    const a = serverBlock(conf, 'www.a.gov.cn');
    expect(a).toContain('gzip_static on;');
    expect(a).not.toContain('brotli_static');
    expect(a).toContain('index index.html;');
    expect(a).toContain('error_page 404 /404.html;');
    expect(a).toContain('open_file_cache_valid 1s;');
    expect(a).toContain('charset utf-8;');
    expect(renderNginxConfig(SITES, { publicDir: '/p', brotli: true })).toContain('brotli_static on;');
  });

  it('sends the caching and security headers of the embedded server', () => {
    const a = serverBlock(conf, 'www.a.gov.cn');
    expect(a).toMatch(/location \/ \{\n\s+add_header Cache-Control "no-cache" always;/);
    expect(a).toMatch(/location \^~ \/assets\/ \{\n\s+add_header Cache-Control "public, max-age=300" always;/);
    expect(a).toMatch(/location \^~ \/files\/ \{\n\s+add_header Cache-Control "public, max-age=31536000, immutable" always;/);
    expect(a).toContain(`add_header Content-Security-Policy "${PUBLIC_CSP}" always;`);
    expect(a).toContain('add_header X-Content-Type-Options "nosniff" always;');
    expect(a).not.toContain('Strict-Transport-Security');
    expect(renderNginxConfig(SITES, { publicDir: '/p', hsts: true })).toContain('Strict-Transport-Security');
  });

  it('switches assets/mode.css by the gk_mode cookie and proxies search and the mode switch to the site under /sites/<code>', () => {
    expect(conf).toContain('map $cookie_gk_mode $gongkai_mode_css {\n    elder /assets/elder.css;\n    default "";\n}');
    const a = serverBlock(conf, 'www.a.gov.cn');
    expect(a).toMatch(
      /location = \/assets\/mode\.css \{\n\s+add_header Cache-Control "private, no-cache" always;\n\s+add_header Vary "Cookie" always;/,
    );
    expect(a).toContain('try_files $gongkai_mode_css @gongkai_standard_css;');
    expect(a).toContain('location = /search {\n        proxy_pass http://gongkai_app/sites/1100000001/search;');
    expect(a).toContain('location ^~ /_mode/ {\n        proxy_pass http://gongkai_app/sites/1100000001/_mode/;');
    expect(a).toContain('proxy_set_header Host $host;');
    expect(a).toContain('proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;');
  });

  it('passes the 依申请公开 pages and the whole 政民互动 folder (with room for attachments) to the site under /sites/<code>', () => {
    const a = serverBlock(conf, 'www.a.gov.cn');
    expect(a).toContain('location ~ ^/(ysqgk|ysqgkcx|gkml|gkzn)$ {\n        proxy_pass http://gongkai_app/sites/1100000001/$1;');
    expect(a).toContain(
      'location ^~ /hdjl/ {\n        proxy_pass http://gongkai_app/sites/1100000001/hdjl/;\n        client_max_body_size 20m;',
    );
  });

  it('passes everything else to the application from a default server, with the chosen listen address and upstream', () => {
    const custom = renderNginxConfig(SITES, { publicDir: '/p', listen: '127.0.0.1:8080', app: 'http://10.0.0.5:3001' });
    expect(custom).toContain('upstream gongkai_app {\n    server 10.0.0.5:3001;');
    expect(custom).toContain('listen 127.0.0.1:8080 default_server;');
    expect(custom.match(/listen 127\.0\.0\.1:8080;/g)).toHaveLength(2);
    expect(conf).toContain('upstream gongkai_app {\n    server 127.0.0.1:3000;');
    expect(conf).toContain('listen 80 default_server;');
  });

  it("logs each site's requests in the platform's access-log format, to <dataDir>/logs/access/nginx.log unless told otherwise", () => {
    const format = /^log_format gongkai_access escape=default '(.*)';$/m.exec(conf)?.[1];
    expect(format).toBe('$time_iso8601\\t$gongkai_site\\t$remote_addr\\t$request_method\\t$status\\t$uri\\t$http_user_agent');
    // The line nginx writes with it is the line the ingestion reads.
    const written = (format as string)
      .replaceAll('\\t', '\t')
      .replace('$time_iso8601', '2026-11-27T09:00:00+08:00')
      .replace('$gongkai_site', '1100000001')
      .replace('$remote_addr', '203.0.113.5')
      .replace('$request_method', 'GET')
      .replace('$status', '200')
      .replace('$uri', '/xwdt/')
      .replace('$http_user_agent', 'Mozilla/5.0');
    expect(parseAccessLine(written)).toMatchObject({ site: '1100000001', client: '203.0.113.5', path: '/xwdt/' });
    const a = serverBlock(conf, 'www.a.gov.cn');
    expect(a).toContain('set $gongkai_site 1100000001;');
    expect(a).toContain('access_log "/var/lib/gongkai/logs/access/nginx.log" gongkai_access buffer=32k flush=5s;');
    expect(serverBlock(conf, 'www.b.gov.cn')).toContain('set $gongkai_site bm11000002;');
    expect(conf.slice(conf.lastIndexOf('default_server'))).not.toContain('access_log');
    const custom = renderNginxConfig(SITES, { publicDir: '/p', accessLog: '/var/log/gongkai/sites.log' });
    expect(custom).toContain('access_log "/var/log/gongkai/sites.log" gongkai_access');
    // Without sites nothing sets the variable the format names, so there is no format either.
    expect(renderNginxConfig([], { publicDir: '/p' })).not.toContain('log_format');
    for (const accessLog of ['relative.log', '/var/log/x; evil', '/var/log/$host.log', '/var/log/'])
      expect(() => renderNginxConfig(SITES, { publicDir: '/p', accessLog }), accessLog).toThrow(NginxConfigError);
  });

  it('refuses names that are not host names, bad codes, doubly claimed domains and unsafe options, listing them all', () => {
    const bad = [
      site('1100000001', ['www.a.gov.cn; include /etc/shadow']),
      site('1100000002', ['www.b.gov.cn']),
      site('1100000003', ['www.b.gov.cn']),
      site('../../etc', ['www.c.gov.cn']),
    ];
    let error: unknown;
    try {
      renderNginxConfig(bad, { publicDir: '/var/lib/x; evil', listen: '80; evil', app: 'http://127.0.0.1:3000/x' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NginxConfigError);
    const problems = (error as NginxConfigError).problems;
    expect(problems).toHaveLength(6);
    expect(problems.join('\n')).toContain('www.a.gov.cn; include');
    expect(problems.join('\n')).toContain('www.b.gov.cn 同时属于');
    for (const app of ['ftp://127.0.0.1', 'http://user:pw@127.0.0.1:3000', 'http://127.0.0.1:3000/?x', 'not a url']) {
      expect(() => renderNginxConfig([], { publicDir: '/p', app }), app).toThrow(NginxConfigError);
    }
    for (const listen of ['0', '70000', 'eighty', '80 default_server']) {
      expect(() => renderNginxConfig([], { publicDir: '/p', listen }), listen).toThrow(NginxConfigError);
    }
    expect(() => renderNginxConfig([], { publicDir: 'relative/public' })).toThrow(NginxConfigError);
    expect(() => renderNginxConfig([], { publicDir: '/p/$document_root' })).toThrow(NginxConfigError);
  });

  it("answers retired sites' old URLs from a map and passes the rest to the application; a host still served by a site stays with it", () => {
    const retired = renderNginxConfig(SITES, {
      publicDir: '/p',
      retired: [
        {
          hosts: ['jyj.old.gov.cn', 'www.a.gov.cn', 'jyj.old.gov.cn:8080', 'bad host;'],
          entries: [
            { path: '/tzgg/1.html', target: 'https://www.a.gov.cn/tzgg/202611/x.html', kind: 'article' },
            { path: '/info.jsp?id=1', target: 'https://www.a.gov.cn/tzgg/202611/x.html', kind: 'article' },
          ],
        },
      ],
    });
    expect(retired).toContain(
      'map $host$request_uri $gongkai_redirect {\n    default "";\n    "jyj.old.gov.cn/tzgg/1.html" "https://www.a.gov.cn/tzgg/202611/x.html";\n    "jyj.old.gov.cn/info.jsp?id=1" "https://www.a.gov.cn/tzgg/202611/x.html";\n}',
    );
    const block = serverBlock(retired, 'jyj.old.gov.cn');
    expect(block).toContain('server_name jyj.old.gov.cn;');
    expect(block).toContain('return 301 $gongkai_redirect;');
    expect(block).toContain('proxy_pass http://gongkai_app;');
    expect(retired).toMatch(/map_hash_bucket_size \d+;/);
    expect(renderNginxConfig(SITES, { publicDir: '/p', retired: [{ hosts: ['www.a.gov.cn'], entries: [] }] })).not.toContain(
      '$gongkai_redirect',
    );
  });
});
