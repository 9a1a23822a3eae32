/** The certificate an https site presents: when it expires, and whether a client can trust it. */
import tls from 'node:tls';

export interface CertificateInfo {
  /** ISO timestamp of `notAfter`. */
  validTo: string;
  /** Whether the chain verifies against the system's trust store for this host name. */
  trusted: boolean;
  /** Why not, when it does not (e.g. CERT_HAS_EXPIRED, DEPTH_ZERO_SELF_SIGNED_CERT). */
  error: string | null;
}

/** Connects to `host:port`, reads the peer certificate and hangs up; null when no TLS connection could be made. */
export function peerCertificate(host: string, port: number, timeoutMs: number): Promise<CertificateInfo | null> {
  return new Promise((resolve) => {
    const socket = tls.connect({
      host,
      port,
      servername: /^[\d.:]+$/.test(host) ? undefined : host,
      rejectUnauthorized: false,
      timeout: timeoutMs,
    });
    const done = (v: CertificateInfo | null) => {
      socket.destroy();
      resolve(v);
    };
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate();
      if (!cert?.valid_to) return done(null);
      const authError = socket.authorizationError;
      done({
        validTo: new Date(cert.valid_to).toISOString(),
        trusted: socket.authorized,
        error: authError ? String((authError as Error & { code?: string }).code ?? authError) : null,
      });
    });
    socket.once('timeout', () => done(null));
    socket.once('error', () => done(null));
  });
}
