import { randomBytes } from 'node:crypto';
import type { DemoData } from '@emporium/contracts/demo/demo-catalog';
import { createDatabase, type Database } from '@emporium/platform/db/database';
import { httpClient, type TestResponse } from '@emporium/platform/testing/http';
import { startTestService, type TestService } from '@emporium/platform/testing/start-test-service';
import * as schema from '../../src/db/schema.js';
import { userService } from '../../src/service.js';

export const demoAccounts = {
  admin: { email: 'admin@emporium.test', password: 'admin password 1', name: 'Admin' },
  customer: { email: 'customer@emporium.test', password: 'customer password 1', name: 'Casey' },
};

/** Known in the suite, so it can read (and forge with) the real signing key. */
export const keyEncryptionKey = 'test key-encryption key, 32+ characters long';

export interface UserKit {
  service: TestService;
  database: Database<typeof schema>;
  /** Requests from a client address of this suite's own (login throttling counts per address). */
  send: ReturnType<typeof httpClient>;
  clientAddress: string;
  register: (email: string, password?: string, name?: string) => Promise<TestResponse>;
  login: (email: string, password: string) => Promise<TestResponse>;
  /** `{ authorization: 'Bearer …' }` of a fresh login. */
  bearerOf: (email: string, password: string) => Promise<{ authorization: string }>;
  adminBearer: () => Promise<{ authorization: string }>;
  stop: () => Promise<void>;
}

/** A documentation-range IPv6 address, random per suite, so throttling counters never leak between runs. */
export function randomClientAddress(): string {
  return `2001:db8::${randomBytes(2).toString('hex')}:${randomBytes(2).toString('hex')}`;
}

export async function startUserKit(env: Record<string, string> = {}): Promise<UserKit> {
  const service = await startTestService(userService, {
    SIGNING_KEY_ENCRYPTION_KEY: keyEncryptionKey,
    ...env,
  });
  await service.instance.seedDemo!({ accounts: demoAccounts } as DemoData, () => {});
  const database = createDatabase(
    { url: service.database!.url, poolMax: 2, applicationName: 'user-test' },
    schema,
  );
  const clientAddress = randomClientAddress();
  const send = httpClient(service.url, { 'x-forwarded-for': clientAddress });
  const login = (email: string, password: string) => send('POST', '/api/v1/auth/login', { email, password });
  const bearerOf = async (email: string, password: string) => {
    const response = await login(email, password);
    if (response.status !== 200)
      throw new Error(`login of ${email} answered ${response.status}: ${response.text}`);
    return { authorization: `Bearer ${response.body.accessToken}` };
  };
  return {
    service,
    database,
    send,
    clientAddress,
    register: (email, password = 'correct horse battery', name = 'Test User') =>
      send('POST', '/api/v1/auth/register', { email, password, name }),
    login,
    bearerOf,
    adminBearer: () => bearerOf(demoAccounts.admin.email, demoAccounts.admin.password),
    stop: async () => {
      await database.close();
      await service.stop();
    },
  };
}

/** The JSON payload of a JWT, unverified (tests read what a token claims). */
export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
}

export function headerOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8'));
}
