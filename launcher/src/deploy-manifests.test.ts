/**
 * The deployment artifacts under deploy/ (Dockerfile, Compose, Kubernetes,
 * observability), checked by parsing them: no Docker engine or cluster runs
 * where the tests do. Each check ties an artifact to the code it deploys
 * (ports, settings, metric names) so a change on either side shows here.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OrderConfig } from '@emporium/order/config';
import {
  brokerSettings,
  cacheSettings,
  commonSettings,
  databaseSettings,
} from '@emporium/platform/config/common';
import { envNameOf } from '@emporium/platform/config/env-name';
import { wellKnownPorts } from '@emporium/platform/discovery/dns-locator';
import { createEventMetrics } from '@emporium/platform/events/event-metrics';
import { createMetrics } from '@emporium/platform/metrics/metrics';
import { UserConfig } from '@emporium/user/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

type Obj = Record<string, unknown>;

const repo = fileURLToPath(new URL('../..', import.meta.url));
const deploy = join(repo, 'deploy');
const k8s = join(deploy, 'k8s');
const observability = join(deploy, 'observability');

const ports: Record<string, number> = { ...wellKnownPorts };
const services = Object.keys(ports);
const withDatabase = services.filter((name) => name !== 'gateway');
const autoscaled = ['gateway', 'product', 'search', 'order'];

/**
 * Every variable a service reads (platform/src/config/common.ts, plus the
 * user service's signing-key secret and provisioned keys, and the order
 * service's own key), by its environment name.
 */
const settingNames = new Set(
  Object.keys({
    ...commonSettings,
    ...databaseSettings,
    ...cacheSettings,
    ...brokerSettings,
    signingKeyEncryptionKey: UserConfig.properties.signingKeyEncryptionKey,
    serviceApiKeys: UserConfig.properties.serviceApiKeys,
    serviceApiKey: OrderConfig.properties.serviceApiKey,
  }).map(envNameOf),
);

// ------------------------------------------------------------------ helpers

