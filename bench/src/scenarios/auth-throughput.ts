import { inventoryService } from '@emporium/inventory/service';
import { createJwtVerifier, jwksFrom } from '@emporium/platform/auth/jwt-verifier';
import { startEmbeddedPostgres } from '@emporium/platform/db/embedded-postgres';
import { createStaticLocator } from '@emporium/platform/discovery/static-locator';
import { createInProcessBroker } from '@emporium/platform/events/in-process-broker';
import { startService } from '@emporium/platform/service/start-service';
import { createTestIdentity } from '@emporium/platform/testing/test-identity';
import { hashPassword, verifyPassword } from '@emporium/user/domain/password-hash';
import { userService } from '@emporium/user/service';
import { type Measurement, measure, summaryOf } from '../load/measure.js';
import type { BenchLoad, Scenario, ScenarioResult } from '../scenario.js';
import { median, round } from './gateway-overhead.js';

const quiet = { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', LIVE_CONFIG: 'false' };
const account = { email: 'bench@example.com', password: 'bench password 1', name: 'Bench' };

/** Runs `work` from `concurrency` callers for `durationS` seconds; returns completions and their latencies. */
async function saturate(concurrency: number, durationS: number, work: () => Promise<unknown>) {
  const latencies: number[] = [];
  const until = performance.now() + durationS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const t = performance.now();
        await work();
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: latencies.length / seconds,
    p50Ms: latencies[Math.floor(latencies.length / 2)] ?? Number.NaN,
    p99Ms: latencies[Math.floor(latencies.length * 0.99)] ?? Number.NaN,
  };
}

/**
 * What authentication costs. Login: `POST /api/v1/auth/login` end to end
 * (argon2id verify, throttling, refresh token row, EdDSA signature) against
 * argon2id verification alone, both at the same concurrency. Verification:
 * the platform JWT verifier in a loop (what every service runs per request),
 * on tokens it has never seen (the signature checked) and on one it has
 * (remembered until it expires), and a small GET on another service
 * (inventory's `/health/live`) without a token against the same GET carrying
 * a user-service token that inventory verifies through the JWKS it fetched
 * from the user service.
 */
