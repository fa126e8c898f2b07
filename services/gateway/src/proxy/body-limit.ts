import type { IncomingMessage } from 'node:http';
import { type Readable, Transform } from 'node:stream';

/** A streamed request body grew past its limit; the upstream call is aborted. */
export class BodyTooLarge extends Error {
  constructor(readonly limitBytes: number) {
    super(`the body is larger than ${limitBytes} bytes`);
  }
}

/** True for `BodyTooLarge`, also when the HTTP client wrapped it. */
export function isBodyTooLarge(error: unknown): error is BodyTooLarge {
  return (
    error instanceof BodyTooLarge || (error as { cause?: unknown } | null)?.cause instanceof BodyTooLarge
  );
}

/** The body declares a length over the limit: refused before anything is sent upstream. */
export function declaresTooMuch(raw: IncomingMessage, limitBytes: number): boolean {
  const declared = raw.headers['content-length'];
  return declared !== undefined && Number(declared) > limitBytes;
}

/**
 * The request body to send upstream, within `limitBytes`: a declared length
 * within it is enforced by Node's parser; a chunked body is counted as it
 * streams and cut off once over the limit (`BodyTooLarge`). Bodies stay
 * streams: the gateway never holds a whole upload in memory.
 */
export function bodyWithin(raw: IncomingMessage, limitBytes: number): Readable {
  if (raw.headers['content-length'] !== undefined) return raw;
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      done(seen > limitBytes ? new BodyTooLarge(limitBytes) : null, chunk);
    },
  });
  raw.on('error', (error) => counter.destroy(error));
  return raw.pipe(counter);
}
