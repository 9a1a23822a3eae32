/** Pure rules of the link check: which answers count as a working link, and how a failure is worded. */

/** A link works when, after redirects, the server answers 2xx (a 3xx without a Location does not). */
export function linkWorks(status: number): boolean {
  return status >= 200 && status < 300;
}

/** Servers that refuse HEAD (or answer it wrongly) are asked again with GET. */
export function retryWithGet(status: number): boolean {
  return status === 405 || status === 501 || status === 403 || status === 404 || status === 400;
}

/** The Chinese wording of a failed check, for the admin and the supervision view. */
export function failureText(e: { status?: number; code?: string }): string {
  if (e.status !== undefined) return `服务器返回 ${e.status}`;
  switch (e.code) {
    case 'timeout':
      return '连接超时';
    case 'redirectLoop':
      return '重定向循环';
    case 'tooManyRedirects':
      return '重定向次数过多';
    case 'badScheme':
      return '地址不是 http 或 https';
    case 'missingFile':
      return '文件缺失';
    default:
      return '无法连接';
  }
}
