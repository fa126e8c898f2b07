import type { EventDefinition } from './define-event.js';
import {
  type AnyEnvelope,
  CloudEventEnvelope,
  type EventEnvelope,
  errorsOf,
  validatorOf,
} from './envelope.js';

export type ParseResult<T> = { ok: true; envelope: T } | { ok: false; errors: string[] };

/** JSON text or bytes (as a broker hands them over) or an already parsed object. */
export type RawEvent = string | Uint8Array | object;

/** Checks the envelope alone: enough to route, log and dead-letter a message. */
export function parseAnyEnvelope(raw: RawEvent): ParseResult<AnyEnvelope> {
  let value: unknown = raw;
  if (typeof raw === 'string' || raw instanceof Uint8Array) {
    try {
      value = JSON.parse(typeof raw === 'string' ? raw : Buffer.from(raw).toString('utf8'));
    } catch (error) {
      return { ok: false, errors: [`not JSON: ${(error as Error).message}`] };
    }
  }
  if (!validatorOf(CloudEventEnvelope).Check(value)) {
    return { ok: false, errors: errorsOf(CloudEventEnvelope, value) };
  }
  return { ok: true, envelope: value as AnyEnvelope };
}

/**
 * What a consumer does with every message it receives: the envelope must be
 * CloudEvents, of the definition's type and version, and its data must match
 * the payload schema. A failure is poison (dead-lettered, never retried).
 */
export function parseEnvelope<D extends EventDefinition>(
  definition: D,
  raw: RawEvent,
): ParseResult<EventEnvelope<D>> {
  return parseEnvelopeOf([definition], raw);
}

/** `parseEnvelope` for a consumer that takes several event types on one handler. */
export function parseEnvelopeOf<D extends EventDefinition>(
  definitions: readonly D[],
  raw: RawEvent,
): ParseResult<EventEnvelope<D>> {
  const parsed = parseAnyEnvelope(raw);
  if (!parsed.ok) return parsed;
  const envelope = parsed.envelope;
  const definition = definitions.find((d) => d.type === envelope.type);
  if (!definition) {
    const expected = definitions.map((d) => d.type).join(', ');
    return { ok: false, errors: [`type ${envelope.type} is not one of ${expected}`] };
  }
  if (envelope.dataversion !== definition.version) {
    return {
      ok: false,
      errors: [`${envelope.type} version ${envelope.dataversion} is not the supported ${definition.version}`],
    };
  }
  if (!validatorOf(definition.payload).Check(envelope.data)) {
    return { ok: false, errors: errorsOf(definition.payload, envelope.data, 'data') };
  }
  return { ok: true, envelope: envelope as EventEnvelope<D> };
}
