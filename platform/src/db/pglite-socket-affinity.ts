import type { PGlite } from '@electric-sql/pglite';
import type { PGLiteSocketServer } from '@electric-sql/pglite-socket';

interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
  onData: (data: Uint8Array) => void;
}

interface QueryQueueInternals {
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  db: PGlite;
  processQueue: () => Promise<void>;
  clearQueueForHandler: (handlerId: number) => void;
}

/** Parse, Bind, Describe, Execute, Close, Flush: messages of an extended query that a Sync will end. */
const extendedQueryMessages = new Set([0x50, 0x42, 0x44, 0x45, 0x43, 0x48]);

/**
 * PGlite is one backend session shared by every socket connection. The
 * socket server's queue keeps a connection's messages together inside a
 * transaction, but not within one extended query (Parse, Bind, …, Sync sent
 * as separate messages): two connections running parameterised statements at
 * once could bind one's parameters to the other's statement ("bind message
 * supplies 1 parameters, but prepared statement requires 2"). This replaces
 * the queue's scheduler with one that also keeps a connection's turn from
 * its first extended-query message to its Sync, and that keeps going after a
 * failed message (the original stopped the queue for good).
 */
export function keepExtendedQueriesTogether(server: PGLiteSocketServer): void {
  const queue = (server as unknown as { queryQueue: QueryQueueInternals }).queryQueue;
  let midExtendedQuery = false;

  const clear = queue.clearQueueForHandler.bind(queue);
  queue.clearQueueForHandler = (handlerId) => {
    if (queue.lastHandlerId === handlerId) midExtendedQuery = false;
    clear(handlerId);
  };

  queue.processQueue = async () => {
    if (queue.processing || queue.queue.length === 0) return;
    queue.processing = true;
    try {
      while (queue.queue.length > 0) {
        const sticky = queue.lastHandlerId !== null && (midExtendedQuery || queue.db.isInTransaction());
        const index = sticky ? queue.queue.findIndex((m) => m.handlerId === queue.lastHandlerId) : 0;
        // The connection whose turn it is has not sent its next message yet: its enqueue restarts us.
        if (index === -1) break;
        const item = queue.queue.splice(index, 1)[0]!;
        let bytes = 0;
        try {
          await queue.db.runExclusive(() =>
            queue.db.execProtocolRawStream(item.message, {
              onRawData: (data) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
        } catch (error) {
          midExtendedQuery = false;
          item.reject(error);
          continue;
        }
        midExtendedQuery = extendedQueryMessages.has(item.message[0] ?? 0);
        queue.lastHandlerId = item.handlerId;
        item.resolve(bytes);
      }
    } finally {
      queue.processing = false;
    }
  };
}
