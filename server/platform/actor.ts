/**
 * Who is acting, from where. Every command takes an actor explicitly; system jobs act as a
 * named system actor, never as "nobody".
 */

export interface Grant {
  role: string;
  /** '*' for platform-wide, otherwise a site id. */
  scope: string;
}

export interface Origin {
  requestId: string | null;
  ip: string | null;
}

export interface Actor {
  type: 'user' | 'system' | 'anonymous';
  id: string | null;
  /** Login name (user) or `system:…`: what the audit log records. */
  name: string;
  /** The person's name as colleagues know it, for records people read (review history, review sheets). */
  displayName?: string;
  grants: readonly Grant[];
  origin: Origin;
}

const noOrigin: Origin = { requestId: null, ip: null };

/** The name to show people: the display name when there is one. */
export function actorLabel(actor: Actor): string {
  return actor.displayName ?? actor.name;
}

/** A named system actor (CLI operator, scheduler, demo seeding) with platform-wide grants. */
export function systemActor(name: string, grants: readonly Grant[] = [{ role: 'system', scope: '*' }]): Actor {
  return { type: 'system', id: null, name: `system:${name}`, grants, origin: noOrigin };
}

export function anonymousActor(origin: Origin = noOrigin): Actor {
  return { type: 'anonymous', id: null, name: 'anonymous', grants: [], origin };
}
