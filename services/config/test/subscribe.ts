import { readEventStream } from '@emporium/platform/config/event-stream';

export interface Subscription {
  /** Documents received so far, in order. */
  documents: Array<{ version: number; runtime: Record<string, unknown>; receivedAt: number }>;
  close: () => void;
}

/** Follows a config event stream the way a running instance would, recording what arrives. */
export async function subscribe(baseUrl: string, service: string, profile: string): Promise<Subscription> {
  const abort = new AbortController();
  const response = await fetch(`${baseUrl}/api/v1/config/${service}/${profile}/events`, {
    headers: { accept: 'text/event-stream' },
    signal: abort.signal,
  });
  if (response.status !== 200 || !response.body) throw new Error(`events answered ${response.status}`);
  const subscription: Subscription = { documents: [], close: () => abort.abort() };
  void (async () => {
    try {
      for await (const event of readEventStream(response.body!)) {
        if (event.event === 'config')
          subscription.documents.push({ ...JSON.parse(event.data), receivedAt: Date.now() });
      }
    } catch {
      // aborted
    }
  })();
  return subscription;
}
