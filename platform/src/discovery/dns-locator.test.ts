import { describe, expect, it } from 'vitest';
import { createDnsLocator } from './dns-locator.js';

/** A resolver that answers from a table and counts lookups, standing for cluster DNS. */
function resolverOf(records: Record<string, string[] | Error>) {
  const lookups: string[] = [];
  return {
    lookups,
    resolveHost: async (host: string) => {
      lookups.push(host);
      const answer = records[host];
      if (answer instanceof Error || answer === undefined) {
        throw Object.assign(answer ?? new Error(`queryA ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
      }
      return answer;
    },
  };
}

describe('dns locator', () => {
  it('resolves the templated name and balances round-robin over its A and AAAA records', async () => {
    const dns = resolverOf({ 'inventory.shop.svc.cluster.local': ['10.0.0.7', '10.0.0.5', 'fd00::1'] });
    const locator = createDnsLocator({
      template: '{service}.shop.svc.cluster.local',
      resolveHost: dns.resolveHost,
    });
    const picks = [];
    for (let i = 0; i < 6; i += 1) picks.push(await locator.resolve('inventory'));
    expect(picks).toEqual([
      'http://10.0.0.5:8086',
      'http://10.0.0.7:8086',
      'http://[fd00::1]:8086',
      'http://10.0.0.5:8086',
      'http://10.0.0.7:8086',
      'http://[fd00::1]:8086',
    ]);
    expect(dns.lookups).toEqual(['inventory.shop.svc.cluster.local']);
  });

  it('takes the port from the template when it names one', async () => {
    const dns = resolverOf({ 'search-headless': ['10.1.0.1'] });
    const locator = createDnsLocator({ template: '{service}-headless:9000', resolveHost: dns.resolveHost });
    expect(await locator.resolve('search')).toBe('http://10.1.0.1:9000');
  });

  it('caches answers, then asks again, keeping the last answer when DNS fails', async () => {
    const records: Record<string, string[] | Error> = { order: ['10.0.0.1'] };
    const dns = resolverOf(records);
    const locator = createDnsLocator({ resolveHost: dns.resolveHost, cacheMs: 50 });
    expect(await locator.resolve('order')).toBe('http://10.0.0.1:8087');
    expect(await locator.resolve('order')).toBe('http://10.0.0.1:8087');
    expect(dns.lookups).toHaveLength(1);

    records.order = ['10.0.0.2'];
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await locator.resolve('order')).toBe('http://10.0.0.2:8087');

    records.order = new Error('queryA ETIMEOUT order');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await locator.resolve('order')).toBe('http://10.0.0.2:8087');
    expect(dns.lookups).toHaveLength(3);
  });

  it('skips an instance reported as failed for the cool-down, unless no other is left', async () => {
    const dns = resolverOf({ payment: ['10.0.0.1', '10.0.0.2'] });
    const locator = createDnsLocator({ resolveHost: dns.resolveHost, failureCooldownMs: 80 });
    locator.reportFailure!('payment', 'http://10.0.0.1:8088');
    for (let i = 0; i < 3; i += 1) expect(await locator.resolve('payment')).toBe('http://10.0.0.2:8088');
    locator.reportFailure!('payment', 'http://10.0.0.2:8088');
    const bothDown = new Set([await locator.resolve('payment'), await locator.resolve('payment')]);
    expect(bothDown.size).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 90));
    const recovered = new Set([await locator.resolve('payment'), await locator.resolve('payment')]);
    expect(recovered).toEqual(new Set(['http://10.0.0.1:8088', 'http://10.0.0.2:8088']));
  });

  it('reports an unknown service with the code callers map to 503', async () => {
    const locator = createDnsLocator({ resolveHost: resolverOf({ empty: [] }).resolveHost });
    await expect(locator.resolve('nowhere')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    await expect(locator.resolve('empty')).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });
});
