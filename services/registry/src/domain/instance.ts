export const instanceStatuses = ['starting', 'up', 'down'] as const;

/**
 * `starting`: registered, not yet seen healthy. `up`: its `/health/ready`
 * answered 200 (or checking is off). `down`: N checks in a row failed; it
 * stays registered while it heartbeats, and one good check brings it back.
 */
export type InstanceStatus = (typeof instanceStatuses)[number];

export type InstanceMetadata = Record<string, string | number | boolean>;

export interface Instance {
  id: string;
  service: string;
  url: string;
  metadata: InstanceMetadata;
  status: InstanceStatus;
  registeredAt: Date;
  lastHeartbeatAt: Date;
  leaseSeconds: number;
  lastCheckAt: Date | null;
  lastCheckError: string | null;
}
