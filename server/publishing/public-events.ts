/**
 * In-process notice that a site's public files changed, for whatever keeps them in memory (the
 * embedded server's cache). Writers in other processes are caught by the cache's own checks.
 */
import { EventEmitter } from 'node:events';

const events = new EventEmitter();
events.setMaxListeners(0);

export function notifyPublicFilesChanged(siteCode: string): void {
  events.emit('changed', siteCode);
}

/** Subscribes; returns the unsubscribe function. */
export function onPublicFilesChanged(listener: (siteCode: string) => void): () => void {
  events.on('changed', listener);
  return () => {
    events.off('changed', listener);
  };
}
