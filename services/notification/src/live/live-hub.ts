import type { Principal } from '@emporium/platform/auth/principal';

/** What a live socket receives: the event's type and id (for de-duplication) and a small, safe view of it. */
export interface LiveMessage {
  type: string;
  eventId: string;
  data: Record<string, unknown>;
}

export interface LiveSocket {
  send: (data: string) => void;
  readyState: number;
}

export interface LiveHub {
  /** Registers an open socket for the principal; returns its unregistration. */
  join: (principal: Principal, socket: LiveSocket) => () => void;
  toUser: (userId: string, message: LiveMessage) => number;
  toStaff: (message: LiveMessage) => number;
  connections: () => number;
}

const open = 1;

/** Who sees stock alerts: holders of `notifications:read:any` or the admin role. */
export const isStaff = (principal: Principal): boolean =>
  principal.roles.includes('admin') || principal.permissions.includes('notifications:read:any');

/**
 * In-memory fan-out to the WebSocket clients of THIS instance. Events are
 * consumed once per service (competing consumers); with several replicas,
 * `redis-broadcast.ts` in front of this hub carries each message to all of them.
 */
export function createLiveHub(isOn: () => boolean = () => true): LiveHub {
  const byUser = new Map<string, Set<LiveSocket>>();
  const staff = new Set<LiveSocket>();
  const deliver = (sockets: Iterable<LiveSocket>, message: LiveMessage) => {
    if (!isOn()) return 0;
    const text = JSON.stringify(message);
    let sent = 0;
    for (const socket of sockets) {
      if (socket.readyState !== open) continue;
      socket.send(text);
      sent += 1;
    }
    return sent;
  };
  return {
    join(principal, socket) {
      const own = byUser.get(principal.subject) ?? new Set<LiveSocket>();
      own.add(socket);
      byUser.set(principal.subject, own);
      const seesAlerts = isStaff(principal);
      if (seesAlerts) staff.add(socket);
      return () => {
        own.delete(socket);
        if (own.size === 0) byUser.delete(principal.subject);
        staff.delete(socket);
      };
    },
    toUser: (userId, message) => deliver(byUser.get(userId) ?? [], message),
    toStaff: (message) => deliver(staff, message),
    connections: () => [...byUser.values()].reduce((sum, sockets) => sum + sockets.size, 0),
  };
}
