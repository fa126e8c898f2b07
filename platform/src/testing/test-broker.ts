/**
 * Test runs share one RabbitMQ under throwaway namespaces; their queues
 * delete themselves after this long unused, so the broker never piles up
 * thousands of abandoned queues (see `topologyOf`).
 */
export const testQueueExpiryMs = 15 * 60_000;

/** The settings that put a service under run's own throwaway event namespace. */
export function testEventSettings(namespace: string): Record<string, string> {
  return { EVENT_NAMESPACE: namespace, EVENT_QUEUE_EXPIRY_MS: String(testQueueExpiryMs) };
}
