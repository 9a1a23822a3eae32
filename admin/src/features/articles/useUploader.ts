import { useCallback } from 'react';
import { parseDocumentFile, uploadFile, type ParsedDocument, type UploadedFile } from '../../api/content.ts';
import { useSessionGuard } from '../../session/useSessionGuard.ts';

/**
 * Uploads with the session's CSRF token. The multipart helper cannot reach the session
 * hooks, so a 401 here asks the session layer to re-check (it signs out if the session is gone).
 */
export function useUploader(siteId: string | null) {
  const { csrfToken, guard } = useSessionGuard();

  const upload = useCallback(
    (file: File): Promise<UploadedFile> => {
      if (!siteId) return Promise.reject(new Error('no site'));
      return guard(() => uploadFile(siteId, file, csrfToken));
    },
    [siteId, csrfToken, guard],
  );

  const parseDocument = useCallback(
    (file: File): Promise<ParsedDocument> => guard(() => parseDocumentFile(file, csrfToken)),
    [csrfToken, guard],
  );

  return { upload, parseDocument };
}
