import { useEffect } from 'react';

export const PLATFORM_NAME = '公开 · 政府网站集约化平台';

/** Sets the browser tab title to `<page> - <platform>` while the screen is shown. */
export function useDocumentTitle(page: string | null): void {
  useEffect(() => {
    document.title = page ? `${page} - ${PLATFORM_NAME}` : PLATFORM_NAME;
  }, [page]);
}
