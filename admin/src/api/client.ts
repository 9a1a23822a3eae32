/**
 * A small typed fetch wrapper for the platform API: JSON in and out, the CSRF header on
 * state-changing requests, and one error type (ApiError) for every failure the UI shows.
 *
 * The session layer registers hooks so that a lost session (401) anywhere sends the user to
 * the login page, and so that every successful call counts as server contact for the idle clock.
 */

export interface FieldError {
  field: string;
  message: string;
}

export const NETWORK_ERROR_CODE = 'GK_ERR_NETWORK';
export const NETWORK_ERROR_MESSAGE = '网络连接失败，请检查网络后重试';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];
  readonly details: Record<string, unknown>;

  constructor(status: number, code: string, message: string, fields: FieldError[] = [], details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.details = details;
  }

  /** The messages the server gave for one field (empty when none). */
  fieldMessages(field: string): string[] {
    return this.fields.filter((f) => f.field === field).map((f) => f.message);
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** The message to show for any thrown value. */
export function errorMessage(e: unknown): string {
  return isApiError(e) ? e.message : '操作失败，请稍后重试';
}

export interface ClientHooks {
  /** A call (other than login or me) answered 401: the session is gone. */
  onSessionLost?: (error: ApiError) => void;
  /** A call answered 403 GK_ERR_PASSWORD_CHANGE_REQUIRED. */
  onPasswordChangeRequired?: (error: ApiError) => void;
  /** A call succeeded: the server has seen this session just now. */
  onServerContact?: () => void;
}

let csrfToken: string | null = null;
let hooks: ClientHooks = {};

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Installs the session layer's hooks; returns a function that removes them. */
export function setClientHooks(next: ClientHooks): () => void {
  hooks = next;
  return () => {
    if (hooks === next) hooks = {};
  };
}

// Calls whose 401 the caller handles itself (logout: the session is being ended anyway).
const SESSION_PROBES = new Set(['/api/auth/login', '/api/auth/me', '/api/auth/logout']);
const SESSION_LOST_CODES = new Set(['GK_ERR_SESSION_EXPIRED', 'GK_ERR_UNAUTHENTICATED']);
const SAFE_METHODS = new Set(['GET', 'HEAD']);

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  signal?: AbortSignal;
}

function withQuery(path: string, query: Query | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null) params.append(k, String(v));
  const qs = params.toString();
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path;
}

function asRecord(v: unknown): Record<string, unknown> | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

function parseFields(v: unknown): FieldError[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((item) => {
    const r = asRecord(item);
    return r && typeof r.field === 'string' && typeof r.message === 'string' ? [{ field: r.field, message: r.message }] : [];
  });
}

function errorFromResponse(status: number, body: unknown): ApiError {
  const r = asRecord(body);
  if (r && typeof r.code === 'string' && typeof r.message === 'string') {
    return new ApiError(status, r.code, r.message, parseFields(r.fields), asRecord(r.details) ?? {});
  }
  if (status >= 500) return new ApiError(status, 'GK_ERR_INTERNAL', '服务器暂时无法响应，请稍后重试');
  return new ApiError(status, 'GK_ERR_UNEXPECTED_RESPONSE', `服务器返回了无法识别的响应（${status}）`);
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

async function request<T>(method: string, path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (!SAFE_METHODS.has(method) && path !== '/api/auth/login' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(withQuery(path, options.query), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (e) {
    // A caller's own abort is not a network failure: let it through unchanged.
    if (options.signal?.aborted) throw e;
    throw new ApiError(0, NETWORK_ERROR_CODE, NETWORK_ERROR_MESSAGE);
  }

  const data = await readJson(res);
  if (res.ok) {
    hooks.onServerContact?.();
    return data as T;
  }

  const error = errorFromResponse(res.status, data);
  if (res.status === 401 && SESSION_LOST_CODES.has(error.code) && !SESSION_PROBES.has(path)) {
    hooks.onSessionLost?.(error);
  } else if (res.status === 403 && error.code === 'GK_ERR_PASSWORD_CHANGE_REQUIRED') {
    hooks.onPasswordChangeRequired?.(error);
  }
  throw error;
}

/**
 * Posts JSON and takes a file back (a document drafted from the body): the file as a Blob, or
 * the server's error as an ApiError.
 */
export async function postForFile(path: string, body: unknown): Promise<Blob> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body), credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, NETWORK_ERROR_CODE, NETWORK_ERROR_MESSAGE);
  }
  if (!res.ok) {
    const error = errorFromResponse(res.status, await readJson(res));
    if (res.status === 401 && SESSION_LOST_CODES.has(error.code)) hooks.onSessionLost?.(error);
    throw error;
  }
  hooks.onServerContact?.();
  return res.blob();
}

/** Offers a Blob to the user as a download named `name`. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, body ?? {}, options),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', path, body ?? {}, options),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PATCH', path, body ?? {}, options),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, undefined, options),
};
