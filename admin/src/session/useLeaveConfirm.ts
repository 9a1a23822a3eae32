import { App } from 'antd';
import { useEffect, useRef, type RefObject } from 'react';
import { useBlocker } from 'react-router';
import { useUnsavedChanges } from './useUnsavedChanges.ts';

/**
 * An editor's guard against losing unsaved changes: while `dirty`, leaving the screen inside the
 * admin asks first (saying `what` would be lost), and so do reloading and the idle timeout
 * (useUnsavedChanges). Set the returned ref just before navigating away after a save or a
 * delete, so the guard lets that navigation through.
 */
export function useLeaveConfirm(dirty: boolean, what: string): RefObject<boolean> {
  const { modal } = App.useApp();
  const leaving = useRef(false);
  useUnsavedChanges(dirty);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => dirty && !leaving.current && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    modal.confirm({
      title: '离开此页？',
      content: `${what}尚未保存，离开将丢失这些修改。`,
      okText: '离开',
      okButtonProps: { danger: true },
      cancelText: '继续编辑',
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
  }, [blocker, modal, what]);
  return leaving;
}
