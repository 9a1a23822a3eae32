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

/** The interaction (政民互动) home of a site: its channels, and the links to the pages below. */
export const INTERACTION_PATH = '/hdjl/';
/** The letter form (写信). */
export const LETTER_WRITE_PATH = '/hdjl/xx/';
/** Tracking a letter by its number and query code, and rating the reply (查询). */
export const LETTER_TRACKING_PATH = '/hdjl/cx/';
/** The answered letters (信件选登); one letter is `/hdjl/xj/<id>`. */
export const LETTER_LIST_PATH = '/hdjl/xj/';
/** The letters received and answered per channel this year (统计). */
export const LETTER_STATISTICS_PATH = '/hdjl/tj/';
/** Surveys (征集调查). */
export const SURVEYS_PATH = '/hdjl/zjdc/';
/** Folders whose every page the application serves: the static layer and nginx pass them on whole. */
export const APP_PAGE_FOLDERS = [INTERACTION_PATH] as const;
