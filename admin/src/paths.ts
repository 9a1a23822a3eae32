/** Router paths outside the menu table (relative to the /admin basename). */
export const LOGIN_PATH = '/login';
export const CHANGE_PASSWORD_PATH = '/change-password';

/** State the login page receives: where to return after signing in. */
export interface LoginLocationState {
  from?: string;
}
