import { useCallback } from 'react';
import { importServiceItems, uploadGuideFile, type ImportReport, type UploadedFile } from '../../api/guides.ts';
import { useSessionGuard } from '../../session/useSessionGuard.ts';

/**
 * The guides room's multipart calls with the session's CSRF token. The multipart helper cannot
 * reach the session hooks, so a 401 here asks the session layer to re-check (it signs out if
 * the session is gone).
 */
export function useGuideUpload(siteId: string | null) {
  const { csrfToken, guard } = useSessionGuard();

  const uploadFile = useCallback(
    (file: File): Promise<UploadedFile> =>
      siteId ? guard(() => uploadGuideFile(siteId, file, csrfToken)) : Promise.reject(new Error('no site')),
    [siteId, csrfToken, guard],
  );

  const importFile = useCallback(
    (file: File, orgId: string): Promise<ImportReport> =>
      siteId ? guard(() => importServiceItems(siteId, file, orgId, csrfToken)) : Promise.reject(new Error('no site')),
    [siteId, csrfToken, guard],
  );

  return { uploadFile, importFile };
}
