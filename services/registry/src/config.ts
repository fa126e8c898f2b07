import { commonSettings, databaseSettings } from '@emporium/platform/config/common';
import { Type } from 'typebox';

export const RegistryConfig = Type.Object(
  {
    ...commonSettings,
    ...databaseSettings,
    port: Type.Integer({ minimum: 0, maximum: 65535, default: 8081 }),
    /** Lease granted when a registration asks for none; instances heartbeat every third of it. */
    defaultLeaseSeconds: Type.Integer({ minimum: 1, maximum: 300, default: 10 }),
    /** How often instances whose lease ran out are removed. */
    sweepIntervalMs: Type.Integer({ minimum: 50, maximum: 60_000, default: 1_000 }),
    /** How often each instance's `/health/ready` is checked; 0 turns checking off (instances register as up). */
    healthCheckIntervalMs: Type.Integer({ minimum: 0, maximum: 300_000, default: 2_000 }),
    healthCheckTimeoutMs: Type.Integer({ minimum: 50, maximum: 30_000, default: 1_000 }),
    /** Consecutive failed checks that mark an instance down; one success brings it back up. */
    healthCheckFailures: Type.Integer({ minimum: 1, maximum: 100, default: 3 }),
  },
  { additionalProperties: false },
);
