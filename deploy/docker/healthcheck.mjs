// Container health check for the Emporium image: `node /app/healthcheck.mjs [path]`
// (default /health/live) asks this container's own service and exits 0 on a 2xx,
// 1 otherwise. Slim images have no curl; node's fetch does the job.

/** The ports DESIGN.md fixes for each service, used when PORT is not set. */
const defaultPorts = {
  gateway: 8080,
  registry: 8081,
  config: 8082,
  user: 8083,
  product: 8084,
  search: 8085,
  inventory: 8086,
  order: 8087,
  payment: 8088,
  recommendation: 8089,
  notification: 8090,
  analytics: 8091,
};

const path = process.argv[2] ?? '/health/live';
const port = process.env.PORT || defaultPorts[process.env.SERVICE ?? ''] || 8080;
const timeoutMs = Number(process.env.HEALTHCHECK_TIMEOUT_MS ?? 4000);

try {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) process.stderr.write(`${path} answered ${response.status}\n`);
  process.exit(response.ok ? 0 : 1);
} catch (error) {
  process.stderr.write(`${path} unreachable on port ${port}: ${error.message}\n`);
  process.exit(1);
}
