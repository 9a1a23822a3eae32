/** Pages of every public site that the application serves (not files on disk), by site-root path. */

/** The 依申请公开 request form. */
export const DISCLOSURE_REQUEST_PATH = '/ysqgk';
/** The 依申请公开 tracking page. */
export const DISCLOSURE_TRACKING_PATH = '/ysqgkcx';
/** The 政府信息公开目录 (browse and search). */
export const CATALOGUE_PATH = '/gkml';
/** The 政府信息公开指南. */
export const GUIDE_PATH = '/gkzn';
/** Every page above, for the static layer and nginx to pass to the application. */
export const APP_PAGE_PATHS = [DISCLOSURE_REQUEST_PATH, DISCLOSURE_TRACKING_PATH, CATALOGUE_PATH, GUIDE_PATH] as const;
