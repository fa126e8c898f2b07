/** Why stock changed: one word per kind of change, recorded on every movement. */
export const movementReasons = [
  'set',
  'adjust',
  'receive',
  'reserve',
  'release',
  'commit',
  'expire',
] as const;
export type MovementReason = (typeof movementReasons)[number];

/** The same reason, as `inventory.updated` words it (an expiry is a release to its consumers). */
export const updatedReasonOf = {
  set: 'set',
  adjust: 'adjusted',
  receive: 'received',
  reserve: 'reserved',
  release: 'released',
  commit: 'committed',
  expire: 'released',
} as const satisfies Record<MovementReason, string>;

/** Who made a change when no person or key did: the sweeper, event consumers. */
export const systemActor = 'system';
