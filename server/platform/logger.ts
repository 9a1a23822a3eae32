/** Structured logs (pino) with personal data and secrets redacted wherever they appear. */
import { pino, type Logger } from 'pino';

export const REDACT_PATHS = [
  'password',
  '*.password',
  'currentPassword',
  '*.currentPassword',
  'newPassword',
  '*.newPassword',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'idNumber',
  '*.idNumber',
  'phone',
  '*.phone',
  'csrfToken',
  '*.csrfToken',
  'token',
  '*.token',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[已隐藏]' }, base: { app: 'gongkai' } }, destination);
}

export type { Logger };
