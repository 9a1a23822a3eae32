/**
 * The idle clock's shared state. The server ends a session `idleTimeoutMinutes` after its last
 * request, so the client counts from the last successful API call ("server contact"). The time
 * is shared through localStorage so that several open tabs agree on one clock, and sign-in /
 * sign-out are announced to the other tabs.
 */
import { local } from '../lib/storage.ts';

const CONTACT_KEY = 'gongkai.admin.lastContact';
const EVENT_KEY = 'gongkai.admin.sessionEvent';

let lastContactHere = 0;

export function markServerContact(now: number = Date.now()): void {
  lastContactHere = now;
  local.set(CONTACT_KEY, String(now));
}

/** The latest server contact seen by this tab or any other tab (ms since epoch; 0 when none). */
export function lastServerContact(): number {
  const shared = Number(local.get(CONTACT_KEY));
  return Math.max(lastContactHere, Number.isFinite(shared) ? shared : 0);
}

export type SessionEvent = { type: 'login' } | { type: 'logout'; notice: string | null };

export function broadcastSessionEvent(event: SessionEvent): void {
  // A unique timestamp makes every event a change, so the other tabs always see it.
  local.set(EVENT_KEY, JSON.stringify({ ...event, at: Date.now() }));
}

/** Calls `listener` for events broadcast by other tabs; returns the unsubscribe function. */
export function onSessionEvent(listener: (event: SessionEvent) => void): () => void {
  const handler = (e: StorageEvent) => {
    if (e.key !== EVENT_KEY || !e.newValue) return;
    try {
      const parsed = JSON.parse(e.newValue) as { type?: unknown; notice?: unknown };
      if (parsed.type === 'login') listener({ type: 'login' });
      else if (parsed.type === 'logout') listener({ type: 'logout', notice: typeof parsed.notice === 'string' ? parsed.notice : null });
    } catch {
      // Not ours or corrupted: ignore.
    }
  };
  window.addEventListener('storage', handler);
  return () => window.removeEventListener('storage', handler);
}
