import { describe, expect, it } from 'vitest';
import { clientKeyOf, forwardedClientOf } from './client-ip.js';

const socket = { ip: '10.0.0.9', protocol: 'http', host: 'gateway:8080' };

describe('client address', () => {
  it('is the socket address when no proxy is trusted, whatever X-Forwarded-For claims', () => {
    expect(clientKeyOf('10.0.0.9', { 'x-forwarded-for': '1.2.3.4' }, 0)).toBe('10.0.0.9');
    expect(
      forwardedClientOf(socket, { 'x-forwarded-for': '1.2.3.4', 'x-forwarded-proto': 'https' }, 0),
    ).toEqual({ chain: ['1.2.3.4', '10.0.0.9'], protocol: 'http', host: 'gateway:8080' });
  });

  it('is the entry the trusted proxies saw, never one the client wrote further left', () => {
    const headers = {
      'x-forwarded-for': '6.6.6.6, 1.2.3.4',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'shop.example',
    };
    expect(clientKeyOf('10.0.0.9', headers, 1)).toBe('1.2.3.4');
    expect(forwardedClientOf(socket, headers, 1)).toEqual({
      chain: ['6.6.6.6', '1.2.3.4'],
      protocol: 'https',
      host: 'shop.example',
    });
    expect(clientKeyOf('10.0.0.9', { 'x-forwarded-for': ['6.6.6.6, 1.2.3.4', '10.0.0.2'] }, 2)).toBe(
      '1.2.3.4',
    );
    expect(clientKeyOf('10.0.0.9', { 'x-forwarded-for': '1.2.3.4' }, 3)).toBe('1.2.3.4');
    expect(clientKeyOf('10.0.0.9', {}, 1)).toBe('10.0.0.9');
    expect(forwardedClientOf(socket, {}, 1).chain).toEqual(['10.0.0.9']);
  });

  it('counts an IPv6 client by its /64 and a v4-mapped one as IPv4', () => {
    expect(clientKeyOf('2001:db8:1:2:aaaa::1', {}, 0)).toBe(clientKeyOf('2001:db8:1:2:bbbb::9', {}, 0));
    expect(clientKeyOf('2001:db8:1:3::1', {}, 0)).not.toBe(clientKeyOf('2001:db8:1:2::1', {}, 0));
    expect(clientKeyOf('::ffff:10.1.2.3', {}, 0)).toBe('10.1.2.3');
  });
});
