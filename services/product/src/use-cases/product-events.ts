import { createEnvelope } from '@emporium/contracts/events/envelope';
import { productCreated, productDeleted, productUpdated } from '@emporium/contracts/events/product-events';
import { enqueueEvents } from '@emporium/platform/events/enqueue-events';
import { traceContextOf } from '@emporium/platform/events/event-trace';
import type { RequestContext } from '@emporium/platform/http/request-context';
import type { ProductExecutor } from '../db/database.js';
import { outbox } from '../db/schema.js';
import { productDeletedData, productEventData } from '../domain/product-event-data.js';
import type { ProductRecord } from '../domain/product-record.js';
import type { ProductDeps } from './deps.js';

type Change = 'created' | 'updated';
const definitions = { created: productCreated, updated: productUpdated };

/** Writes `product.created` / `product.updated` (the full document) in the change's transaction. */
export async function announceProduct(
  deps: ProductDeps,
  ctx: Pick<RequestContext, 'trace'> | undefined,
  tx: ProductExecutor,
  change: Change,
  product: ProductRecord,
): Promise<void> {
  await deps.events.enqueue(
    tx,
    createEnvelope(definitions[change], {
      subject: product.id,
      data: productEventData(product),
      ...(ctx ? traceContextOf(ctx.trace) : {}),
    }),
  );
}

/** The same for many products at once (import, seed, a category renamed): three statements in all. */
export async function announceProducts(
  ctx: Pick<RequestContext, 'trace'> | undefined,
  tx: ProductExecutor,
  change: Change,
  products: ProductRecord[],
): Promise<void> {
  const trace = ctx ? traceContextOf(ctx.trace) : {};
  await enqueueEvents(
    tx,
    outbox,
    products.map((product) =>
      createEnvelope(definitions[change], { subject: product.id, data: productEventData(product), ...trace }),
    ),
  );
}

/** `product.deleted`: the product was archived and its SKUs are no longer sold. */
export async function announceProductDeleted(
  deps: ProductDeps,
  ctx: Pick<RequestContext, 'trace'>,
  tx: ProductExecutor,
  product: ProductRecord,
): Promise<void> {
  await deps.events.enqueue(
    tx,
    createEnvelope(productDeleted, {
      subject: product.id,
      data: productDeletedData(product, new Date()),
      ...traceContextOf(ctx.trace),
    }),
  );
}
