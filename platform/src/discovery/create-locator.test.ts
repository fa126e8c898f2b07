import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config/load-config.js';
import { createLogger } from '../log/logger.js';
import { createDiscovery } from './create-locator.js';

const context = {
  service: 'demo',
  version: 'test',
  logger: createLogger({ service: 'demo', version: 'test', level: 'silent' }),
};

describe('createDiscovery', () => {
  it('defaults to the static list', async () => {
    const discovery = createDiscovery({ serviceUrls: 'product=http://a:8084|http://b:8084' }, context);
    expect([await discovery.locator.resolve('product'), await discovery.locator.resolve('product')]).toEqual([
      'http://a:8084',
      'http://b:8084',
    ]);
    discovery.announce('http://127.0.0.1:1');
    await discovery.close();
  });

  it('refuses registry discovery without a registry URL, as a config error', () => {
    expect(() => createDiscovery({ discovery: 'registry' }, context)).toThrow(ConfigError);
  });

  it('builds a registry locator that reports an unreachable registry as an unknown service', async () => {
    const discovery = createDiscovery({ discovery: 'registry', registryUrl: 'http://127.0.0.1:9' }, context);
    await expect(discovery.locator.resolve('product')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    await discovery.close();
  });
});
