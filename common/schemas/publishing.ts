/** Publication of a site's public pages, as the API reports it (shared by server and admin). */

export const BUILD_STATUSES = ['none', 'running', 'done', 'failed'] as const;
export type BuildStatus = (typeof BUILD_STATUSES)[number];
export const BUILD_STATUS_LABELS: Record<BuildStatus, string> = {
  none: '尚未发布',
  running: '正在发布',
  done: '已发布',
  failed: '发布失败',
};

/** GET/POST /api/sites/:siteId/publication. */
export interface SitePublication {
  siteId: string;
  status: BuildStatus;
  startedAt: string | null;
  finishedAt: string | null;
  pages: number;
  /** Why the latest full build failed (for administrators). */
  error: string | null;
  /** A full rebuild is queued. */
  queued: boolean;
  /** Where the published site can be previewed on this platform, or null before a first publication. */
  previewPath: string | null;
}
