/**
 * Applicants' identity documents (条例 第二十九条: an application names the applicant and gives
 * 身份证明) and the masks used wherever personal data is shown to people who do not need all of
 * it (个人信息保护法 第五十一条: de-identification as a security measure). Shared by server and admin.
 *
 * - 居民身份证 (GB 11643-1999): 18 characters = 6-digit region code (GB/T 2260) + birth date
 *   YYYYMMDD + 3-digit sequence + check character (ISO 7064 MOD 11-2, 'X' for 10). First-generation
 *   15-digit numbers stopped being valid in 2013 and are refused with their own message.
 * - Other documents an applicant may show (passport, 港澳/台湾 通行证, 外国人永久居留身份证) are
 *   checked for shape only: their issuers publish no check algorithm we can rely on.
 * - Organisations identify themselves by 统一社会信用代码 (GB 32100), checked by common/codes.ts.
 */
import { isExistingDate } from './dates.ts';
import { creditCodeCheckChar, isValidCreditCode } from './codes.ts';

export { creditCodeCheckChar, isValidCreditCode };

/** Province-level codes of GB/T 2260 (the first two digits of a region code). */
export const PROVINCE_CODES: Readonly<Record<string, string>> = {
  '11': '北京',
  '12': '天津',
  '13': '河北',
  '14': '山西',
  '15': '内蒙古',
  '21': '辽宁',
  '22': '吉林',
  '23': '黑龙江',
  '31': '上海',
  '32': '江苏',
  '33': '浙江',
  '34': '安徽',
  '35': '福建',
  '36': '江西',
  '37': '山东',
  '41': '河南',
  '42': '湖北',
  '43': '湖南',
  '44': '广东',
  '45': '广西',
  '46': '海南',
  '50': '重庆',
  '51': '四川',
  '52': '贵州',
  '53': '云南',
  '54': '西藏',
  '61': '陕西',
  '62': '甘肃',
  '63': '青海',
  '64': '宁夏',
  '65': '新疆',
  '71': '台湾',
  '81': '香港',
  '82': '澳门',
};

export type IdProblemCode =
  | 'id_empty'
  | 'id_old_15_digit'
  | 'id_length'
  | 'id_characters'
  | 'id_region'
  | 'id_birth_date_invalid'
  | 'id_birth_date_future'
  | 'id_check_digit'
  | 'id_shape';

export interface IdProblem {
  /** Stable, for tests and clients. */
  code: IdProblemCode;
  /** For the applicant, in Chinese. */
  message: string;
}

export type ResidentIdResult =
  { ok: true; number: string; provinceCode: string; provinceName: string; birthDate: string } | { ok: false; problems: IdProblem[] };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
const MIN_BIRTH_YEAR = 1900;

/** Trims, drops spaces, turns full-width letters and digits into ASCII and upper-cases: what people type becomes what is stored. */
export function normalizeIdNumber(raw: string): string {
  return raw
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]+/g, '')
    .toUpperCase();
}

/** The ISO 7064 MOD 11-2 check character for the first 17 digits of a resident ID number, or null when they are not 17 digits. */
export function residentIdCheckChar(body: string): string | null {
  if (!/^\d{17}$/.test(body)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? null;
}

/**
 * Checks a 居民身份证 number (GB 11643-1999) as of `today` (YYYY-MM-DD, Beijing): every problem
 * found once the number has 18 characters of the right kinds. On success returns the normalized
 * number and what it says about the holder that the form needs (province, birth date).
 */
export function checkResidentId(raw: string, today: string): ResidentIdResult {
  if (!isExistingDate(today)) throw new RangeError(`today must be a YYYY-MM-DD date, got ${today}`);
  const id = normalizeIdNumber(raw);
  if (id === '') return fail({ code: 'id_empty', message: '请填写身份证号码' });
  if (/^\d{15}$/.test(id))
    return fail({ code: 'id_old_15_digit', message: '15 位的第一代身份证号码已停止使用，请填写 18 位的第二代身份证号码' });
  if (id.length !== 18) return fail({ code: 'id_length', message: `身份证号码应为 18 位，现为 ${id.length} 位` });
  if (!/^\d{17}[\dX]$/.test(id)) return fail({ code: 'id_characters', message: '身份证号码前 17 位应为数字，最后一位为数字或 X' });

  const problems: IdProblem[] = [];
  const provinceCode = id.slice(0, 2);
  const provinceName = PROVINCE_CODES[provinceCode];
  if (!provinceName)
    problems.push({ code: 'id_region', message: `身份证号码的地区码 ${id.slice(0, 6)} 不存在（省级代码 ${provinceCode} 无效）` });

  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isExistingDate(birthDate) || Number(id.slice(6, 10)) < MIN_BIRTH_YEAR)
    problems.push({ code: 'id_birth_date_invalid', message: `身份证号码中的出生日期 ${birthDate} 不是有效日期` });
  else if (birthDate > today) problems.push({ code: 'id_birth_date_future', message: `身份证号码中的出生日期 ${birthDate} 晚于今天` });

  if (residentIdCheckChar(id.slice(0, 17)) !== id[17])
    problems.push({ code: 'id_check_digit', message: '身份证号码校验位不正确，请核对是否有数字填错' });

  if (problems.length > 0 || !provinceName) return { ok: false, problems };
  return { ok: true, number: id, provinceCode, provinceName, birthDate };
}

