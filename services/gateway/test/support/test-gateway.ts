import { randomUUID } from 'node:crypto';
import { startTestService, type TestService } from '@emporium/platform/testing/start-test-service';
import { gatewayService } from '../../src/service.js';

/**
 * A gateway for a suite: its rate-limit counters under a key prefix of its
 * own, so suites sharing one Redis (`REDIS_URL`) never count each other's
 * requests. `env` adds or overrides settings (a suite sharing counters
 * between two gateways passes the same `RATE_LIMIT_KEY_PREFIX` to both).
 */
export function startTestGateway(env: Record<string, string | undefined> = {}): Promise<TestService> {
  return startTestService(gatewayService, { RATE_LIMIT_KEY_PREFIX: `test:${randomUUID()}:`, ...env });
}
