import { describe, expect, it } from 'vitest';
import { readEventStream, type StreamEvent } from './event-stream.js';

async function eventsOf(chunks: string[]): Promise<StreamEvent[]> {
  async function* body() {
    for (const chunk of chunks) yield new TextEncoder().encode(chunk);
  }
  const events: StreamEvent[] = [];
  for await (const event of readEventStream(body())) events.push(event);
  return events;
}

describe('readEventStream', () => {
  it('parses events split anywhere across chunks, skipping comments and retry lines', async () => {
    const events = await eventsOf([
      'retry: 2000\n\n: keep-alive\n\nevent: con',
      'fig\nid: 3\ndata: {"a":',
      '1}\r',
      '\n\r\ndata: first\ndata:second\n\n',
    ]);
    expect(events).toEqual([
      { event: 'config', id: '3', data: '{"a":1}' },
      { event: 'message', id: '3', data: 'first\nsecond' },
    ]);
  });

  it('reads a \\r\\n split across chunks as one line end', async () => {
    expect(await eventsOf(['data: a\r', '\ndata: b\r', 'data: c\n\n'])).toEqual([
      { event: 'message', id: undefined, data: 'a\nb\nc' },
    ]);
  });

  it('drops an event the stream cut before its blank line', async () => {
    expect(await eventsOf(['event: config\ndata: {"partial"'])).toEqual([]);
  });
});
