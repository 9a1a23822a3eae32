import { Button, Modal, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { lastServerContact } from './activity.ts';
import { IDLE_TIMEOUT_NOTICE, idlePhase, keepAliveIntervalMs } from './idle.ts';
import { useSession } from './useSession.ts';

const ACTIVITY_EVENTS = ['mousedown', 'mousemove', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;

/**
 * Signs the user out after `idleTimeoutMinutes` without server contact. While the user is
 * active, the server session is refreshed (at most once a minute); one minute before the end a
 * warning offers to continue.
 */
export function IdleWatcher({ idleTimeoutMinutes }: { idleTimeoutMinutes: number }) {
  const { refresh, signOut, hasUnsavedChanges } = useSession();
  const idleMs = Math.max(1, idleTimeoutMinutes) * 60_000;
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  const [continuing, setContinuing] = useState(false);
  const warningShown = useRef(false);
  const keepAliveInFlight = useRef(false);
  const signingOut = useRef(false);

  // The clock: checked every second and whenever the tab becomes visible again.
  useEffect(() => {
    const check = () => {
      if (signingOut.current) return;
      const state = idlePhase(Date.now(), lastServerContact(), idleMs);
      if (state.phase === 'expired') {
        signingOut.current = true;
        warningShown.current = false;
        setSecondsLeft(null);
        void signOut(IDLE_TIMEOUT_NOTICE);
      } else if (state.phase === 'warning') {
        warningShown.current = true;
        setSecondsLeft(state.secondsLeft);
      } else if (warningShown.current) {
        // Another tab (or a request) kept the session alive.
        warningShown.current = false;
        setSecondsLeft(null);
      }
    };
    const timer = window.setInterval(check, 1000);
    const onVisibility = () => {
      if (document.visibilityState === 'visible') check();
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [idleMs, signOut]);

  // Activity keeps the server session alive, except while the warning asks for a decision.
  useEffect(() => {
    const interval = keepAliveIntervalMs(idleMs);
    let lastHandled = 0;
    const onActivity = () => {
      const now = Date.now();
      if (now - lastHandled < 1000) return;
      lastHandled = now;
      if (warningShown.current || keepAliveInFlight.current || signingOut.current) return;
      if (now - lastServerContact() < interval) return;
      keepAliveInFlight.current = true;
      refresh()
        .catch(() => undefined)
        .finally(() => {
          keepAliveInFlight.current = false;
        });
    };
    for (const type of ACTIVITY_EVENTS) window.addEventListener(type, onActivity, { capture: true, passive: true });
    return () => {
      for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, onActivity, { capture: true });
    };
  }, [idleMs, refresh]);

  const onContinue = async () => {
    setContinuing(true);
    try {
      const user = await refresh({ lostNotice: IDLE_TIMEOUT_NOTICE });
      if (user) {
        warningShown.current = false;
        setSecondsLeft(null);
      }
    } catch {
      // Network trouble: the warning stays and the user may try again.
    } finally {
      setContinuing(false);
    }
  };

  const onSignOutNow = () => {
    signingOut.current = true;
    warningShown.current = false;
    setSecondsLeft(null);
    void signOut();
  };

  return (
    <Modal
      open={secondsLeft !== null}
      title="登录即将超时"
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      footer={[
        <Button key="logout" onClick={onSignOutNow}>
          退出登录
        </Button>,
        <Button key="continue" type="primary" loading={continuing} onClick={() => void onContinue()} autoFocus>
          继续使用
        </Button>,
      ]}
    >
      <Typography.Paragraph>{`您已较长时间未操作，将在 ${secondsLeft ?? 0} 秒后退出登录。`}</Typography.Paragraph>
      {hasUnsavedChanges && (
        <Typography.Paragraph type="danger" strong>
          当前页面有未保存的内容，退出登录后这些内容将会丢失。请点击“继续使用”后及时保存。
        </Typography.Paragraph>
      )}
    </Modal>
  );
}
