import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticLocator } from '../discovery/static-locator.js';
import { UpstreamStatusError } from '../resilience/upstream-policy.js';
import { createApiKeyVerifier } from './api-key-verifier.js';

/**
 * An HTTP endpoint speaking the user service's introspection contract
 * (`POST /internal/api-keys/introspect` → 200 principal | 401), counting the
 * calls, so the verifier's caching can be observed from the outside.
 */
let calls = 0;
let answer: 'normal' | 'down' = 'normal';
const server = createServer((request, response) => {
  let body = '';
  request.on('data', (chunk) => {
    body += chunk;
  });
  request.on('end', () => {
    calls += 1;
    if (answer === 'down') return response.writeHead(503).end();
    const { key } = JSON.parse(body) as { key: string };
    if (request.url !== '/internal/api-keys/introspect' || key !== 'good-key') {
      return response
        .writeHead(401, { 'content-type': 'application/problem+json' })
        .end('{"code":"INVALID_API_KEY"}');
    }
    setTimeout(() => {
      response.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          kind: 'api-key',
          subject: 'key-1',
          roles: ['admin'],
          permissions: ['inventory:read'],
        }),
      );
    }, 20);
  });
});
let locator: ReturnType<typeof createStaticLocator>;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  locator = createStaticLocator(
    new Map([['user', [`http://127.0.0.1:${(server.address() as AddressInfo).port}`]]]),
  );
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('api key verifier', () => {
  it('asks the user service once per key while the answer is cached, sharing concurrent checks', async () => {
    calls = 0;
    const verify = createApiKeyVerifier({ caller: 'test', locator, positiveTtlMs: 200 });
    const principals = await Promise.all([verify('good-key'), verify('good-key'), verify('good-key')]);
    expect(calls).toBe(1);
    // Roles never travel with a key: only its scopes do.
    expect(principals[0]).toEqual({
      kind: 'api-key',
      subject: 'key-1',
      roles: [],
      permissions: ['inventory:read'],
    });
    await verify('good-key');
    expect(calls).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 250));
    await verify('good-key');
    expect(calls).toBe(2);
  });

  it('refuses unknown keys with UNAUTHENTICATED, remembering the refusal briefly', async () => {
    calls = 0;
    const verify = createApiKeyVerifier({ caller: 'test', locator, negativeTtlMs: 100 });
    await expect(verify('bad-key')).rejects.toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    await expect(verify('bad-key')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(calls).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 150));
    await expect(verify('bad-key')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(calls).toBe(2);
  });

  it('fails as a dependency failure, never as an accept, when the user service is down', async () => {
    answer = 'down';
    try {
      const verify = createApiKeyVerifier({ caller: 'test', locator });
      await expect(verify('good-key')).rejects.toBeInstanceOf(UpstreamStatusError);
      const nowhere = createApiKeyVerifier({ caller: 'test', locator: createStaticLocator(new Map()) });
      await expect(nowhere('good-key')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    } finally {
      answer = 'normal';
    }
  });
});
