import { Type } from 'typebox';
import { expiresAtOf } from '../domain/lease.js';

export const ServiceName = Type.String({ minLength: 1, maxLength: 63, pattern: '^[a-z][a-z0-9-]*$' });
export const InstanceId = Type.String({ format: 'uuid' });

const InstanceUrl = Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2048 });
const Status = Type.Union([Type.Literal('starting'), Type.Literal('up'), Type.Literal('down')]);

/** Free-form labels clients may filter on: version, zone, ... */
export const Metadata = Type.Record(
  Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_.-]{0,63}$' }),
  Type.Union([Type.String({ maxLength: 256 }), Type.Number(), Type.Boolean()]),
  { maxProperties: 32, additionalProperties: false },
);

export const RegisterBody = Type.Object(
  {
    service: ServiceName,
    url: InstanceUrl,
    metadata: Type.Optional(Metadata),
    leaseSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 300 })),
  },
  { additionalProperties: false },
);

export const Registered = Type.Object(
  { id: InstanceId, leaseSeconds: Type.Integer(), heartbeatIntervalSeconds: Type.Number() },
  { additionalProperties: false },
);

export const InstanceView = Type.Object(
  {
    id: InstanceId,
    service: ServiceName,
    url: Type.String(),
    status: Status,
    metadata: Metadata,
    registeredAt: Type.String({ format: 'date-time' }),
    lastHeartbeatAt: Type.String({ format: 'date-time' }),
    leaseSeconds: Type.Integer(),
    expiresAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);

/** The admin view adds what the health checker last saw. */
export const InstanceDetail = Type.Object(
  {
    ...InstanceView.properties,
    lastCheckAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    lastCheckError: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);

export const ServiceSummary = Type.Object(
  { name: ServiceName, up: Type.Integer(), total: Type.Integer() },
  { additionalProperties: false },
);

interface InstanceRow {
  id: string;
  service: string;
  url: string;
  status: 'starting' | 'up' | 'down';
  metadata: Record<string, string | number | boolean>;
  registeredAt: Date;
  lastHeartbeatAt: Date;
  leaseSeconds: number;
  lastCheckAt: Date | null;
  lastCheckError: string | null;
}

/** `since`: the lease clock (domain/lease-clock.ts), so `expiresAt` is what the registry enforces. */
export function instanceView(row: InstanceRow, since: Date) {
  return {
    id: row.id,
    service: row.service,
    url: row.url,
    status: row.status,
    metadata: row.metadata,
    registeredAt: row.registeredAt.toISOString(),
    lastHeartbeatAt: row.lastHeartbeatAt.toISOString(),
    leaseSeconds: row.leaseSeconds,
    expiresAt: expiresAtOf(row, since).toISOString(),
  };
}

export function instanceDetail(row: InstanceRow, since: Date) {
  return {
    ...instanceView(row, since),
    lastCheckAt: row.lastCheckAt?.toISOString() ?? null,
    lastCheckError: row.lastCheckError,
  };
}
