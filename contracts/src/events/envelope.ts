import { type Static, type TObject, Type } from 'typebox';
import { Compile } from 'typebox/compile';
import { uuidv7 } from 'uuidv7';
import type { EventDefinition } from './define-event.js';

/**
 * CloudEvents 1.0, JSON structured mode, with the extensions Emporium uses:
 * `dataversion` (the definition's integer version), `traceparent` /
 * `tracestate` (W3C trace context, so a trace crosses the broker) and
 * `aggregatesequence` (the event's position among its subject's events,
 * stamped by the producer's outbox).
 */
export const CloudEventEnvelope = Type.Object(
  {
    specversion: Type.Literal('1.0'),
    id: Type.String({ format: 'uuid' }),
    source: Type.String({ pattern: '^/emporium/[a-z][a-z-]*$' }),
    type: Type.String({ pattern: '^[a-z_]+\\.[a-z_]+$' }),
    time: Type.String({ format: 'date-time' }),
    subject: Type.String({ minLength: 1, maxLength: 256 }),
    datacontenttype: Type.Literal('application/json'),
    dataschema: Type.String({ pattern: '^urn:emporium:event:[a-z_]+\\.[a-z_]+:v[0-9]+$' }),
    dataversion: Type.Integer({ minimum: 1 }),
    traceparent: Type.Optional(
      Type.String({ pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$' }),
    ),
    tracestate: Type.Optional(Type.String({ maxLength: 512 })),
    aggregatesequence: Type.Optional(Type.Integer({ minimum: 1 })),
    data: Type.Unknown(),
  },
  { additionalProperties: false },
);

export type AnyEnvelope = Static<typeof CloudEventEnvelope>;

/** An envelope whose `data` has been checked against its definition. */
export type EventEnvelope<D extends EventDefinition = EventDefinition> = Omit<
  AnyEnvelope,
  'type' | 'data'
> & {
  type: D['type'];
  data: Static<D['payload']>;
};

export interface EnvelopeInput<D extends EventDefinition> {
  /** The aggregate the event is about (order id, sku, user id): the ordering key. */
  subject: string;
  data: Static<D['payload']>;
  traceparent?: string | undefined;
  tracestate?: string | undefined;
  /** Defaults to now; tests and replays may pin it. */
  time?: Date;
}

/** Thrown by `createEnvelope` when a producer builds a payload its own contract rejects. */
export class EventPayloadError extends Error {
  constructor(
    readonly eventType: string,
    readonly errors: string[],
  ) {
    super(`invalid ${eventType} payload: ${errors.join('; ')}`);
    this.name = 'EventPayloadError';
  }
}

const validators = new WeakMap<TObject, ReturnType<typeof Compile>>();

/** A compiled validator per schema, built on first use. */
export function validatorOf(schema: TObject): ReturnType<typeof Compile> {
  let validator = validators.get(schema);
  if (!validator) {
    validator = Compile(schema);
    validators.set(schema, validator);
  }
  return validator;
}

export function errorsOf(schema: TObject, value: unknown, prefix = ''): string[] {
  return validatorOf(schema)
    .Errors(value)
    .map((error) => `${prefix}${error.instancePath || '/'} ${error.message}`);
}

export function dataschemaOf(definition: EventDefinition): string {
  return `urn:emporium:event:${definition.type}:v${definition.version}`;
}

/** Wraps a payload in its envelope, refusing one that breaks the contract (a producer bug). */
export function createEnvelope<D extends EventDefinition>(
  definition: D,
  input: EnvelopeInput<D>,
): EventEnvelope<D> {
  if (!validatorOf(definition.payload).Check(input.data)) {
    throw new EventPayloadError(definition.type, errorsOf(definition.payload, input.data, 'data'));
  }
  return {
    specversion: '1.0',
    id: uuidv7(),
    source: `/emporium/${definition.producer}`,
    type: definition.type,
    time: (input.time ?? new Date()).toISOString(),
    subject: input.subject,
    datacontenttype: 'application/json',
    dataschema: dataschemaOf(definition),
    dataversion: definition.version,
    ...(input.traceparent ? { traceparent: input.traceparent } : {}),
    ...(input.tracestate ? { tracestate: input.tracestate } : {}),
    data: input.data,
  };
}
