/**
 * Validators for official codes, shared by server and admin.
 * - 统一社会信用代码 (GB 32100-2015): 18 characters, the last one a check character.
 * - 网站标识码: 6-digit division code + 4 digits, or `bm` + 8 digits.
 * - 行政区划代码 (GB/T 2260): 6 digits (12 with township level).
 */

const CREDIT_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character a 17-character credit code body should end with, or null if the body is malformed. */
export function creditCodeCheckChar(body: string): string | null {
  if (body.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CHARSET.indexOf(body[i] ?? '');
    if (v < 0) return null;
    sum += v * (CREDIT_WEIGHTS[i] ?? 0);
  }
  const c = 31 - (sum % 31);
  return CREDIT_CHARSET[c === 31 ? 0 : c] ?? null;
}

/** True when `code` is a well-formed 统一社会信用代码 with a correct check character. */
export function isValidCreditCode(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return false;
  return creditCodeCheckChar(code.slice(0, 17)) === code[17];
}

export const SITE_CODE_PATTERN = /^(\d{10}|bm\d{8})$/;

/** True when `code` has the form of a 网站标识码. */
export function isValidSiteCode(code: string): boolean {
  return SITE_CODE_PATTERN.test(code);
}

export const DIVISION_CODE_PATTERN = /^\d{6}(\d{6})?$/;
