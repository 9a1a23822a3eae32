/**
 * Multipart uploads (attachments, images, 公文 files). The JSON client cannot send FormData,
 * so this sends it with the same CSRF header and turns failures into the same ApiError.
 * A 401 here is reported to the caller, which asks the session layer to re-check the session.
 */
import { ApiError, NETWORK_ERROR_CODE, NETWORK_ERROR_MESSAGE, type FieldError } from './client.ts';

function asRecord(v: unknown): Record<string, unknown> | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

/** The server's error body as an ApiError (same shape as the JSON client's errors). */
export function uploadError(status: number, body: unknown): ApiError {
  const r = asRecord(body);
  if (r && typeof r.code === 'string' && typeof r.message === 'string') {
    const fields: FieldError[] = Array.isArray(r.fields)
      ? r.fields.flatMap((f) => {
          const x = asRecord(f);
          return x && typeof x.field === 'string' && typeof x.message === 'string' ? [{ field: x.field, message: x.message }] : [];
        })
      : [];
    return new ApiError(status, r.code, r.message, fields, asRecord(r.details) ?? {});
  }
  if (status === 413) return new ApiError(status, 'GK_ERR_TOO_LARGE', '文件过大，无法上传');
  if (status >= 500) return new ApiError(status, 'GK_ERR_INTERNAL', '服务器暂时无法响应，请稍后重试');
  return new ApiError(status, 'GK_ERR_UNEXPECTED_RESPONSE', `服务器返回了无法识别的响应（${status}）`);
}

export async function postMultipart<T>(path: string, form: FormData, csrfToken: string | null, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    // No content-type header: the browser sets multipart/form-data with its boundary.
    res = await fetch(path, { method: 'POST', headers, body: form, credentials: 'same-origin', ...(signal ? { signal } : {}) });
  } catch (e) {
    if (signal?.aborted) throw e;
    throw new ApiError(0, NETWORK_ERROR_CODE, NETWORK_ERROR_MESSAGE);
  }
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    data = undefined;
  }
  if (res.ok) return data as T;
  throw uploadError(res.status, data);
}
