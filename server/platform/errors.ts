/**
 * Coded errors. Every error a client may see has a stable code, an HTTP status and a
 * Chinese message; field errors name the field. Nothing else (stack, SQL) leaves the server.
 */

export interface FieldError {
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly fields: FieldError[] = [],
    public details: Record<string, unknown> | undefined = undefined,
  ) {
    super(message);
    this.name = 'AppError';
  }

  /** Adds machine-readable details for clients (e.g. when a lock ends). */
  withDetails(details: Record<string, unknown>): this {
    this.details = details;
    return this;
  }
}

const make =
  (code: string, status: number, defaultMessage: string) =>
  (message: string = defaultMessage, fields: FieldError[] = []) =>
    new AppError(code, status, message, fields);

export const Errors = {
  validation: make('GK_ERR_VALIDATION', 400, '输入内容有误，请检查后重试'),
  unauthenticated: make('GK_ERR_UNAUTHENTICATED', 401, '请先登录'),
  sessionExpired: make('GK_ERR_SESSION_EXPIRED', 401, '登录已超时，请重新登录'),
  badCredentials: make('GK_ERR_BAD_CREDENTIALS', 401, '用户名或密码错误'),
  accountLocked: make('GK_ERR_ACCOUNT_LOCKED', 423, '账号已锁定'),
  accountDisabled: make('GK_ERR_ACCOUNT_DISABLED', 403, '账号已停用，请联系系统管理员'),
  passwordChangeRequired: make('GK_ERR_PASSWORD_CHANGE_REQUIRED', 403, '请先修改密码'),
  csrf: make('GK_ERR_CSRF', 403, '请求校验失败，请刷新页面后重试'),
  forbidden: make('GK_ERR_FORBIDDEN', 403, '没有权限执行此操作'),
  notFound: make('GK_ERR_NOT_FOUND', 404, '找不到请求的内容'),
  conflict: make('GK_ERR_CONFLICT', 409, '操作与现有数据冲突'),
  passwordPolicy: make('GK_ERR_PASSWORD_POLICY', 400, '密码不符合安全策略'),
  siteRule: make('GK_ERR_SITE_RULE', 409, '不符合网站开设规定'),
  separationOfDuties: make('GK_ERR_SEPARATION_OF_DUTIES', 409, '违反三员分立原则'),
  indexNumber: make('GK_ERR_INDEX_NUMBER', 409, '无法生成索引号'),
  rateLimited: make('GK_ERR_RATE_LIMITED', 429, '请求过于频繁，请稍后再试'),
  internal: make('GK_ERR_INTERNAL', 500, '服务器内部错误，请稍后重试'),
};

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
