/** Maps every error to `{ code, message, fields?, details? }` with a Chinese message; never a stack or SQL. */
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, Errors, type FieldError } from '../errors.ts';

function validationFields(err: {
  validation: { instancePath: string; message?: string | undefined; keyword: string; params: Record<string, unknown> }[];
  validationContext?: string | undefined;
}): FieldError[] {
  const out: FieldError[] = [];
  for (const v of err.validation) {
    const base = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
    const keys = v.keyword === 'unrecognized_keys' && Array.isArray(v.params.keys) ? (v.params.keys as string[]) : null;
    if (keys) for (const k of keys) out.push({ field: base ? `${base}.${k}` : k, message: '不允许的字段' });
    else out.push({ field: base || err.validationContext || 'body', message: v.message ?? '格式不正确' });
  }
  return out;
}

const BY_STATUS: Record<number, [string, string]> = {
  400: ['GK_ERR_BAD_REQUEST', '请求格式不正确'],
  404: ['GK_ERR_NOT_FOUND', '找不到请求的内容'],
  405: ['GK_ERR_METHOD_NOT_ALLOWED', '不支持的请求方法'],
  413: ['GK_ERR_PAYLOAD_TOO_LARGE', '提交的内容过大'],
  414: ['GK_ERR_URI_TOO_LONG', '请求地址过长'],
  415: ['GK_ERR_UNSUPPORTED_MEDIA_TYPE', '不支持的内容类型'],
  429: ['GK_ERR_RATE_LIMITED', '请求过于频繁，请稍后再试'],
};

/** Errors Fastify raises before routing (over-long parameters, malformed URLs, bad content types). */
export function frameworkErrorReply(error: FastifyError, reply: FastifyReply): void {
  const status = typeof error.statusCode === 'number' && error.statusCode < 500 ? error.statusCode : 400;
  const [code, message] = BY_STATUS[status] ?? ['GK_ERR_BAD_REQUEST', '请求无法处理'];
  void reply.status(status).send({ code, message });
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, req, reply) => {
    if (error instanceof AppError) {
      if (error.status >= 500) req.log.error({ err: error }, 'command failed');
      return reply.status(error.status).send({
        code: error.code,
        message: error.message,
        ...(error.fields.length ? { fields: error.fields } : {}),
        ...(error.details ? { details: error.details } : {}),
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const e = Errors.validation(undefined, validationFields(error as never));
      return reply.status(400).send({ code: e.code, message: e.message, fields: e.fields });
    }
    // PostgreSQL refuses text with NUL characters (SQLite keeps it): a bad request, not a failure; the transaction rolled back.
    const pgCode = (error as { code?: unknown }).code;
    if (pgCode === '22021' || pgCode === '22P05')
      return reply.status(400).send({ code: 'GK_ERR_BAD_REQUEST', message: '提交的内容包含无效字符' });
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status < 500) {
      const [code, message] = BY_STATUS[status] ?? ['GK_ERR_BAD_REQUEST', '请求无法处理'];
      return reply.status(status).send({ code, message });
    }
    req.log.error({ err: error }, 'unhandled error');
    const e = Errors.internal();
    return reply.status(500).send({ code: e.code, message: e.message });
  });

  app.setNotFoundHandler((req, reply) => {
    const [code, message] = BY_STATUS[404] as [string, string];
    return reply.status(404).send({ code, message });
  });
}
