import { freePort } from '@emporium/platform/db/embedded-postgres';

/**
 * Ports for every service, decided before any starts so each one's
 * SERVICE_URLS can name all the others. `gatewayPort` 0 means "any free
 * ports" (tests, benchmarks, a second copy beside a running one).
 */
export async function allocatePorts(
  services: Array<{ name: string; offset: number }>,
  gatewayPort: number,
): Promise<Map<string, number>> {
  const ports = new Map<string, number>();
  for (const { name, offset } of services) {
    ports.set(name, gatewayPort === 0 ? await freePort() : gatewayPort + offset);
  }
  return ports;
}

export function serviceUrlsOf(ports: Map<string, number>): string {
  return [...ports].map(([name, port]) => `${name}=http://127.0.0.1:${port}`).join(',');
}