/** Distinct tokens signed per second of the first-sight loop: more than one verifier gets through. */
const tokensPerSecond = 10_000;
export const authThroughput: Scenario = {
  name: 'auth-throughput',
  async run(load: BenchLoad): Promise<ScenarioResult> {
    const postgres = await startEmbeddedPostgres();
    // Both services produce events: one embedded broker, as `npm start` has.
    const inProcessBroker = createInProcessBroker();
    const user = await startService(userService, {
      inProcessBroker,
      env: { ...quiet, DATABASE_URL: postgres.url, DATABASE_POOL_MAX: '10' },
    });
    const inventory = await startService(inventoryService, {
      inProcessBroker,
      env: { ...quiet, DATABASE_URL: postgres.url, JWKS_URL: `${user.url}/.well-known/jwks.json` },
    });
    inProcessBroker.open();
    try {
      const post = (path: string, body: unknown) =>
        fetch(`${user.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      const registered = await post('/api/v1/auth/register', account);
      if (registered.status !== 201) throw new Error(`registration answered ${registered.status}`);
      const { accessToken } = (await registered.json()) as { accessToken: string };
      const hash = await hashPassword(account.password);
      const verify = createJwtVerifier({
        issuer: 'emporium',
        audience: 'emporium-api',
        locator: createStaticLocator(new Map([['user', [user.url]]])),
      });
      await verify(accessToken);
      // First sight: tokens the verifier has never seen, signed beforehand by a key of the same kind.
      const issuer = await createTestIdentity();
      const unseen = await Promise.all(
        Array.from({ length: tokensPerSecond * load.durationS }, (_v, i) =>
          issuer.token({ sub: `bench-${i}` }),
        ),
      );
      const headers = { authorization: `Bearer ${accessToken}` };
      const liveUrl = `${inventory.url}/health/live`;

      const rounds: Array<{
        login: Awaited<ReturnType<typeof saturate>>;
        argon2: Awaited<ReturnType<typeof saturate>>;
        verifier: Awaited<ReturnType<typeof saturate>>;
        firstSight: Awaited<ReturnType<typeof saturate>>;
        bare: Measurement;
        verified: Measurement;
      }> = [];
      for (let r = 0; r < load.rounds; r++) {
        const durationS = Math.max(2, Math.round(load.durationS / 2));
        const login = await saturate(load.connections, durationS, async () => {
          const response = await post('/api/v1/auth/login', {
            email: account.email,
            password: account.password,
          });
          if (response.status !== 200) throw new Error(`login answered ${response.status}`);
          await response.arrayBuffer();
        });
        const argon2 = await saturate(load.connections, durationS, () =>
          verifyPassword(hash, account.password),
        );
        const verifier = await saturate(1, durationS, () => verify(accessToken));
        // A verifier of its own each round, so every token is new to it.
        const firstSeen = createJwtVerifier({
          issuer: 'emporium',
          audience: 'emporium-api',
          locator: createStaticLocator(new Map()),
          fetchJwks: jwksFrom(issuer.jwksUrl),
        });
        await firstSeen(await issuer.token({ sub: 'bench-warm-up' }));
        let next = 0;
        const firstSight = await saturate(1, durationS, () => {
          const token = unseen[next++];
          if (token === undefined) throw new Error('ran out of unseen tokens: raise tokensPerSecond');
          return firstSeen(token);
        });
        const warmupS = r === 0 ? load.warmupS : 0;
        const bare = await measure('bare', liveUrl, { ...load, warmupS });
        const verified = await measure('verified', liveUrl, { ...load, warmupS, headers });
        rounds.push({ login, argon2, verifier, firstSight, bare, verified });
      }
      await issuer.close();
      return report(rounds, load);
    } finally {
      await inventory.close();
      await user.close();
      await postgres.stop();
    }
  },
};

function report(
  rounds: Array<{
    login: { perSecond: number; p50Ms: number; p99Ms: number };
    argon2: { perSecond: number; p50Ms: number; p99Ms: number };
    verifier: { perSecond: number; p50Ms: number; p99Ms: number };
    firstSight: { perSecond: number; p50Ms: number; p99Ms: number };
    bare: Measurement;
    verified: Measurement;
  }>,
  load: BenchLoad,
): ScenarioResult {
  const m = (pick: (r: (typeof rounds)[number]) => number, digits = 2) =>
    round(median(rounds.map(pick)), digits);
  const bare = rounds.map((r) => summaryOf(r.bare));
  const verified = rounds.map((r) => summaryOf(r.verified));
  const loginToArgon2 = rounds.map((r) => round(r.login.perSecond / r.argon2.perSecond));
  const verifiedToBare = rounds.map((_r, i) =>
    round(verified[i]!.requestsPerSecondP50 / bare[i]!.requestsPerSecondP50),
  );
  const verifyCpuUs = rounds.map(
    (_r, i) => verified[i]!.serverCpuUsPerRequest - bare[i]!.serverCpuUsPerRequest,
  );
  return {
    title: 'Authentication: login (argon2id) and token verification',
    notes: [
      'User and inventory services in this process on one in-memory PGlite, logs off; login and argon2 driven from this process, GETs by autocannon in a child process.',
      `Login and argon2id: ${load.connections} concurrent callers; argon2id at the OWASP parameters (19 MiB, t=2, p=1) runs on libuv's thread pool (4 threads by default), so on this machine the cores, not the event loop, bound it.`,
      'Verifier: the platform JWT verifier (EdDSA signature, issuer, audience, expiry; JWKS cached) called in a loop by one caller: on tokens it has never seen (each one’s signature checked), and on one token again and again (remembered after its first check, until it expires).',
      `GET: inventory \`/health/live\` without a token, and with the same user-service token on every request (as a client sends it for its 15 minutes); ${load.rounds} rounds, medians.`,
    ],
    table: {
      columns: ['measure', 'per second (median)', 'latency p50 (ms)', 'latency p99 (ms)'],
      rows: [
        [
          'login, end to end',
          m((r) => r.login.perSecond, 0),
          m((r) => r.login.p50Ms),
          m((r) => r.login.p99Ms),
        ],
        [
          'argon2id verify alone',
          m((r) => r.argon2.perSecond, 0),
          m((r) => r.argon2.p50Ms),
          m((r) => r.argon2.p99Ms),
        ],
        [
          'JWT verify, token never seen (signature checked)',
          m((r) => r.firstSight.perSecond, 0),
          m((r) => r.firstSight.p50Ms, 3),
          m((r) => r.firstSight.p99Ms, 3),
        ],
        [
          'JWT verify, token seen before (remembered)',
          m((r) => r.verifier.perSecond, 0),
          m((r) => r.verifier.p50Ms, 3),
          m((r) => r.verifier.p99Ms, 3),
        ],
        [
          'GET, no token',
          round(median(bare.map((s) => s.requestsPerSecondP50)), 0),
          median(bare.map((s) => s.latencyP50Ms)),
          median(bare.map((s) => s.latencyP99Ms)),
        ],
        [
          'GET, token verified',
          round(median(verified.map((s) => s.requestsPerSecondP50)), 0),
          median(verified.map((s) => s.latencyP50Ms)),
          median(verified.map((s) => s.latencyP99Ms)),
        ],
      ],
    },
    figures: {
      loginsPerSecond: m((r) => r.login.perSecond, 0),
      loginToArgon2: round(median(loginToArgon2)),
      verificationsPerSecond: m((r) => r.firstSight.perSecond, 0),
      rememberedPerSecond: m((r) => r.verifier.perSecond, 0),
      verifiedToBare: round(median(verifiedToBare)),
      verifyCpuUsPerRequest: round(median(verifyCpuUs), 0),
    },
    raw: {
      rounds: rounds.map((r) => ({
        login: r.login,
        argon2: r.argon2,
        verifier: r.verifier,
        firstSight: r.firstSight,
        bare: r.bare,
        verified: r.verified,
      })),
      perRound: { loginToArgon2, verifiedToBare, verifyCpuUs },
    },
  };
}
