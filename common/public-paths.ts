/** Pages of every public site that the application serves (not files on disk), by site-root path. */

/** The 依申请公开 request form. */
export const DISCLOSURE_REQUEST_PATH = '/ysqgk';
/** The 依申请公开 tracking page. */
export const DISCLOSURE_TRACKING_PATH = '/ysqgkcx';
