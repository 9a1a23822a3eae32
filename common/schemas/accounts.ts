/** Request schemas of the accounts API, shared by server and admin. */
import { z } from 'zod';
import { DIVISION_CODE_PATTERN, isValidCreditCode } from '../codes.ts';
import { parseTemplate } from '../index-number.ts';
import { ROLE_CODES } from '../roles.ts';

export const ORG_LEVELS = ['city', 'county', 'department', 'township'] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];
export const ORG_LEVEL_LABELS: Record<OrgLevel, string> = {
  city: '市级',
  county: '县（区）级',
  department: '部门',
  township: '乡镇（街道）',
};

const name = z.string().trim().min(1, '不能为空').max(200, '不能超过 200 个字符');

export const CreditCodeSchema = z.string().trim().toUpperCase().refine(isValidCreditCode, '统一社会信用代码格式或校验位不正确');

export const CreateOrgSchema = z.strictObject({
  name,
  parentId: z.string().max(40).nullable().optional(),
  creditCode: CreditCodeSchema.nullable().optional(),
  divisionCode: z.string().regex(DIVISION_CODE_PATTERN, '行政区划代码应为 6 位或 12 位数字').nullable().optional(),
  level: z.enum(ORG_LEVELS, { message: '单位层级应为 市级、县（区）级、部门 或 乡镇（街道）' }),
  sortOrder: z.number().int().min(0).max(1_000_000).optional(),
  /** The org's own 索引号 template; null or absent uses the platform's. */
  indexTemplate: z
    .string()
    .trim()
    .superRefine((t, ctx) => {
      const parsed = parseTemplate(t);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.problems.map((p) => p.message).join('；') });
    })
    .nullable()
    .optional(),
});
export type CreateOrgInput = z.input<typeof CreateOrgSchema>;

export const UpdateOrgSchema = CreateOrgSchema.partial();
export type UpdateOrgInput = z.input<typeof UpdateOrgSchema>;

export const USERNAME_PATTERN = /^[a-zA-Z][a-zA-Z0-9_.-]{2,63}$/;

export const CreateUserSchema = z.strictObject({
  username: z.string().regex(USERNAME_PATTERN, '用户名须以字母开头，由 3–64 位字母、数字、下划线、点或短横线组成'),
  displayName: z.string().trim().min(1, '不能为空').max(100, '不能超过 100 个字符'),
  orgId: z.string().max(40).nullable().optional(),
});
export type CreateUserInput = z.input<typeof CreateUserSchema>;

export const LoginSchema = z.strictObject({
  username: z.string().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(128),
});

export const ChangePasswordSchema = z.strictObject({
  currentPassword: z.string().min(1, '请输入当前密码').max(128),
  newPassword: z.string().min(1, '请输入新密码').max(128, '密码长度不能超过 128 位'),
});

export const GrantRoleSchema = z.strictObject({
  role: z.enum(ROLE_CODES, { message: '未知角色' }),
  siteId: z.string().max(40).nullable().optional(),
});
export type GrantRoleInput = z.input<typeof GrantRoleSchema>;

// ---------------------------------------------------------------------------------------
// Responses. Declared once here: the server's presenters return these types and the admin
// reads them, so a field renamed on one side fails the type check on the other.

/** An org (单位) as the API returns it. */
export interface Org {
  id: string;
  name: string;
  parentId: string | null;
  creditCode: string | null;
  divisionCode: string | null;
  level: string;
  sortOrder: number;
  /** The org's own 索引号 template, or null for the platform's. */
  indexTemplate: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One role grant of a user. */
export interface UserGrant {
  id: string;
  role: string;
  /** '*' for a platform-wide grant, otherwise the site id. */
  scope: string;
}

/** A user account as the user-administration endpoints return it. */
export interface UserSummary {
  id: string;
  username: string;
  displayName: string;
  orgId: string | null;
  disabled: boolean;
  /** Set only while the account is locked (ISO time). */
  lockedUntil: string | null;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  lastLoginIp: string | null;
  grants: UserGrant[];
}

/** POST /api/users: the new account and its one-time password (shown once). */
export interface CreatedUser {
  user: UserSummary;
  oneTimePassword: string;
}
