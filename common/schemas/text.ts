/**
 * Field builders shared by the request schemas: plain text (markup, scripts and control
 * characters are refused with a message, never stored), calendar dates and picked ids.
 */
import { z } from 'zod';
import { isExistingDate } from '../dates.ts';

/** Markup is refused, not stored: these fields are plain text wherever they are shown. */
export const MARKUP = /<[a-zA-Z!/?]|javascript:/i;
/** Control characters other than tab and line breaks: binary content pasted or posted into a text field. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const BINARY = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD\uFFFE\uFFFF]/;

/** Why a plain-text value cannot be taken, or null. */
export function plainTextProblem(v: string, label: string): string | null {
  if (BINARY.test(v)) return `${label}包含无法识别的字符，请只填写文字`;
  if (MARKUP.test(v)) return `${label}不能包含 HTML 标记或脚本`;
  return null;
}

const plain = (s: z.ZodString, label: string) =>
  s.superRefine((v, ctx) => {
    const problem = plainTextProblem(v, label);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const plainText = (max: number, label: string) =>
  plain(
    z
      .string({ message: `请填写${label}` })
      .trim()
      .min(1, `${label}不能为空`)
      .max(max, `${label}不能超过 ${max} 个字符`),
    label,
  );

export const optionalPlainText = (max: number, label: string) =>
  plain(z.string().trim().max(max, `${label}不能超过 ${max} 个字符`), label)
    .nullable()
    .optional();

export const calendarDate = z
  .string({ message: '请选择日期' })
  .min(1, { message: '请选择日期', abort: true })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为 YYYY-MM-DD', abort: true })
  .refine(isExistingDate, '日期不存在');

export const pickedId = (label: string) =>
  z
    .string({ message: `请选择${label}` })
    .min(1, `请选择${label}`)
    .max(40, `${label}不正确`);