/** Documents an applicant may identify with; `applicant` is the applicant kind that may use it. */
export const ID_TYPES = [
  { type: 'residentId', label: '居民身份证', applicant: 'person', hint: '18 位，最后一位可为 X' },
  { type: 'passport', label: '护照', applicant: 'person', hint: '5–17 位字母或数字' },
  { type: 'hkMacaoPermit', label: '港澳居民来往内地通行证', applicant: 'person', hint: 'H 或 M 开头，后接 8 位或 10 位数字' },
  { type: 'taiwanPermit', label: '台湾居民来往大陆通行证', applicant: 'person', hint: '8 位数字（旧版为 10 位字母或数字）' },
  {
    type: 'foreignPermanentResident',
    label: '外国人永久居留身份证',
    applicant: 'person',
    hint: '18 位，以 9 开头（2023 年版）；旧版为 3 位字母加 12 位数字',
  },
  { type: 'creditCode', label: '统一社会信用代码', applicant: 'organisation', hint: '18 位数字或大写字母' },
] as const;

export type IdType = (typeof ID_TYPES)[number]['type'];

export const ID_TYPE_LABELS = Object.fromEntries(ID_TYPES.map((t) => [t.type, t.label])) as Record<IdType, string>;

/** An identity document as an applicant gives it. */
export type IdDocument = { [T in IdType]: { type: T; number: string } }[IdType];

const SHAPES: Record<Exclude<IdType, 'residentId' | 'creditCode'>, RegExp[]> = {
  // Chinese passports are E + 8 digits or E + letter + 7 digits; foreign ones vary (ICAO 9303 allows up to 9, some countries use more).
  passport: [/^[A-Z0-9]{5,17}$/],
  hkMacaoPermit: [/^[HM](\d{8}|\d{10})$/],
  taiwanPermit: [/^\d{8}$/, /^[A-Z0-9]{10}$/],
  foreignPermanentResident: [/^9\d{16}[\dX]$/, /^[A-Z]{3}\d{12}$/],
};

/** Checks an identity document: resident IDs and credit codes fully, the others by shape. Returns the normalized number. */
export function checkIdDocument(doc: IdDocument, today: string): { ok: true; number: string } | { ok: false; problems: IdProblem[] } {
  if (doc.type === 'residentId') {
    const r = checkResidentId(doc.number, today);
    return r.ok ? { ok: true, number: r.number } : r;
  }
  const label = ID_TYPE_LABELS[doc.type];
  const number = normalizeIdNumber(doc.number);
  if (number === '') return fail({ code: 'id_empty', message: `请填写${label}号码` });
  if (doc.type === 'creditCode')
    return isValidCreditCode(number) ? { ok: true, number } : fail({ code: 'id_shape', message: '统一社会信用代码格式或校验位不正确' });
  const hint = ID_TYPES.find((t) => t.type === doc.type)?.hint ?? '';
  return SHAPES[doc.type].some((re) => re.test(number))
    ? { ok: true, number }
    : fail({ code: 'id_shape', message: `${label}号码格式不正确：应为${hint}` });
}

/**
 * Masks an identity document number: the first 3 and last 4 characters stay visible
 * (`110***********002X`), but never more than a quarter of the number at either end, so short
 * numbers such as passports keep at least half hidden (`E1*****78`). Length is kept.
 */
export function maskIdNumber(raw: string): string {
  const chars = [...normalizeIdNumber(raw)];
  const head = Math.min(3, Math.floor(chars.length / 4));
  const tail = Math.min(4, Math.floor(chars.length / 4));
  return chars.map((c, i) => (i < head || i >= chars.length - tail ? c : '*')).join('');
}

/**
 * Masks a phone number. A mobile number (11 digits starting with 1, optionally after +86) shows 3
 * digits, 4 asterisks and the last 4: `138****5678`. Any other number keeps its separators and its
 * last 4 digits (`****-***4567`), or hides every digit when it has fewer than 7.
 */
export function maskPhone(raw: string): string {
  const trimmed = raw.trim();
  const digits = trimmed.replace(/\D/g, '');
  const mobile = /^(?:0{0,2}86)?(1[3-9]\d{9})$/.exec(digits)?.[1];
  if (mobile && /^[+\d\s-]+$/.test(trimmed)) return `${mobile.slice(0, 3)}****${mobile.slice(7)}`;
  const keep = digits.length >= 7 ? 4 : 0;
  let seen = 0;
  return [...trimmed]
    .map((c) => {
      if (!/\d/.test(c)) return c;
      seen += 1;
      return seen > digits.length - keep ? c : '*';
    })
    .join('');
}

/**
 * Masks an address down to about the district: the first 6 characters (e.g. `四川省攀枝花`), then
 * `***`. A short address shows at most half its characters. The asterisks do not reveal the length.
 */
export function maskAddress(raw: string): string {
  const chars = [...raw.trim()];
  if (chars.length === 0) return '';
  return `${chars.slice(0, Math.min(6, Math.floor(chars.length / 2))).join('')}***`;
}

function fail(problem: IdProblem): { ok: false; problems: IdProblem[] } {
  return { ok: false, problems: [problem] };
}

/** A person's name with its first character kept: `张**`. */
export function maskName(raw: string): string {
  const chars = [...raw.trim()];
  return `${chars[0] ?? ''}${'*'.repeat(Math.max(1, chars.length - 1))}`;
}

/** An e-mail address with the first character of its local part kept: `z***@example.cn`. */
export function maskEmail(raw: string): string {
  return raw.trim().replace(/^(.).*(@.*)$/, '$1***$2');
}
