import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gatewayService } from '@emporium/gateway/service';
import { createInProcessBroker } from '@emporium/platform/events/in-process-broker';
import { type RunningService, startService } from '@emporium/platform/service/start-service';
import { productService } from '@emporium/product/service';
import { searchService } from '@emporium/search/service';

export interface CatalogServices {
  product: RunningService;
  search: RunningService;
  gateway: RunningService;
  close: () => Promise<void>;
}

const quiet = { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', LIVE_CONFIG: 'false' };

/**
 * Product, search and the gateway in this process, as in embedded mode, on
 * one database. Each service gets a broker of its own: the catalog is
 * seeded into both directly, so search must not also replay the product
 * service's announcements of it while it is measured.
 */
export async function startCatalogServices(databaseUrl: string): Promise<CatalogServices> {
  const started: RunningService[] = [];
  const close = async () => {
    for (const service of [...started].reverse()) await service.close().catch(() => {});
  };
  try {
    const env = { ...quiet, DATABASE_URL: databaseUrl, DATABASE_POOL_MAX: '10', SEED_CHUNK_SIZE: '1000' };
    const productBroker = createInProcessBroker();
    const product = await startService(productService, { inProcessBroker: productBroker, env });
    started.push(product);
    const searchBroker = createInProcessBroker();
    const search = await startService(searchService, { inProcessBroker: searchBroker, env });
    started.push(search);
    productBroker.open();
    searchBroker.open();
    // The gateway's per-client rate limit would answer most of one client's load with 429s.
    const gateway = await startService(gatewayService, {
      env: { ...quiet, SERVICE_URLS: `product=${product.url},search=${search.url}`, RATE_LIMITING: 'false' },
    });
    started.push(gateway);
    return { product, search, gateway, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The floor: a bare `node:http` server answering fixed bytes. */
export async function startBareServer(
  body: Buffer,
  contentType: string,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': contentType, 'content-length': body.length });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
