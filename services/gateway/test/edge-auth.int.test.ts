import { httpClient } from '@emporium/platform/testing/http';
import type { TestService } from '@emporium/platform/testing/start-test-service';
import { createTestIdentity, type TestIdentity } from '@emporium/platform/testing/test-identity';
import { decodeProtectedHeader, generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upstreamServices } from '../src/routing/route-table.js';
import { rawRequest } from './support/raw-request.js';
import { startTestGateway } from './support/test-gateway.js';
import { startTinyUpstream, type TinyUpstream } from './support/tiny-upstream.js';

let tiny: TinyUpstream;
let gateway: TestService;
/** Same keys, another audience: tokens for the first gateway are not for this one. */
let otherAudience: TestService;
let stranger: TestIdentity;
let send: ReturnType<typeof httpClient>;

beforeAll(async () => {
  tiny = await startTinyUpstream();
  const serviceUrls = upstreamServices.map((name) => `${name}=${tiny.url}`).join(',');
  gateway = await startTestGateway({ SERVICE_URLS: serviceUrls });
  otherAudience = await startTestGateway({
    SERVICE_URLS: serviceUrls,
    JWKS_URL: gateway.identity.jwksUrl,
    JWT_AUDIENCE: 'another-api',
  });
  stranger = await createTestIdentity();
  send = httpClient(gateway.url);
});
afterAll(async () => {
  await gateway?.stop();
  await otherAudience?.stop();
  await stranger?.close();
  await tiny?.close();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Runs `calls`, then checks the upstream received nothing meanwhile. */
async function upstreamUntouched(calls: () => Promise<void>) {
  const before = tiny.seen.length;
  await calls();
  expect(tiny.seen.slice(before)).toEqual([]);
}

describe('edge authentication', () => {
  it('refuses forged, expired, unsigned, tampered and foreign-audience tokens with 401, calling no service', async () => {
    const valid = await gateway.identity.token({ sub: 'u-1', roles: ['customer'] });
    const { kid } = decodeProtectedHeader(valid);
    // Same key id, another key: what an attacker who read the JWKS can make.
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const forged = await new SignJWT({ roles: ['admin'], perms: ['products:write'] })
      .setProtectedHeader({ alg: 'EdDSA', kid: kid! })
      .setSubject('u-1')
      .setIssuer('emporium')
      .setAudience('emporium-api')
      .setIssuedAt()
      .setExpirationTime('15m')
      .sign(privateKey);
    const [header, payload, signature] = valid.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const promoted = Buffer.from(JSON.stringify({ ...claims, perms: ['products:write'] })).toString(
      'base64url',
    );
    const attacks = {
      forged,
      expired: await gateway.identity.token({ sub: 'u-1', expiresIn: '-1m' }),
      unsigned: new UnsecuredJWT({ sub: 'u-1', roles: ['admin'] })
        .setIssuer('emporium')
        .setAudience('emporium-api')
        .setExpirationTime('15m')
        .encode(),
      tampered: `${header}.${promoted}.${signature}`,
      otherKeySet: await stranger.token({ sub: 'u-1', roles: ['admin'] }),
      garbage: 'not-a-jwt',
    };

    await upstreamUntouched(async () => {
      for (const [name, token] of Object.entries(attacks)) {
        // A public route: bad credentials are refused, never downgraded to anonymous.
        const response = await send('GET', '/api/v1/products', undefined, bearer(token));
        expect(response.status, name).toBe(401);
        expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
        expect(response.body.code).toBe('UNAUTHENTICATED');
        expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      }
      const basic = await send('GET', '/api/v1/orders', undefined, { authorization: 'Basic dTpw' });
      expect(basic.status).toBe(401);
      const elsewhere = await httpClient(otherAudience.url)(
        'GET',
        '/api/v1/products',
        undefined,
        bearer(valid),
      );
      expect(elsewhere.status).toBe(401);
    });
    // The same valid token passes where it is meant for.
    expect((await send('GET', '/api/v1/products', undefined, bearer(valid))).status).toBe(200);
  });

  it('answers 401 without a service call on routes that need a signed-in caller', async () => {
    await upstreamUntouched(async () => {
      for (const [method, path] of [
        ['GET', '/api/v1/users/me'],
        ['GET', '/api/v1/orders'],
        ['POST', '/api/v1/orders'],
        ['GET', '/api/v1/payments/p-1'],
        ['GET', '/api/v1/notifications'],
        ['POST', '/api/v1/api-keys'],
        ['GET', '/api/v1/analytics/sales'],
        ['POST', '/api/v1/products'],
        ['PATCH', '/api/v1/products/p-1'],
        ['POST', '/api/v1/categories'],
        ['POST', '/api/v1/warehouses'],
        ['PUT', '/api/v1/inventory/SKU-1/warehouses/eu-1'],
      ] as const) {
        const response = await send(method, path, method === 'GET' ? undefined : {});
        expect(response.status, `${method} ${path}`).toBe(401);
        expect(response.body.code).toBe('UNAUTHENTICATED');
      }
    });
  });

  it('lets anonymous callers through the public routes', async () => {
    const before = tiny.seen.length;
    for (const [method, path] of [
      ['GET', '/api/v1/products?limit=2'],
      ['GET', '/api/v1/categories'],
      ['POST', '/api/v1/auth/login'],
      ['POST', '/api/v1/payments/webhooks/sandbox'],
      ['POST', '/api/v1/events'],
      ['POST', '/api/v1/carts'],
      ['GET', '/api/v1/recommendations/products/p-1/similar'],
    ] as const) {
      const response = await send(method, path, method === 'GET' ? undefined : {});
      expect(response.status, `${method} ${path}`).toBe(200);
    }
    expect(tiny.seen.slice(before)).toHaveLength(7);
  });

  it('lets a guest with a cart token check out and follow their order, not list orders', async () => {
    const guest = { 'x-cart-token': 'cart-token-0123456789abcdef' };
    const before = tiny.seen.length;
    expect((await send('POST', '/api/v1/orders', {}, guest)).status).toBe(200);
    expect((await send('GET', '/api/v1/orders/o-1', undefined, guest)).status).toBe(200);
    const paid = await send('POST', '/api/v1/payments', {}, guest);
    expect(paid.status).toBe(200);
    expect(paid.body.headers['x-cart-token']).toBe(guest['x-cart-token']);
    expect(tiny.seen.slice(before)).toHaveLength(3);
    await upstreamUntouched(async () => {
      expect((await send('GET', '/api/v1/orders', undefined, guest)).status).toBe(401);
      expect((await send('GET', '/api/v1/orders/o-1')).status).toBe(401);
    });
  });

  it('stops a customer at the edge with 403 on admin routes, lets the admin through', async () => {
    const customer = bearer(await gateway.identity.token({ sub: 'u-1', roles: ['customer'] }));
    const admin = bearer(await gateway.identity.token({ sub: 'admin-1', roles: ['admin'] }));
    const adminRoutes = [
      ['POST', '/api/v1/products'],
      ['POST', '/api/v1/products/p-1/images'],
      ['GET', '/api/v1/analytics/sales'],
      ['POST', '/api/v1/payments/p-1/refunds'],
      ['POST', '/api/v1/orders/o-1/status'],
      ['GET', '/api/v1/warehouses'],
      ['GET', '/api/v1/users'],
      ['PUT', '/api/v1/users/u-2/roles'],
      ['POST', '/api/v1/reviews/r-1/moderate'],
    ] as const;
    await upstreamUntouched(async () => {
      for (const [method, path] of adminRoutes) {
        const response = await send(method, path, method === 'GET' ? undefined : {}, customer);
        expect(response.status, `${method} ${path}`).toBe(403);
        expect(response.body.code).toBe('FORBIDDEN');
      }
    });
    for (const [method, path] of adminRoutes) {
      const response = await send(method, path, method === 'GET' ? undefined : {}, admin);
      expect(response.status, `${method} ${path}`).toBe(200);
      // The original credentials, unchanged: the service verifies them again.
      expect(response.body.headers.authorization).toBe(admin.authorization);
    }
    // A customer's own resources and customer actions pass the edge (ownership is the service's check).
    for (const [method, path] of [
      ['GET', '/api/v1/orders'],
      ['GET', '/api/v1/users/me'],
      ['POST', '/api/v1/products/p-1/reviews'],
    ] as const) {
      const response = await send(method, path, method === 'GET' ? undefined : {}, customer);
      expect(response.status, `${method} ${path}`).toBe(200);
      expect(response.body.headers.authorization).toBe(customer.authorization);
    }
  });

  it('refuses internal routes and paths with dot segments before any service sees them', async () => {
    const admin = bearer(await gateway.identity.token({ sub: 'admin-1', roles: ['admin'] }));
    await upstreamUntouched(async () => {
      const register = await send(
        'POST',
        '/api/v1/registry/instances',
        { service: 'x', url: 'http://evil' },
        admin,
      );
      expect(register.status).toBe(403);
      for (const path of [
        '/api/v1/payments/webhooks/../p-1/refunds',
        '/api/v1/payments/webhooks/%2e%2e/p-1/refunds',
      ]) {
        const dotted = await rawRequest(gateway.url, { method: 'POST', path });
        expect(dotted.status, path).toBe(400);
        expect(JSON.parse(dotted.body.toString()).code).toBe('VALIDATION_FAILED');
      }
    });
  });
});
