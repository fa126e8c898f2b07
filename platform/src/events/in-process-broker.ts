import type { AnyEnvelope } from '@emporium/contracts/events/envelope';
import { BrokerUnavailableError } from './event-bus.js';

export type QueueSink = (envelope: AnyEnvelope) => Promise<void>;

export interface InProcessBroker {
  /**
   * Lets publishes through. The launcher calls it once every service in the
   * process has subscribed: until then a consumer's queue may not be known
   * yet, and an event published then would miss it.
   */
  open: () => void;
  /** A consumer's queue starts taking `type`; the returned function detaches it (the queue stays known). */
  attach: (queue: string, type: string, sink: QueueSink) => () => void;
  /** Resolves once every queue bound to the type has durably accepted the event. */
  publish: (envelope: AnyEnvelope) => Promise<void>;
  readonly isOpen: boolean;
}

/**
 * The embedded mode's broker: one per process, shared by every service in
 * it, routing each event to the queues bound to its type like a topic
 * exchange. It holds nothing itself. A queue is a consumer's durable store
 * (its inbox's pending rows), so `publish` resolves only when every bound
 * queue has written the event, and the relay marks the outbox row sent only
 * then. A queue whose consumer has detached (closing, or not restarted yet)
 * makes the publish fail: the event stays in the producer's outbox.
 */
export function createInProcessBroker(options: { openWaitMs?: number } = {}): InProcessBroker {
  const queues = new Map<string, { types: Set<string>; sink: QueueSink | undefined }>();
  let opened = false;
  let signalOpen: () => void = () => {};
  const openSignal = new Promise<void>((resolve) => {
    signalOpen = resolve;
  });

  async function whenOpen(): Promise<void> {
    if (opened) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new BrokerUnavailableError('in-process broker is not open yet')),
        options.openWaitMs ?? 1_000,
      );
    });
    try {
      await Promise.race([openSignal, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    get isOpen() {
      return opened;
    },
    open() {
      opened = true;
      signalOpen();
    },
    attach(queue, type, sink) {
      const entry = queues.get(queue) ?? { types: new Set<string>(), sink: undefined };
      if (entry.sink && entry.sink !== sink) throw new Error(`queue ${queue} already has a consumer`);
      entry.types.add(type);
      entry.sink = sink;
      queues.set(queue, entry);
      return () => {
        if (entry.sink === sink) entry.sink = undefined;
      };
    },
    async publish(envelope) {
      await whenOpen();
      const targets = [...queues.entries()].filter(([, entry]) => entry.types.has(envelope.type));
      const offline = targets.filter(([, entry]) => !entry.sink).map(([name]) => name);
      if (offline.length > 0) {
        throw new BrokerUnavailableError(`no consumer attached to ${offline.join(', ')}`);
      }
      await Promise.all(targets.map(([, entry]) => entry.sink!(envelope)));
    },
  };
}
