import { useEffect, useId } from 'react';
import { useSession } from './useSession.ts';

/**
 * Declares that the calling screen has unsaved changes while `dirty` is true: the idle-timeout
 * warning then says the content will be lost, and leaving or reloading the page asks first.
 */
export function useUnsavedChanges(dirty: boolean): void {
  const id = useId();
  const { registerUnsaved } = useSession();

  useEffect(() => {
    registerUnsaved(id, dirty);
    return () => registerUnsaved(id, false);
  }, [id, dirty, registerUnsaved]);

  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // Older Chromium-based browsers (still common in government offices) only ask when
      // returnValue is set; the property is deprecated, hence the cast.
      (e as { returnValue: unknown }).returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);
}
