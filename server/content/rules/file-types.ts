/**
 * Which files may be attached, decided from the bytes, not the name: the extension must agree
 * with what the content is. Pure: takes the sniffed type, returns a verdict.
 */

export const ATTACHMENT_MAX_BYTES = 50 * 1024 * 1024;
export const IMAGE_MAX_BYTES = 10 * 1024 * 1024;

/** Extensions we accept, with the sniffed types each may carry. */
const ALLOWED: Record<string, { mimes: string[]; label: string; image?: boolean }> = {
  pdf: { mimes: ['application/pdf'], label: 'PDF' },
  doc: { mimes: ['application/x-cfb'], label: 'Word 97-2003' },
  docx: { mimes: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'], label: 'Word' },
  xls: { mimes: ['application/x-cfb'], label: 'Excel 97-2003' },
  xlsx: { mimes: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], label: 'Excel' },
  ofd: { mimes: ['application/ofd'], label: 'OFD' },
  png: { mimes: ['image/png'], label: 'PNG', image: true },
  jpg: { mimes: ['image/jpeg'], label: 'JPEG', image: true },
  jpeg: { mimes: ['image/jpeg'], label: 'JPEG', image: true },
  gif: { mimes: ['image/gif'], label: 'GIF', image: true },
  webp: { mimes: ['image/webp'], label: 'WebP', image: true },
};

export const ALLOWED_EXTENSIONS = Object.keys(ALLOWED);

export function extensionOf(filename: string): string {
  const m = /\.([A-Za-z0-9]{1,10})$/.exec(filename.trim());
  return (m?.[1] ?? '').toLowerCase();
}

export type FileVerdict = { ok: true; ext: string; mime: string; image: boolean } | { ok: false; message: string };

/** Accepts a file when its extension is allowed, the sniffed content agrees with it, and it is not too large. */
export function judgeFile(filename: string, sniffedMime: string | null, size: number): FileVerdict {
  const ext = extensionOf(filename);
  const rule = ALLOWED[ext];
  if (!rule) return { ok: false, message: `不支持的文件类型“.${ext || '无扩展名'}”，可上传：${ALLOWED_EXTENSIONS.join('、')}` };
  if (size === 0) return { ok: false, message: '文件为空' };
  const max = rule.image ? IMAGE_MAX_BYTES : ATTACHMENT_MAX_BYTES;
  if (size > max) return { ok: false, message: `文件过大：${rule.label} 文件不能超过 ${max / 1024 / 1024} MB` };
  if (!sniffedMime || !rule.mimes.includes(sniffedMime)) {
    return { ok: false, message: `文件内容与扩展名不符：“${filename}”不是有效的 ${rule.label} 文件` };
  }
  return { ok: true, ext, mime: sniffedMime, image: rule.image === true };
}
