import { describe, expect, it } from 'vitest';
import { requestHeadersFor, responseHeadersFrom } from './forward-headers.js';

const forwarded = { requestId: 'req-1', clientIp: '10.0.0.9', protocol: 'https', host: 'shop.example' };

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
      },
      forwarded,
    );
    expect(headers).toEqual({
      authorization: 'Bearer t',
      'content-type': 'application/json',
      'x-forwarded-for': '10.0.0.9',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'shop.example',
      'x-request-id': 'req-1',
    });
  });

  it('appends to an existing X-Forwarded-For', () => {
    expect(requestHeadersFor({ 'x-forwarded-for': '1.2.3.4' }, forwarded)['x-forwarded-for']).toBe(
      '1.2.3.4, 10.0.0.9',
    );
  });

  it('passes response headers through minus hop-by-hop ones, multi-valued kept', () => {
    expect(
      responseHeadersFrom({
        'content-type': 'application/problem+json',
        'set-cookie': ['a=1', 'b=2'],
        connection: 'close',
        'keep-alive': 'timeout=72',
        'transfer-encoding': 'chunked',
        'proxy-authenticate': 'Basic',
        'retry-after': '5',
      }),
    ).toEqual({
      'content-type': 'application/problem+json',
      'set-cookie': ['a=1', 'b=2'],
      'retry-after': '5',
    });
  });
});
