import { type ChildProcess, spawn } from 'node:child_process';
import { resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { processEnvironment } from '@emporium/platform/config/process-environment';
import { serviceKeyEnvironments } from './credentials/service-keys.js';
import { serviceUrlsOf } from './embedded/allocate-ports.js';
import { serviceCatalog } from './service-catalog.js';

/**
 * `npm run start:distributed`: every service as its own process, configured
 * only by environment, against real PostgreSQL, Redis and RabbitMQ
 * (`scripts/dev-services.sh` starts them and prints the variables). A
 * per-service database is chosen with `<SERVICE>_DATABASE_URL`.
 */
const env = processEnvironment();
const say = (message: string) => process.stdout.write(`[emporium] ${message}\n`);
const missing = ['DATABASE_URL', 'REDIS_URL', 'AMQP_URL'].filter((name) => !env[name]);
if (missing.length > 0) {
  process.stderr.write(
    `start:distributed needs ${missing.join(', ')}.\nRun: scripts/dev-services.sh && source .data/dev-services.env\n`,
  );
  process.exit(1);
}

const gatewayPort = Number(env.PORT ?? 8080);
const ports = new Map(
  serviceCatalog.map(({ definition, offset }) => [definition.name, gatewayPort + offset]),
);
const root = fileURLToPath(new URL('../..', import.meta.url));
const children = new Map<string, ChildProcess>();
// The order service's own API key, registered by the user service (see credentials/service-keys.ts).
const serviceEnv = serviceKeyEnvironments(resolvePath(root, env.DATA_DIR ?? '.data', 'service-keys.json'));

for (const { definition } of serviceCatalog) {
  const name = definition.name;
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', `services/${name}/src/main.ts`],
    {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: {
        ...env,
        PORT: String(ports.get(name)),
        // Discovery through the registry service (Eureka's role): each instance
        // registers its address and heartbeats; callers ask the registry. The
        // registry itself, and anyone told DISCOVERY=static, use the fixed list.
        SERVICE_URLS: serviceUrlsOf(ports),
        DISCOVERY: name === 'registry' ? 'static' : (env.DISCOVERY ?? 'registry'),
        REGISTRY_URL: env.REGISTRY_URL ?? `http://127.0.0.1:${ports.get('registry')}`,
        PUBLIC_URL: `http://127.0.0.1:${ports.get(name)}`,
        DATABASE_URL: env[`${name.toUpperCase()}_DATABASE_URL`] ?? env.DATABASE_URL,
        LOG_LEVEL: env.LOG_LEVEL ?? 'info',
        ...serviceEnv.get(name),
      },
    },
  );
  child.on('exit', (code, signal) => {
    if (!stopping) say(`${name} exited (${signal ?? code}); stopping the rest`);
    void stopAll();
  });
  children.set(name, child);
}

let stopping = false;
async function stopAll() {
  if (stopping) return;
  stopping = true;
  await Promise.all(
    [...children.values()].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
        }),
    ),
  );
  process.exit(0);
}
process.on('SIGINT', () => void stopAll());
process.on('SIGTERM', () => void stopAll());

const gatewayUrl = `http://localhost:${gatewayPort}`;
const readyWithinMs = 90_000;
const deadline = Date.now() + readyWithinMs;
let down: string[] = ['gateway'];
while (Date.now() < deadline && !stopping) {
  down = await servicesDown(gatewayUrl);
  if (down.length === 0) break;
  await new Promise((resolve) => setTimeout(resolve, 500));
}
say(
  `distributed mode: ${children.size} processes; gateway ${gatewayUrl} (health: ${gatewayUrl}/health/ready)`,
);
for (const [name, port] of ports)
  say(`  ${name.padEnd(15)} http://127.0.0.1:${port}  pid ${children.get(name)?.pid}`);
say(
  down.length === 0
    ? 'all services ready'
    : `not ready after ${readyWithinMs / 1000} s: ${down.join(', ')} (still starting, or see their logs above)`,
);

/** The services the gateway's aggregated readiness reports down; the gateway itself when it does not answer. */
async function servicesDown(url: string): Promise<string[]> {
  try {
    const response = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(5_000) });
    const body = (await response.json()) as { services?: Array<{ name: string; status: string }> };
    const notUp = (body.services ?? []).filter((service) => service.status !== 'up').map((s) => s.name);
    return response.ok ? [] : notUp.length > 0 ? notUp : ['gateway'];
  } catch {
    return ['gateway'];
  }
}
