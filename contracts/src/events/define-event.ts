import type { Static, TObject } from 'typebox';

/** The services that produce or consume events; a queue is named `<consumer>.<event type>`. */
export type ServiceName =
  | 'gateway'
  | 'registry'
  | 'config'
  | 'user'
  | 'product'
  | 'search'
  | 'inventory'
  | 'order'
  | 'payment'
  | 'recommendation'
  | 'notification'
  | 'analytics';

/**
 * One event, defined once: its CloudEvents `type` (`<entity>.<past-verb>`),
 * an integer version (any change to the payload is a new version), the one
 * service that produces it, the services that consume it (the broker keeps a
 * queue for each even before that consumer first starts), and its payload.
 */
export interface EventDefinition<Type extends string = string, Payload extends TObject = TObject> {
  readonly type: Type;
  readonly version: number;
  readonly producer: ServiceName;
  readonly consumers: readonly ServiceName[];
  readonly payload: Payload;
  readonly description: string;
}

export type PayloadOf<D extends EventDefinition> = Static<D['payload']>;

const eventTypePattern = /^[a-z]+(_[a-z]+)*\.[a-z]+(_[a-z]+)*$/;

export function defineEvent<const Type extends string, Payload extends TObject>(
  definition: EventDefinition<Type, Payload>,
): EventDefinition<Type, Payload> {
  if (!eventTypePattern.test(definition.type)) {
    throw new Error(`event type "${definition.type}" must be <entity>.<past_verb> in snake_case`);
  }
  if (!Number.isInteger(definition.version) || definition.version < 1) {
    throw new Error(`event "${definition.type}" needs an integer version of at least 1`);
  }
  if ((definition.payload as { additionalProperties?: unknown }).additionalProperties !== false) {
    throw new Error(`event "${definition.type}" payload must set additionalProperties: false`);
  }
  return Object.freeze({ ...definition, consumers: Object.freeze([...definition.consumers]) });
}