function read(path: string): string {
  return readFileSync(path, 'utf8');
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** All documents of a YAML file; Kubernetes files are read as YAML 1.1, as the API server does. */
function yamlDocuments(path: string): Obj[] {
  const version = path.startsWith(k8s) ? '1.1' : '1.2';
  const docs = parseAllDocuments(read(path), { version, merge: true });
  return docs.flatMap((doc) => {
    if (doc.errors.length > 0) throw new Error(`${relative(repo, path)}: ${doc.errors[0]?.message}`);
    const value: unknown = doc.toJS({ maxAliasCount: -1 });
    return value === null || value === undefined ? [] : [value as Obj];
  });
}

function yamlFile(path: string): Obj {
  const [first] = yamlDocuments(path);
  if (!first) throw new Error(`${relative(repo, path)} is empty`);
  return first;
}

function obj(value: unknown, what: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${what}: expected a mapping, got ${JSON.stringify(value)}`);
  }
  return value as Obj;
}

function list(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`${what}: expected a list, got ${JSON.stringify(value)}`);
  return value;
}

function at(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) {
    if (current === null || current === undefined) return undefined;
    current = Array.isArray(current) ? current[Number(key)] : (current as Obj)[key];
  }
  return current;
}

function metadataName(object: Obj): string {
  return String(at(object, 'metadata.name'));
}

// ------------------------------------------------------------------ Kubernetes model

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: Obj;
}
interface Container {
  name: string;
  image: string;
  args?: string[];
  ports?: Array<{ name: string; containerPort: number }>;
  env?: EnvVar[];
  envFrom?: Array<{ configMapRef?: { name: string } }>;
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
  startupProbe?: { httpGet?: { path: string; port: string | number } };
  lifecycle?: { preStop?: { exec?: { command: string[] }; sleep?: { seconds: number } } };
  resources?: { requests?: Obj; limits?: Obj };
  securityContext?: Obj;
  volumeMounts?: Array<{ name: string; mountPath: string; readOnly?: boolean }>;
}
interface Volume {
  name: string;
  emptyDir?: Obj;
  projected?: { sources: Array<{ secret?: { name: string; items?: Array<{ key: string; path: string }> } }> };
  secret?: { secretName: string; items?: Array<{ key: string; path: string }> };
}
interface PodSpec {
  containers: Container[];
  volumes?: Volume[];
  securityContext?: Obj;
  terminationGracePeriodSeconds?: number;
  automountServiceAccountToken?: boolean;
  restartPolicy?: string;
}

function podSpec(object: Obj): PodSpec {
  return obj(at(object, 'spec.template.spec'), `${metadataName(object)} pod spec`) as unknown as PodSpec;
}

function portOf(container: Container, port: string | number | undefined): number | undefined {
  if (typeof port === 'number') return port;
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

/** The files a pod's container sees: mount path + projected/secret item path, with the Secret and key behind each. */
function mountedSecretFiles(
  spec: PodSpec,
  container: Container,
): Map<string, { secret: string; key: string }> {
  const files = new Map<string, { secret: string; key: string }>();
  for (const mount of container.volumeMounts ?? []) {
    const volume = spec.volumes?.find((v) => v.name === mount.name);
    const sources = volume?.projected?.sources.map((s) => s.secret) ?? [
      volume?.secret ? { name: volume.secret.secretName, items: volume.secret.items } : undefined,
    ];
    for (const source of sources) {
      for (const item of source?.items ?? []) {
        files.set(`${mount.mountPath}/${item.path}`, { secret: source!.name, key: item.key });
      }
    }
  }
  return files;
}

interface Kustomization {
  resources?: string[];
  patches?: Array<{ path?: string; patch?: string; target?: Obj }>;
  components?: string[];
  configMapGenerator?: Array<{ name: string; behavior?: string; literals?: string[]; files?: string[] }>;
  images?: Array<{ name: string; newName?: string; newTag?: string; digest?: string }>;
  replicas?: Array<{ name: string; count: number }>;
}

function kustomizationAt(dir: string): Kustomization {
  return yamlFile(join(dir, 'kustomization.yaml')) as Kustomization;
}

/** The objects a kustomization's resources declare (files, and directories with their own kustomization). */
function resourcesOf(dir: string): Obj[] {
  return (kustomizationAt(dir).resources ?? []).flatMap((entry) => {
    const path = resolve(dir, entry);
    return statSync(path).isDirectory() ? resourcesOf(path) : yamlDocuments(path);
  });
}

function literalsOf(generator: { literals?: string[] } | undefined): Record<string, string> {
  return Object.fromEntries(
    (generator?.literals ?? []).map((literal) => {
      const index = literal.indexOf('=');
      return [literal.slice(0, index), literal.slice(index + 1)];
    }),
  );
}

// ------------------------------------------------------------------ plaintext secrets

/** Empty, a reference (`$VAR`, `${VAR}`, `$(command)`), a `<placeholder>`, a format directive, a boolean or an obvious stand-in. */
const placeholderValue =
  /^(|\$.*|<.*|%s|true|false|null|\.\.\.|PASSWORD|CHANGE_?ME|REPLACE_?ME|\[redacted\])$/i;
const secretKey =
  /(pass(word|wd)?|pwd|token|api[_-]?key|secret[_-]?key|client[_-]?secret|access[_-]?key|private[_-]?key)$/i;

/** Lines of `text` that carry what looks like a literal credential. */
function plaintextSecrets(text: string): string[] {
  const findings: string[] = [];
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    const where = `line ${index + 1}: ${line.trim()}`;
    for (const match of line.matchAll(/([A-Za-z0-9_.-]+)["']?\s*[:=]\s*["']?([^\s"',}\\]*)/g)) {
      const [, key = '', value = ''] = match;
      if (!secretKey.test(key) || /_FILE$/i.test(key) || value.startsWith('/')) continue;
      if (!placeholderValue.test(value)) findings.push(where);
    }
    for (const match of line.matchAll(/[a-z][a-z0-9+.-]*:\/\/[^\s:@/'"]*:([^\s@/'"]+)@/gi)) {
      if (!placeholderValue.test(match[1] ?? '')) findings.push(where);
    }
    for (const match of line.matchAll(/(?:^\s*|--)requirepass\s+(\S+)/g)) {
      if (!placeholderValue.test(match[1] ?? '')) findings.push(where);
    }
  }
  return findings;
}

// ------------------------------------------------------------------ tests

describe('deploy/: every YAML file', () => {
  const files = walk(deploy).filter((path) => /\.ya?ml$/.test(path));

  it('parses (multi-document aware)', () => {
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) expect(() => yamlDocuments(file), relative(repo, file)).not.toThrow();
  });
});

describe('deploy/: no plaintext secrets', () => {
  it('the detector flags literals and lets references and placeholders through', () => {
    expect(plaintextSecrets('password: hunter2')).toHaveLength(1);
    expect(plaintextSecrets('  DB_PASSWORD=s3cr3t')).toHaveLength(1);
    expect(plaintextSecrets('DATABASE_URL: postgres://app:hunter2@db:5432/shop')).toHaveLength(1);
    expect(plaintextSecrets('requirepass hunter2')).toHaveLength(1);
    expect(plaintextSecrets('api_key: "abc123"')).toHaveLength(1);
    expect(plaintextSecrets(`password: \${PASSWORD}`)).toEqual([]);
    expect(plaintextSecrets('POSTGRES_PASSWORD_FILE: /run/secrets/postgres-password')).toEqual([]);
    expect(plaintextSecrets('url: <postgres://app:PASSWORD@db:5432/shop>')).toEqual([]);
    expect(plaintextSecrets('password="$(random)"')).toEqual([]);
    expect(plaintextSecrets("printf 'redis://:%s@redis:6379'")).toEqual([]);
  });

  it('no file under deploy/ holds one', () => {
    for (const file of walk(deploy).filter((path) => !path.includes(`${join('compose', 'secrets')}/`))) {
      expect(plaintextSecrets(read(file)), relative(repo, file)).toEqual([]);
    }
  });

  it('no kustomization ships a Secret; the example Secrets hold only placeholders', () => {
    for (const overlay of ['development', 'staging', 'production']) {
      const kinds = resourcesOf(join(k8s, 'overlays', overlay)).map((o) => o.kind);
      expect(kinds).not.toContain('Secret');
    }
    const examples = yamlDocuments(join(k8s, 'secrets', 'secrets.example.yaml'));
    expect(examples.length).toBe(withDatabase.length + 2); // + shared, + identity
    for (const secret of examples) {
      expect(secret.data).toBeUndefined();
      for (const value of Object.values(obj(secret.stringData, metadataName(secret)))) {
        expect(String(value)).toMatch(/^<.*>$/);
      }
    }
  });
});

describe('deploy/docker', () => {
  const dockerfile = read(join(deploy, 'docker', 'Dockerfile'));
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));

  it('is a two-stage build on the pinned Node LTS, ending non-root with tini, a health check and NODE_ENV', () => {
    const froms = instructions.filter((line) => line.startsWith('FROM '));
    expect(instructions.indexOf('ARG NODE_VERSION=24')).toBeLessThan(instructions.indexOf(froms[0]!));
    expect(froms).toEqual([
      `FROM node:\${NODE_VERSION}-slim AS build`,
      `FROM node:\${NODE_VERSION}-slim AS runtime`,
    ]);
    const runtime = instructions.slice(instructions.indexOf(froms[1]!));
    expect(runtime).toContain('ENV NODE_ENV=production');
    expect(runtime.find((line) => line.startsWith('USER '))).toMatch(/^USER [1-9]\d*:[1-9]\d*$/);
    expect(runtime.find((line) => line.startsWith('HEALTHCHECK '))).toContain(
      'CMD ["node", "/app/healthcheck.mjs", "/health/live"]',
    );
    expect(runtime).toContain('ENTRYPOINT ["/usr/bin/tini", "--", "/usr/local/bin/emporium-entrypoint"]');
    expect(runtime).toContain('ARG SERVICE=""');
    expect(runtime).toContain(`ENV SERVICE=\${SERVICE}`);
    const build = instructions.slice(0, instructions.indexOf(froms[1]!)).join('\n');
    expect(build).toMatch(/npm ci\b/);
    expect(build).toMatch(/npm run build && npm prune --omit=dev/);
  });

  it('copies the manifest of every npm workspace before `npm ci`, and checks every service was built', () => {
    const workspaces = (JSON.parse(read(join(repo, 'package.json'))) as { workspaces: string[] }).workspaces;
    const packages = workspaces.flatMap((pattern) =>
      pattern.endsWith('/*')
        ? readdirSync(join(repo, pattern.slice(0, -2)))
            .map((name) => `${pattern.slice(0, -2)}/${name}`)
            .filter((dir) => existsSync(join(repo, dir, 'package.json')))
        : [pattern],
    );
    for (const dir of packages) expect(instructions).toContain(`COPY ${dir}/package.json ${dir}/`);
    const check = instructions.find((line) => line.includes('for service in'));
    for (const service of services) expect(check).toContain(` ${service}`);
  });

  it('copies only files that exist and that the intended .dockerignore keeps in the context', () => {
    const ignored = read(join(deploy, 'docker', 'dockerignore.txt'))
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
    for (const must of ['.git', '.data', '**/node_modules', '**/dist']) expect(ignored).toContain(must);
    const sources = instructions
      .filter((line) => line.startsWith('COPY ') && !line.includes('--from='))
      .map((line) => line.split(/\s+/)[1]!)
      .filter((source) => source !== '.');
    for (const source of sources) {
      expect(existsSync(join(repo, source)) || source.endsWith('package.json'), source).toBe(true);
      for (const pattern of ignored) {
        const prefix = pattern.replace(/^\*\*\//, '');
        expect(source === prefix || source.startsWith(`${prefix}/`), `${source} ignored by ${pattern}`).toBe(
          false,
        );
      }
    }
  });

  describe('entrypoint', () => {
    const script = join(deploy, 'docker', 'docker-entrypoint.sh');
    let app: string;

    beforeAll(() => {
      // The image's /app layout, with programs that report how they were started.
      app = mkdtempSync(join(tmpdir(), 'emporium-image-'));
      const report = `console.log(JSON.stringify({ argv: process.argv.slice(2), env: Object.fromEntries(Object.entries(process.env).filter(([k]) => k.endsWith('DATABASE_URL'))) }));`;
      for (const [dir, file] of [
        ['services/inventory/dist', 'main.js'],
        ['services/gateway/dist', 'main.js'],
        ['launcher/dist', 'migrate.js'],
      ] as const) {
        mkdirSync(join(app, dir), { recursive: true });
        writeFileSync(join(app, dir, file), report);
      }
    });
    afterAll(() => rmSync(app, { recursive: true, force: true }));

    function run(args: string[], env: Record<string, string>) {
      const result = spawnSync('sh', [script, ...args], {
        cwd: app,
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
        encoding: 'utf8',
      });
      return { status: result.status, stdout: result.stdout, stderr: result.stderr };
    }

    it('starts the service named by SERVICE', () => {
      const result = run([], { SERVICE: 'inventory' });
      expect(result.status).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual({ argv: [], env: {} });
    });

    it('refuses a missing or unknown SERVICE with exit 64 and the list of services', () => {
      for (const service of ['', 'nope', '../x']) {
        const result = run([], { SERVICE: service });
        expect(result.status, service).toBe(64);
        expect(result.stderr).toContain('available: gateway inventory');
      }
    });

    it('migrate: reads each *DATABASE_URL_FILE into its variable and passes the service list on', () => {
      const secret = join(app, 'inventory-database-url');
      writeFileSync(secret, 'postgres://inventory:pw@db:5432/emporium\n');
      const result = run(['migrate', 'inventory'], { INVENTORY_DATABASE_URL_FILE: secret });
      expect(result.status).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual({
        argv: ['inventory'],
        env: { INVENTORY_DATABASE_URL: 'postgres://inventory:pw@db:5432/emporium' },
      });
      const missing = run(['migrate'], { DATABASE_URL_FILE: join(app, 'absent') });
      expect(missing.status).toBe(1);
      expect(missing.stderr).toContain('DATABASE_URL_FILE: cannot read');
    });
  });

  describe('healthcheck.mjs', () => {
    const script = join(deploy, 'docker', 'healthcheck.mjs');
    let server: Server;
    let port: number;

    beforeAll(async () => {
      server = createServer((request, response) => {
        response.statusCode = request.url === '/health/live' ? 200 : 503;
        response.end('{}');
      });
      await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => {
      if (server.listening) server.close();
    });

    // Asynchronous: the server answering it lives in this process.
    function check(args: string[], env: Record<string, string>): Promise<number | null> {
      return new Promise((done, fail) => {
        const child = spawn(process.execPath, [script, ...args], { env, stdio: 'ignore' });
        child.on('error', fail);
        child.on('exit', (code) => done(code));
      });
    }

    it('exits 0 on a 2xx, 1 on any other answer or none', async () => {
      expect(await check([], { PORT: String(port) })).toBe(0);
      expect(await check(['/health/ready'], { PORT: String(port) })).toBe(1);
      await new Promise<void>((done) => server.close(() => done()));
      expect(await check([], { PORT: String(port), HEALTHCHECK_TIMEOUT_MS: '1000' })).toBe(1);
    });

    it('knows the port of every service when PORT is unset', () => {
      const table = read(script).match(/const defaultPorts = \{([^}]*)\}/)?.[1] ?? '';
      const parsed = Object.fromEntries(
        [...table.matchAll(/(\w+): (\d+)/g)].map((m) => [m[1]!, Number(m[2])] as const),
      );
      expect(parsed).toEqual(ports);
    });
  });
});

describe('deploy/compose', () => {
  const composeDir = join(deploy, 'compose');
  const compose = yamlFile(join(composeDir, 'compose.yaml'));
  const composeServices = obj(compose.services, 'services');
  const declaredSecrets = obj(compose.secrets, 'secrets');

  function service(name: string): Obj {
    return obj(composeServices[name], `service ${name}`);
  }
  function environment(name: string): Record<string, string> {
    return obj(service(name).environment ?? {}, `${name}.environment`) as Record<string, string>;
  }
  /** Secret name → the file it appears as in the container. */
  function secretFiles(name: string): Map<string, string> {
    const files = new Map<string, string>();
    for (const entry of list(service(name).secrets ?? [], `${name}.secrets`)) {
      const source = typeof entry === 'string' ? entry : String(obj(entry, 'secret').source);
      const target = typeof entry === 'string' ? entry : String(obj(entry, 'secret').target ?? source);
      files.set(source, target.startsWith('/') ? target : `/run/secrets/${target}`);
    }
    return files;
  }

  it('runs the twelve services from the one Dockerfile, each on its port, with a readiness health check', () => {
    for (const name of services) {
      const definition = service(name);
      expect(at(definition, 'build.context'), name).toBe('../..');
      expect(at(definition, 'build.dockerfile'), name).toBe('deploy/docker/Dockerfile');
      expect(at(definition, 'build.args.SERVICE'), name).toBe(name);
      expect(environment(name).PORT, name).toBe(String(ports[name]));
      expect(definition.expose, name).toEqual([String(ports[name])]);
      expect(at(definition, 'healthcheck.test'), name).toEqual([
        'CMD',
        'node',
        '/app/healthcheck.mjs',
        '/health/ready',
      ]);
      expect(definition.read_only, name).toBe(true);
      expect(environment(name).MIGRATE_ON_BOOT, name).toBe('false');
    }
    expect(service('gateway').ports).toEqual([`\${GATEWAY_PORT:-8080}:8080`]);
    for (const name of withDatabase) expect(service(name).ports, name).toBeUndefined();
  });

  it('sets only variables the services read, and secrets only through *_FILE', () => {
    for (const name of services) {
      for (const [variable, value] of Object.entries(environment(name))) {
        expect(settingNames.has(variable.replace(/_FILE$/, '')), `${name}: ${variable}`).toBe(true);
        if (/_URL_FILE$/.test(variable)) expect(value).toMatch(/^\/run\/secrets\//);
      }
      expect(environment(name).DATABASE_URL, name).toBeUndefined();
      expect(environment(name).REDIS_URL, name).toBeUndefined();
      expect(environment(name).AMQP_URL, name).toBeUndefined();
    }
  });

  it('mounts, for every *_FILE, a declared secret at that path; each service sees only its own database URL', () => {
    for (const name of [...services, 'migrate', 'postgres', 'grafana']) {
      const files = secretFiles(name);
      for (const source of files.keys()) expect(declaredSecrets[source], `${name}: ${source}`).toBeDefined();
      const mounted = new Set(files.values());
      for (const [variable, path] of Object.entries(environment(name))) {
        if (variable.endsWith('_FILE')) expect(mounted.has(path), `${name}: ${variable}=${path}`).toBe(true);
      }
      const databases = [...files.keys()].filter((s) => s.endsWith('-database-url'));
      if (services.includes(name)) {
        expect(databases, name).toEqual(name === 'gateway' ? [] : [`${name}-database-url`]);
      }
    }
  });

  it('migrates first: a one-shot with every service database URL, which the services wait for', () => {
    const migrate = service('migrate');
    expect(migrate.command).toEqual(['migrate']);
    expect(migrate.restart).toBe('no');
    expect(at(migrate, 'depends_on.postgres.condition')).toBe('service_healthy');
    for (const name of withDatabase) {
      expect(environment('migrate')[`${name.toUpperCase()}_DATABASE_URL_FILE`], name).toBe(
        `/run/secrets/${name}-database-url`,
      );
      expect(at(service(name), 'depends_on.migrate.condition'), name).toBe('service_completed_successfully');
      for (const infra of ['postgres', 'redis', 'rabbitmq']) {
        expect(at(service(name), `depends_on.${infra}.condition`), `${name} → ${infra}`).toBe(
          'service_healthy',
        );
      }
    }
    for (const name of withDatabase) {
      expect(at(service('gateway'), `depends_on.${name}.condition`), `gateway → ${name}`).toBe(
        'service_healthy',
      );
    }
  });

  it('depends only on services that exist, with valid conditions', () => {
    for (const [name, definition] of Object.entries(composeServices)) {
      for (const [dependency, condition] of Object.entries(
        obj(obj(definition, name).depends_on ?? {}, name),
      )) {
        expect(composeServices[dependency], `${name} → ${dependency}`).toBeDefined();
        expect(['service_started', 'service_healthy', 'service_completed_successfully']).toContain(
          at(condition, 'condition'),
        );
      }
    }
  });

  it('runs PostgreSQL 16, Redis 7 and RabbitMQ 3 with health checks, and the observability stack behind a profile', () => {
    expect(service('postgres').image).toBe('postgres:16');
    expect(service('redis').image).toBe('redis:7');
    expect(service('rabbitmq').image).toBe('rabbitmq:3-management');
    for (const name of ['postgres', 'redis', 'rabbitmq'])
      expect(service(name).healthcheck, name).toBeDefined();
    for (const name of ['otel-collector', 'jaeger', 'prometheus', 'grafana', 'loki']) {
      expect(service(name).profiles, name).toEqual(['observability']);
    }
    for (const name of [...services, 'postgres', 'redis', 'rabbitmq', 'migrate']) {
      expect(service(name).profiles, name).toBeUndefined();
    }
  });

  it('bind-mounts only files that exist', () => {
    for (const [name, definition] of Object.entries(composeServices)) {
      for (const volume of list(obj(definition, name).volumes ?? [], `${name}.volumes`)) {
        const source = String(volume).split(':')[0]!;
        if (source.startsWith('.'))
          expect(existsSync(resolve(composeDir, source)), `${name}: ${source}`).toBe(true);
      }
    }
  });

  it('init-secrets.sh creates every declared secret file, in the formats the services accept', () => {
    const dir = mkdtempSync(join(tmpdir(), 'emporium-secrets-'));
    try {
      const first = spawnSync('sh', [join(composeDir, 'init-secrets.sh')], {
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', SECRETS_DIR: dir },
        encoding: 'utf8',
      });
      expect(first.status, first.stderr).toBe(0);
      for (const [name, definition] of Object.entries(declaredSecrets)) {
        const file = String(obj(definition, name).file);
        expect(file.startsWith('./secrets/'), name).toBe(true);
        expect(existsSync(join(dir, file.slice('./secrets/'.length))), name).toBe(true);
      }
      const content = (name: string) => read(join(dir, name)).trim();
      const patternOf = (schema: unknown) => new RegExp(String((schema as { pattern: string }).pattern));
      const patterns = {
        database: patternOf(databaseSettings.databaseUrl),
        redis: patternOf(cacheSettings.redisUrl),
        amqp: patternOf(brokerSettings.amqpUrl),
      };
      for (const name of withDatabase) {
        expect(content(`${name}-database-url`)).toMatch(patterns.database);
        expect(content(`${name}-database-url`)).toMatch(
          new RegExp(`^postgres://${name}:[0-9a-f]{48}@postgres:5432/emporium$`),
        );
      }
      expect(content('redis-url')).toMatch(patterns.redis);
      expect(content('amqp-url')).toMatch(patterns.amqp);
      // The broker and cache are configured with the passwords the URLs carry.
      expect(content('redis.conf')).toBe(`requirepass ${content('redis-url').split(/[:@]/)[2]}`);
      expect(content('rabbitmq.conf')).toContain(`default_pass = ${content('amqp-url').split(/[:@]/)[2]}`);
      // Idempotent: a second run changes nothing.
      const before = content('user-database-url');
      spawnSync('sh', [join(composeDir, 'init-secrets.sh')], {
        env: { PATH: process.env.PATH ?? '', SECRETS_DIR: dir },
      });
      expect(content('user-database-url')).toBe(before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('deploy/k8s', () => {
  const base = join(k8s, 'base');
  const objects = resourcesOf(base);
  const ofKind = (kind: string) => objects.filter((o) => o.kind === kind);
  const named = (kind: string, name: string) => ofKind(kind).find((o) => metadataName(o) === name);
  const configLiterals = literalsOf(
    kustomizationAt(base).configMapGenerator?.find((g) => g.name === 'emporium-config'),
  );

  it('every kustomization references files that exist', () => {
    const dirs = walk(k8s)
      .filter((path) => path.endsWith('kustomization.yaml'))
      .map(dirname);
    expect(dirs.length).toBe(4);
    for (const dir of dirs) {
      const kustomization = kustomizationAt(dir);
      const referenced = [
        ...(kustomization.resources ?? []),
        ...(kustomization.components ?? []),
        ...(kustomization.patches ?? []).flatMap((p) => (p.path ? [p.path] : [])),
        ...(kustomization.configMapGenerator ?? []).flatMap((g) => g.files ?? []),
      ];
      for (const entry of referenced) {
        expect(existsSync(resolve(dir, entry)), `${relative(repo, dir)}: ${entry}`).toBe(true);
      }
    }
    const listed = new Set((kustomizationAt(base).resources ?? []).map((r) => resolve(base, r)));
    for (const file of walk(base).filter((path) => !path.endsWith('kustomization.yaml'))) {
      expect(listed.has(file), `${relative(repo, file)} is not in base/kustomization.yaml`).toBe(true);
    }
  });

  it('declares a Deployment, a Service, a headless Service and a PodDisruptionBudget per service', () => {
    expect(ofKind('Deployment').map(metadataName).sort()).toEqual([...services].sort());
    for (const name of services) {
      const service = named('Service', name);
      expect(at(service, 'spec.ports.0.port'), name).toBe(ports[name]);
      expect(at(service, 'spec.ports.0.targetPort'), name).toBe('http');
      const headless = named('Service', `${name}-headless`);
      expect(at(headless, 'spec.clusterIP'), name).toBe('None');
      expect(at(headless, 'spec.selector'), name).toEqual({ 'app.kubernetes.io/name': name });
      expect(at(named('PodDisruptionBudget', name), 'spec.selector.matchLabels'), name).toEqual({
        'app.kubernetes.io/name': name,
      });
    }
  });

  it('probes readiness on /health/ready and liveness on /health/live, on the service port', () => {
    for (const name of services) {
      const deployment = named('Deployment', name)!;
      const [container] = podSpec(deployment).containers;
      expect(container?.ports?.[0]?.containerPort, name).toBe(ports[name]);
      expect(container?.readinessProbe?.httpGet?.path, name).toBe('/health/ready');
      expect(portOf(container!, container?.readinessProbe?.httpGet?.port), name).toBe(ports[name]);
      expect(container?.livenessProbe?.httpGet?.path, name).toBe('/health/live');
      expect(portOf(container!, container?.livenessProbe?.httpGet?.port), name).toBe(ports[name]);
      expect(container?.startupProbe?.httpGet?.path, name).toBe('/health/live');
      const env = Object.fromEntries((container?.env ?? []).map((e) => [e.name, e.value]));
      expect(env.SERVICE, name).toBe(name);
      expect(env.PORT, name).toBe(String(ports[name]));
      expect(at(deployment, 'spec.selector.matchLabels'), name).toEqual({ 'app.kubernetes.io/name': name });
      expect(at(deployment, 'spec.template.metadata.annotations')).toMatchObject({
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': String(ports[name]),
      });
    }
  });

  it('runs every pod under the restricted Pod Security Standard, with requests and limits', () => {
    const pods = [...ofKind('Deployment'), ...ofKind('Job')];
    expect(pods.length).toBe(services.length + 1);
    for (const workload of pods) {
      const name = metadataName(workload);
      const spec = podSpec(workload);
      expect(spec.securityContext?.runAsNonRoot, name).toBe(true);
      expect(Number(spec.securityContext?.runAsUser), name).toBeGreaterThan(0);
      expect(at(spec.securityContext, 'seccompProfile.type'), name).toBe('RuntimeDefault');
      expect(spec.automountServiceAccountToken, name).toBe(false);
      for (const container of spec.containers) {
        expect(container.securityContext, name).toMatchObject({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        });
        expect(container.resources?.requests, name).toMatchObject({
          cpu: expect.any(String),
          memory: expect.any(String),
        });
        expect(container.resources?.limits?.memory, name).toEqual(expect.any(String));
        expect(
          container.volumeMounts?.find((m) => m.mountPath === '/tmp'),
          `${name}: writable /tmp`,
        ).toBeDefined();
      }
    }
    expect(at(named('Namespace', 'emporium'), 'metadata.labels')).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'restricted',
    });
  });

  it('drains before SIGTERM: preStop sleep inside the grace period', () => {
    for (const name of services) {
      const spec = podSpec(named('Deployment', name)!);
      const preStop = spec.containers[0]?.lifecycle?.preStop;
      const sleep = preStop?.sleep?.seconds ?? Number(preStop?.exec?.command.at(-1));
      expect(preStop?.exec?.command[0] ?? 'sleep', name).toBe('sleep');
      expect(sleep, name).toBeGreaterThanOrEqual(3);
      // The service's own drain (close-with-grace) takes up to 15 s after the signal.
      expect(spec.terminationGracePeriodSeconds, name).toBeGreaterThanOrEqual(sleep + 15);
    }
  });

  it('runs two replicas of each service, or lets an autoscaler (gateway, product, search, order) do it', () => {
    const hpas = ofKind('HorizontalPodAutoscaler');
    expect(hpas.map((h) => at(h, 'spec.scaleTargetRef.name')).sort()).toEqual([...autoscaled].sort());
    for (const hpa of hpas) {
      expect(at(hpa, 'spec.scaleTargetRef.kind')).toBe('Deployment');
      expect(Number(at(hpa, 'spec.minReplicas'))).toBeGreaterThanOrEqual(2);
    }
    for (const name of services) {
      const replicas = at(named('Deployment', name), 'spec.replicas');
      if (autoscaled.includes(name)) expect(replicas, `${name}: owned by its HPA`).toBeUndefined();
      else expect(replicas, name).toBe(2);
    }
  });

  it('feeds settings from the ConfigMap and secrets only as mounted files, each service its own database URL', () => {
    for (const key of Object.keys(configLiterals)) expect(settingNames.has(key), key).toBe(true);
    expect(configLiterals).toMatchObject({
      MIGRATE_ON_BOOT: 'false',
      DISCOVERY: 'dns',
      DNS_TEMPLATE: '{service}-headless.emporium.svc.cluster.local',
    });
    for (const name of services) {
      const spec = podSpec(named('Deployment', name)!);
      const container = spec.containers[0]!;
      expect(container.envFrom).toEqual([{ configMapRef: { name: 'emporium-config' } }]);
      const files = mountedSecretFiles(spec, container);
      for (const variable of container.env ?? []) {
        if (['SERVICE', 'POD_IP'].includes(variable.name)) continue;
        expect(settingNames.has(variable.name.replace(/_FILE$/, '')), `${name}: ${variable.name}`).toBe(true);
        expect(variable.name, `${name}: a credential URL must come from a file`).not.toMatch(
          /^(DATABASE|REDIS|AMQP)_URL$/,
        );
        if (variable.name.endsWith('_FILE')) {
          expect(files.has(variable.value ?? ''), `${name}: ${variable.name}=${variable.value}`).toBe(true);
        }
      }
      const databases = [...files.values()].filter((f) => f.key === 'database-url').map((f) => f.secret);
      expect(databases, name).toEqual(name === 'gateway' ? [] : [`emporium-db-${name}`]);
    }
  });

  it('migrates with a Job that gets every service database URL from its own Secret', () => {
    const job = named('Job', 'emporium-migrate')!;
    const spec = podSpec(job);
    const container = spec.containers[0]!;
    expect(container.args).toEqual(['migrate']);
    expect(spec.restartPolicy).toBe('Never');
    const files = mountedSecretFiles(spec, container);
    const env = Object.fromEntries((container.env ?? []).map((e) => [e.name, e.value ?? '']));
    for (const name of withDatabase) {
      const path = env[`${name.toUpperCase()}_DATABASE_URL_FILE`] ?? '';
      expect(files.get(path), name).toEqual({ secret: `emporium-db-${name}`, key: 'database-url' });
    }
    expect(obj(at(job, 'metadata.labels'), 'job labels')['app.kubernetes.io/component']).toBe('migrate');
  });

  it('lets only the gateway in from the ingress, and the services in from the gateway and each other', () => {
    const policies = ofKind('NetworkPolicy');
    const denyAll = policies.find((p) => JSON.stringify(at(p, 'spec.podSelector')) === '{}');
    expect(at(denyAll, 'spec.policyTypes')).toEqual(['Ingress']);
    expect(at(denyAll, 'spec.ingress')).toBeUndefined();
    const fromOutside = policies.filter((p) =>
      JSON.stringify(at(p, 'spec.ingress') ?? []).includes('ingress-nginx'),
    );
    expect(fromOutside.map((p) => at(p, 'spec.podSelector'))).toEqual([
      { matchLabels: { 'app.kubernetes.io/name': 'gateway' } },
    ]);
    const internal = named('NetworkPolicy', 'services-from-emporium')!;
    expect(at(internal, 'spec.podSelector.matchExpressions')).toEqual([
      { key: 'app.kubernetes.io/name', operator: 'NotIn', values: ['gateway'] },
    ]);
    expect(at(internal, 'spec.ingress.0.from')).toEqual([
      {
        podSelector: {
          matchLabels: { 'app.kubernetes.io/part-of': 'emporium', 'app.kubernetes.io/component': 'service' },
        },
      },
    ]);
    const ingress = ofKind('Ingress');
    expect(ingress.length).toBe(1);
    const backends = JSON.stringify(at(ingress[0], 'spec.rules')).match(/"service":\{"name":"[^"]+"/g);
    expect(new Set(backends)).toEqual(new Set(['"service":{"name":"gateway"']));
  });

  for (const overlay of ['development', 'staging', 'production']) {
    it(`overlay ${overlay}: its profile, a pinned image, and patches that target what the base declares`, () => {
      const dir = join(k8s, 'overlays', overlay);
      const kustomization = kustomizationAt(dir);
      expect(kustomization.resources).toEqual(['../../base']);
      const config = kustomization.configMapGenerator?.find((g) => g.name === 'emporium-config');
      expect(config?.behavior).toBe('merge');
      expect(literalsOf(config).EMPORIUM_PROFILE).toBe(overlay);
      for (const key of Object.keys(literalsOf(config))) expect(settingNames.has(key), key).toBe(true);
      const image = kustomization.images?.find((i) => i.name === 'emporium');
      expect(image?.newTag ?? image?.digest).toBeTruthy();
      expect(image?.newTag).not.toBe('latest');
      for (const replica of kustomization.replicas ?? []) {
        expect(services, replica.name).toContain(replica.name);
        expect(autoscaled, `${replica.name} is autoscaled`).not.toContain(replica.name);
      }
      for (const patch of kustomization.patches ?? []) {
        const kind = at(patch.target, 'kind');
        const name = at(patch.target, 'name');
        expect(
          objects.some((o) => o.kind === kind && (name === undefined || metadataName(o) === name)),
          `${overlay}: ${JSON.stringify(patch.target)}`,
        ).toBe(true);
      }
    });
  }

  const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
  it.skipIf(!kubectl)('kubectl kustomize renders every overlay into the emporium namespace', () => {
    for (const overlay of ['development', 'staging', 'production']) {
      const rendered = spawnSync('kubectl', ['kustomize', join(k8s, 'overlays', overlay)], {
        encoding: 'utf8',
        maxBuffer: 16 * 1024 * 1024,
      });
      expect(rendered.status, rendered.stderr).toBe(0);
      const docs = parseAllDocuments(rendered.stdout, { version: '1.1' }).map((d) => d.toJS() as Obj);
      const deployments = docs.filter((d) => d.kind === 'Deployment');
      expect(deployments.length, overlay).toBe(services.length);
      const configMap = docs.find((d) => d.kind === 'ConfigMap');
      expect(at(configMap, 'data.EMPORIUM_PROFILE'), overlay).toBe(overlay);
      for (const doc of docs) {
        if (doc.kind !== 'Namespace')
          expect(at(doc, 'metadata.namespace'), `${overlay}: ${doc.kind}`).toBe('emporium');
      }
      for (const deployment of deployments) {
        const container = podSpec(deployment).containers[0]!;
        expect(container.envFrom?.[0]?.configMapRef?.name).toBe(metadataName(configMap!));
        expect(container.image).not.toBe('emporium');
      }
    }
  });
});

