import { TaskCancelledError } from 'cockatiel';
import type { Dispatcher } from 'undici';
import { describe, expect, it, vi } from 'vitest';
import { answerWithin } from './answer-within.js';

function answerAfter(ms: number) {
  const dump = vi.fn(async () => {});
  const response = { statusCode: 200, body: { dump } } as unknown as Dispatcher.ResponseData;
  const pending = new Promise<Dispatcher.ResponseData>((resolve) => setTimeout(() => resolve(response), ms));
  return { pending, response, dump };
}

describe('the route timeout of a proxied call', () => {
  it('passes an answer that comes in time, untouched', async () => {
    const { pending, response, dump } = answerAfter(5);
    await expect(answerWithin(pending, 1_000)).resolves.toBe(response);
    expect(dump).not.toHaveBeenCalled();
  });

  it('fails a slow call with a TaskCancelledError (a 504, counted by the breaker), then drains the late answer', async () => {
    const { pending, dump } = answerAfter(60);
    await expect(answerWithin(pending, 10)).rejects.toBeInstanceOf(TaskCancelledError);
    await pending;
    await new Promise((resolve) => setImmediate(resolve));
    expect(dump).toHaveBeenCalledOnce();
  });

  it("passes the call's own failure through when it comes first", async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    await expect(answerWithin(Promise.reject(refused), 1_000)).rejects.toBe(refused);
  });
});
