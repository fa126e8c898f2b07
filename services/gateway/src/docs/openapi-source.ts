import type { GatewayDeps } from '../deps.js';
import { upstreamServices } from '../routing/route-table.js';
import { instanceOf, targetOf } from '../upstream/upstreams.js';
import {
  type MergedOpenApi,
  mergeOpenApi,
  type OpenApiDocument,
  type ServiceDocument,
} from './merge-openapi.js';

export interface OpenApiSource {
  /** The merged document, rebuilt at most once per `docsCacheMs`; concurrent callers share one rebuild. */
  get(): Promise<MergedOpenApi>;
}

export function createOpenApiSource(
  deps: GatewayDeps,
  gateway: { version: string; document: () => OpenApiDocument },
): OpenApiSource {
  let cached: { document: MergedOpenApi; at: number } | undefined;
  let building: Promise<MergedOpenApi> | undefined;

  async function build(): Promise<MergedOpenApi> {
    const services = await Promise.all(upstreamServices.map((service) => fetchDocument(deps, service)));
    const own = { service: 'gateway', url: null, document: gateway.document() };
    const document = mergeOpenApi(own, services, gateway.version);
    cached = { document, at: Date.now() };
    return document;
  }

  return {
    get() {
      if (cached && Date.now() - cached.at < deps.config.docsCacheMs) return Promise.resolve(cached.document);
      building ??= build().finally(() => {
        building = undefined;
      });
      return building;
    },
  };
}

/** A service's `/openapi.json`; a service that is down or answers badly is reported, not thrown. */
async function fetchDocument(deps: GatewayDeps, service: string): Promise<ServiceDocument> {
  const url = (await instanceOf(deps.locator, service)) ?? null;
  if (url === null) return { service, url, error: 'no known instance' };
  const target = targetOf(url);
  try {
    const response = await deps.upstreams.get(service).agent.request({
      origin: target.origin,
      path: `${target.basePath}/openapi.json`,
      method: 'GET',
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(deps.config.probeTimeoutMs),
    });
    if (response.statusCode !== 200) {
      await response.body.dump();
      return { service, url, error: `answered ${response.statusCode}` };
    }
    const document = (await response.body.json()) as OpenApiDocument;
    if (typeof document !== 'object' || document === null || typeof document.paths !== 'object') {
      return { service, url, error: 'not an OpenAPI document' };
    }
    return { service, url, document };
  } catch (error) {
    return { service, url, error: (error as Error).message };
  }
}
