import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../log/logger.js';
import { createMetrics } from '../metrics/metrics.js';
import { createHttpApp } from './create-http-app.js';
import { defineErrors } from './errors.js';

const errors = defineErrors({ THING_NOT_FOUND: { status: 404, title: 'No such thing' } });

async function app() {
  const logger = createLogger({ service: 't', version: '0', level: 'silent' });
  const built = await createHttpApp({
    service: 't',
    version: '0',
    logger,
    metrics: createMetrics('t'),
    readiness: [],
  });
  built.get(
    '/things/:id',
    { schema: { params: Type.Object({ id: Type.String({ pattern: '^[0-9]+$' }) }) } },
    async (request) => {
      if (request.params.id === '0') throw errors.THING_NOT_FOUND('thing 0 is gone');
      if (request.params.id === '1') throw new Error('secret internal detail');
      if (request.params.id === '2')
        throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      return { id: request.params.id };
    },
  );
  return built;
}

describe('problem+json errors', () => {
  it('renders a catalog error with its code, status and the request id', async () => {
    const response = await (await app()).inject({ url: '/things/0', headers: { 'x-request-id': 'req-123' } });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['x-request-id']).toBe('req-123');
    expect(response.json()).toMatchObject({
      code: 'THING_NOT_FOUND',
      status: 404,
      detail: 'thing 0 is gone',
      requestId: 'req-123',
    });
  });

  it('never leaks a stack trace or message of an unexpected error', async () => {
    const response = await (await app()).inject({ url: '/things/1' });
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('secret internal detail');
    expect(response.body).not.toContain('at ');
    expect(response.json().code).toBe('INTERNAL_ERROR');
  });

  it('turns a dependency outage into a 503', async () => {
    const response = await (await app()).inject({ url: '/things/2' });
    expect(response.statusCode).toBe(503);
    expect(response.json().code).toBe('DEPENDENCY_UNAVAILABLE');
  });

  it('turns schema failures into 400 with the offending path, and unknown routes into 404', async () => {
    const built = await app();
    const invalid = await built.inject({ url: '/things/abc' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(invalid.json().errors[0].path).toBe('/id');
    const missing = await built.inject({ url: '/nope' });
    expect(missing.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND', status: 404 });
  });

  it('replaces an invalid incoming request id', async () => {
    const response = await (await app()).inject({
      url: '/things/5',
      headers: { 'x-request-id': 'bad id with spaces' },
    });
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('validation', () => {
  it('coerces query strings but validates JSON bodies as sent', async () => {
    const logger = createLogger({ service: 't', version: '0', level: 'silent' });
    const built = await createHttpApp({
      service: 't',
      version: '0',
      logger,
      metrics: createMetrics('t'),
      readiness: [],
    });
    built.post(
      '/sum',
      {
        schema: {
          querystring: Type.Object({ times: Type.Integer({ default: 1 }) }),
          body: Type.Object({ n: Type.Integer() }, { additionalProperties: false }),
        },
      },
      async (request) => ({ total: request.body.n * request.query.times }),
    );
    const ok = await built.inject({ method: 'POST', url: '/sum?times=3', payload: { n: 2 } });
    expect(ok.json()).toEqual({ total: 6 });
    for (const payload of [{ n: null }, { n: '2' }, { n: 2, extra: true }]) {
      const refused = await built.inject({ method: 'POST', url: '/sum', payload });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().code).toBe('VALIDATION_FAILED');
    }
  });
});
