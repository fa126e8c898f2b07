import { describe, expect, it } from 'vitest';
import { requestHeadersFor, responseHeadersFrom } from './forward-headers.js';

const forwarded = { requestId: 'req-1', chain: ['10.0.0.9'], protocol: 'https', host: 'shop.example' };

describe('forward headers', () => {
  it('drops hop-by-hop headers and those named by Connection, keeps the rest', () => {
    const headers = requestHeadersFor(
      {
        host: 'shop.example',
        connection: 'keep-alive, X-Secret',
        'x-secret': '1',
        'keep-alive': 'timeout=5',
        'transfer-encoding': 'chunked',
        upgrade: 'websocket',
        'proxy-authorization': 'Basic x',
        te: 'trailers',
        trailer: 'x-checksum',
        authorization: 'Bearer t',
        'content-type': 'application/json',
        traceparent: '00-client-trace-01',
        'x-request-id': 'spoofed',
        'x-api-key': 'ek_live_1',
        'x-internal-caller': 'order',
        'x-envoy-original-path': '/admin',
      },
      forwarded,
    );
    expect(headers).toEqual({
      authorization: 'Bearer t',
      'x-api-key': 'ek_live_1',
      'content-type': 'application/json',
      'x-forwarded-for': '10.0.0.9',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'shop.example',
      'x-request-id': 'req-1',
    });
  });

  it('sends the forwarding chain and scheme it is given, whatever the client claimed', () => {
    const headers = requestHeadersFor(
      { 'x-forwarded-for': '6.6.6.6', 'x-forwarded-proto': 'gopher', 'x-forwarded-host': 'evil' },
      { ...forwarded, chain: ['6.6.6.6', '1.2.3.4'] },
    );
    expect(headers['x-forwarded-for']).toBe('6.6.6.6, 1.2.3.4');
    expect(headers['x-forwarded-proto']).toBe('https');
    expect(headers['x-forwarded-host']).toBe('shop.example');
  });

  it('passes response headers through minus hop-by-hop, internal, fingerprint and gateway-owned ones', () => {
    expect(
      responseHeadersFrom({
        'content-type': 'application/problem+json',
        'set-cookie': ['a=1', 'b=2'],
        connection: 'close',
        'keep-alive': 'timeout=72',
        'transfer-encoding': 'chunked',
        'proxy-authenticate': 'Basic',
        'retry-after': '5',
        server: 'nginx/1.25',
        'x-powered-by': 'Express',
        'x-internal-shard': '7',
        'x-envoy-upstream-service-time': '3',
        'content-security-policy': 'default-src *',
        'access-control-allow-origin': '*',
        'strict-transport-security': 'max-age=0',
      }),
    ).toEqual({
      'content-type': 'application/problem+json',
      'set-cookie': ['a=1', 'b=2'],
      'retry-after': '5',
    });
  });
});
