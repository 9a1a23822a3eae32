/** The accounts room: orgs, users, roles, sessions, password policy, 三员分立. */
export { can, requirePermission, visibleSites } from '../platform/access.ts';
export { DEFAULT_SECURITY_POLICY, type SecurityPolicy } from './rules/security-policy.ts';
export { loadSecurityPolicy, getSecurityPolicy, updateSecurityPolicy } from './commands/security-policy.ts';
export { createOrg, updateOrg, listOrgs, findOrgByName, orgSubtree, presentOrg, type Org } from './commands/orgs.ts';
export {
  createUser,
  resetPassword,
  setUserDisabled,
  unlockUser,
  listUsers,
  findUserIdByUsername,
  platformIsEmpty,
  type UserSummary,
} from './commands/users.ts';
export { grantRole, revokeRole } from './commands/grants.ts';
export {
  login,
  logout,
  authenticate,
  changeOwnPassword,
  expireSessions,
  mustChangePassword,
  beijingTime,
  type Authenticated,
  type LoginResult,
} from './commands/auth.ts';
export { accountsRoutes, sessionAuthenticator } from './accounts.routes.ts';
export { accountsJobs } from './accounts.jobs.ts';
