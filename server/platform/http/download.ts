/**
 * Files sent for download: the one `Content-Disposition` every room uses, with the name in
 * RFC 5987 form (Chinese names survive every browser; `'()*` escaped too), and the office
 * formats' types by name.
 */
import type { FastifyReply } from 'fastify';

export const MIME = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;

/** `attachment; filename*=UTF-8''…` for `name`. */
export const attachmentDisposition = (name: string): string =>
  `attachment; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;

/** Sends `bytes` as a download named `name`. */
export const sendDownload = (reply: FastifyReply, type: string, name: string, bytes: Buffer | string) =>
  reply.header('content-type', type).header('content-disposition', attachmentDisposition(name)).send(bytes);
