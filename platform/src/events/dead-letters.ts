/** A message a consumer gave up on, wherever it is kept (a `.dlq` queue or the service's table). */
export interface DeadLetter {
  id: string;
  queue: string;
  eventId: string | null;
  eventType: string | null;
  reason: 'poison' | 'exhausted';
  error: string;
  attempts: number;
  deadAt: string;
  /** The message as received: the parsed JSON, or the raw text when it was not JSON. */
  payload: unknown;
}

export interface DeadLetterPage {
  items: DeadLetter[];
  nextCursor: string | null;
}

/** List, inspect and replay dead letters: one interface over RabbitMQ's `.dlq` queues and the embedded table. */
export interface DeadLetters {
  list: (query: {
    queue?: string | undefined;
    limit: number;
    cursor?: string | undefined;
  }) => Promise<DeadLetterPage>;
  get: (id: string) => Promise<DeadLetter | undefined>;
  /** Sends the message back to its queue with a fresh attempt count; false when there is no such dead letter. */
  replay: (id: string) => Promise<boolean>;
  replayAll: (query: { queue?: string | undefined }) => Promise<number>;
  /** Dead letters waiting per queue (metrics). */
  depth: () => Promise<Array<{ queue: string; count: number }>>;
}

export function payloadOf(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export const encodeCursor = (value: string): string => Buffer.from(value, 'utf8').toString('base64url');
export const decodeCursor = (cursor: string | undefined): string | undefined =>
  cursor ? Buffer.from(cursor, 'base64url').toString('utf8') : undefined;