describe('deploy/observability', () => {
  const prometheus = yamlFile(join(observability, 'prometheus', 'prometheus.yml'));
  const rules = yamlFile(join(observability, 'prometheus', 'rules', 'emporium.rules.yml'));
  const dashboard = JSON.parse(
    read(join(observability, 'grafana', 'dashboards', 'emporium-overview.json')),
  ) as Obj;
  const compose = yamlFile(join(deploy, 'compose', 'compose.yaml'));
  const composeServices = obj(compose.services, 'services');

  /** Series names the services really export (prom-client defaults, the HTTP histogram, the event metrics). */
  let exported: Set<string>;
  beforeAll(async () => {
    const metrics = createMetrics('deploy-test');
    createEventMetrics(metrics.registry, {
      backlog: async () => ({ count: 0, oldestAgeSeconds: 0 }),
      deadLetterDepth: async () => [{ queue: 'analytics.order.created', count: 0 }],
    });
    const families = await metrics.registry.getMetricsAsJSON();
    exported = new Set(
      families.flatMap((family) =>
        String(family.type) === 'histogram'
          ? [`${family.name}_bucket`, `${family.name}_count`, `${family.name}_sum`]
          : [family.name],
      ),
    );
  });
  const metricNames = (expr: string) =>
    expr.match(/\b(?:http|process|nodejs|emporium|outbox|events?)_[a-z0-9_]+/g) ?? [];

  it('Prometheus scrapes every service on its port, labelled by service', () => {
    const job = list(prometheus.scrape_configs, 'scrape_configs')
      .map((c) => obj(c, 'scrape config'))
      .find((c) => c.job_name === 'emporium');
    const targets = Object.fromEntries(
      list(job?.dns_sd_configs, 'dns_sd_configs').map((c) => {
        const config = obj(c, 'dns_sd_config');
        return [String(list(config.names, 'names')[0]), config.port];
      }),
    );
    expect(targets).toEqual(ports);
    expect(job?.metrics_path).toBe('/metrics');
    expect(at(job, 'relabel_configs.0.target_label')).toBe('service');
    // The rules folder is mounted where rule_files looks.
    const mounts = list(at(composeServices, 'prometheus.volumes'), 'prometheus volumes').map(String);
    expect(mounts).toContain('../observability/prometheus/rules:/etc/prometheus/rules:ro');
    expect(prometheus.rule_files).toEqual(['/etc/prometheus/rules/*.yml']);
  });

  it('every alert has expr, for, labels.severity and annotations.summary, on metrics that exist', () => {
    const alerts = list(rules.groups, 'groups').flatMap((g) =>
      list(obj(g, 'group').rules, 'rules').map((r) => obj(r, 'rule')),
    );
    const names = alerts.map((a) => a.alert);
    for (const required of [
      'EmporiumServiceDown',
      'EmporiumHighErrorRatio',
      'EmporiumRouteLatencyP99High',
      'EmporiumReadinessFailing',
      'EmporiumOutboxBacklogGrowing',
      'EmporiumDeadLettersPresent',
    ]) {
      expect(names).toContain(required);
    }
    for (const alert of alerts) {
      const name = String(alert.alert);
      expect(String(alert.expr).trim(), name).not.toBe('');
      expect(String(alert.for), name).toMatch(/^\d+[smh]$/);
      expect(['warning', 'critical'], name).toContain(at(alert, 'labels.severity'));
      expect(String(at(alert, 'annotations.summary')), name).not.toBe('');
      for (const metric of metricNames(String(alert.expr))) {
        expect(exported.has(metric), `${name}: ${metric}`).toBe(true);
      }
    }
    const byName = (n: string) => String(alerts.find((a) => a.alert === n)?.expr);
    expect(byName('EmporiumOutboxBacklogGrowing')).toContain('outbox_backlog_events');
    expect(byName('EmporiumOutboxStuck')).toContain('outbox_oldest_unsent_age_seconds');
    expect(byName('EmporiumDeadLettersPresent')).toContain('event_dead_letters');
    expect(byName('EmporiumHighErrorRatio')).toContain('status_code=~"5.."');
    expect(byName('EmporiumRouteLatencyP99High')).toMatch(
      /histogram_quantile\(0\.99,[\s\S]*by \(service, route, le\)/,
    );
  });

  it('the Grafana dashboard shows RED per service and route from the histogram, and Node process health', () => {
    expect(dashboard.uid).toBe('emporium-overview');
    const panels = list(dashboard.panels, 'panels').map((p) => obj(p, 'panel'));
    const queries = panels.flatMap((p) =>
      list(p.targets ?? [], 'targets').map((t) => String(obj(t, 'target').expr)),
    );
    const red = queries.filter((q) => q.includes('http_request_duration_seconds'));
    expect(red.length).toBeGreaterThanOrEqual(10);
    for (const quantile of ['0.5', '0.95', '0.99']) {
      expect(red.some((q) => q.includes(`histogram_quantile(${quantile},`) && q.includes('route'))).toBe(
        true,
      );
      expect(
        red.some((q) => q.includes(`histogram_quantile(${quantile},`) && /by \(service, le\)/.test(q)),
      ).toBe(true);
    }
    expect(
      red.some((q) => q.includes('status_code=~"5.."') && q.includes('by (service, method, route)')),
    ).toBe(true);
    for (const metric of ['process_resident_memory_bytes', 'nodejs_eventloop_lag_p99_seconds']) {
      expect(
        queries.some((q) => q.includes(metric)),
        metric,
      ).toBe(true);
    }
    for (const query of queries) {
      for (const metric of metricNames(query)) {
        expect(exported.has(metric), metric).toBe(true);
      }
    }
    // Panels point at the provisioned Prometheus datasource, and do not overlap.
    const datasources = yamlFile(
      join(observability, 'grafana', 'provisioning', 'datasources', 'emporium.yaml'),
    );
    const uids = list(datasources.datasources, 'datasources').map((d) => obj(d, 'datasource').uid);
    expect(uids).toEqual(['prometheus', 'loki', 'jaeger']);
    const cells = new Set<string>();
    for (const panel of panels) {
      if (panel.type !== 'row') expect(at(panel, 'datasource.uid'), String(panel.title)).toBe('prometheus');
      const { x, y, w, h } = obj(panel.gridPos, 'gridPos') as Record<string, number>;
      for (let row = y!; row < y! + h!; row++) {
        for (let column = x!; column < x! + w!; column++) {
          expect(cells.has(`${row}:${column}`), `${panel.title} overlaps`).toBe(false);
          cells.add(`${row}:${column}`);
        }
      }
    }
  });

  it('Grafana loads the dashboards folder that Compose mounts', () => {
    const providers = yamlFile(join(observability, 'grafana', 'provisioning', 'dashboards', 'emporium.yaml'));
    const path = at(providers, 'providers.0.options.path');
    const mounts = list(at(composeServices, 'grafana.volumes'), 'grafana volumes').map(String);
    expect(mounts).toContain(`../observability/grafana/dashboards:${path}:ro`);
    expect(mounts).toContain('../observability/grafana/provisioning:/etc/grafana/provisioning:ro');
  });

  it('the collector wires only defined components, to Jaeger and Loki services that Compose runs', () => {
    const collector = yamlFile(join(observability, 'otel-collector', 'otel-collector.yaml'));
    for (const [name, pipeline] of Object.entries(obj(at(collector, 'service.pipelines'), 'pipelines'))) {
      for (const part of ['receivers', 'processors', 'exporters']) {
        for (const component of list(obj(pipeline, name)[part], `${name}.${part}`)) {
          expect(
            obj(collector[part], part)[String(component)],
            `${name}: ${part} ${component}`,
          ).toBeDefined();
        }
      }
    }
    expect(at(collector, 'exporters.otlp/jaeger.endpoint')).toBe('jaeger:4317');
    expect(at(collector, 'exporters.otlphttp/loki.endpoint')).toBe('http://loki:3100/otlp');
    const loki = yamlFile(join(observability, 'loki', 'loki.yaml'));
    expect(at(loki, 'server.http_listen_port')).toBe(3100);
    expect(at(loki, 'limits_config.allow_structured_metadata')).toBe(true);
    for (const name of ['jaeger', 'loki']) expect(composeServices[name]).toBeDefined();
    expect(at(collector, 'receivers.otlp.protocols.http.endpoint')).toBe('0.0.0.0:4318');
  });
});
