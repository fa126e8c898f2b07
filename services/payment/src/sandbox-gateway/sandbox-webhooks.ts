import { createHmac } from 'node:crypto';
import type { Logger } from '@emporium/platform/log/logger';
import { type DeliverySimulation, type SandboxEvent, type SandboxState, unixNow } from './sandbox-state.js';

/** `Sandbox-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, as Stripe signs. */
export function signSandboxPayload(body: string, secret: string, timestamp = unixNow()): string {
  const signature = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${signature}`;
}

export interface WebhookSenderSettings {
  state: SandboxState;
  secret: string;
  /** Where webhooks go: the payment service's `POST /api/v1/payments/webhooks/sandbox`. */
  target: () => string;
  logger: Logger;
  /** Waits before each retry of a delivery that failed; the number of retries is its length. */
  retryDelaysMs: number[];
}

/**
 * Delivers the sandbox's webhooks like a gateway does: signed, retried with
 * backoff until the receiver answers 2xx, and, when a token asked for it,
 * twice at once, in reverse order, or not at all.
 */
export function createWebhookSender(settings: WebhookSenderSettings) {
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  async function deliverOnce(event: SandboxEvent): Promise<number | 'error'> {
    const body = JSON.stringify(event);
    let status: number | 'error';
    try {
      const response = await fetch(settings.target(), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'sandbox-signature': signSandboxPayload(body, settings.secret),
        },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      await response.arrayBuffer();
      status = response.status;
    } catch {
      status = 'error';
    }
    settings.state.events.get(event.id)?.deliveries.push({ status, at: new Date().toISOString() });
    settings.logger.debug({ eventId: event.id, eventType: event.type, status }, 'sandbox webhook delivered');
    return status;
  }

  async function deliver(event: SandboxEvent): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      if (closed) return;
      const status = await deliverOnce(event);
      if (typeof status === 'number' && status >= 200 && status < 300) return;
      const delay = settings.retryDelaysMs[attempt];
      if (delay === undefined) {
        settings.logger.warn({ eventId: event.id, eventType: event.type, status }, 'sandbox webhook gave up');
        return;
      }
      await sleep(delay);
    }
  }

  return {
    /** Sends one outcome's events, one after the other, shaped by the token's simulation. */
    async send(events: SandboxEvent[], simulate: DeliverySimulation): Promise<void> {
      if (simulate.drop) return;
      const ordered = simulate.reverse ? [...events].reverse() : events;
      for (const event of ordered) {
        await (simulate.duplicate ? Promise.all([deliver(event), deliver(event)]) : deliver(event));
      }
    },
    /** Sends the events after `delayMs`, in the background, as a gateway does once it decided. */
    later(delayMs: number, work: () => Promise<void>): void {
      if (closed) return;
      const timer = setTimeout(() => {
        timers.delete(timer);
        work().catch((error: unknown) =>
          settings.logger.warn({ err: error }, 'sandbox background work failed'),
        );
      }, delayMs);
      timers.add(timer);
    },
    /** A test asks for one more delivery of an event already sent. */
    redeliver: (event: SandboxEvent) => deliverOnce(event),
    close(): void {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}

export type WebhookSender = ReturnType<typeof createWebhookSender>;
