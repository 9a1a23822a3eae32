/**
 * Security headers of published files: the same set helmet gives the application's answers,
 * with a stricter policy (no 'unsafe-inline': published pages carry no inline script or style).
 * The embedded server and the nginx configuration both send exactly this list.
 */

export const PUBLIC_CSP = [
  "default-src 'self'",
  "base-uri 'self'",
  "font-src 'self' https: data:",
  "form-action 'self'",
  "frame-ancestors 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self'",
  "connect-src 'self'",
].join(';');

/** Header name/value pairs for every static answer; HSTS only when the platform runs behind HTTPS. */
export function securityHeaders(opts: { hsts: boolean }): [string, string][] {
  const headers: [string, string][] = [
    ['Content-Security-Policy', PUBLIC_CSP],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['Cross-Origin-Resource-Policy', 'same-origin'],
    ['Origin-Agent-Cluster', '?1'],
    ['Referrer-Policy', 'no-referrer'],
    ['X-Content-Type-Options', 'nosniff'],
    ['X-DNS-Prefetch-Control', 'off'],
    ['X-Download-Options', 'noopen'],
    ['X-Frame-Options', 'SAMEORIGIN'],
    ['X-Permitted-Cross-Domain-Policies', 'none'],
    ['X-XSS-Protection', '0'],
  ];
  if (opts.hsts) headers.push(['Strict-Transport-Security', 'max-age=31536000; includeSubDomains']);
  return headers;
}
