import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInOrder {
  id: string;
  status: string;
  customerId: string | null;
  currency: string;
  totalMinor: number;
}

/**
 * Stands in for the order service's `GET /api/v1/orders/:id` (its response
 * shape, trimmed to the members payments read), so these suites test the
 * payment service alone. It answers only a caller that sent credentials and
 * records the Authorization headers it got, so a suite can check they were
 * the caller's own.
 */
export async function startOrderStandIn() {
  const orders = new Map<string, StandInOrder>();
  const authorizations: string[] = [];
  const server = createServer((request, response) => {
    const id = request.url?.match(/^\/api\/v1\/orders\/([0-9a-f-]{36})$/)?.[1];
    const authorization = request.headers.authorization;
    if (authorization) authorizations.push(authorization);
    const order = id ? orders.get(id) : undefined;
    const status = !authorization ? 401 : order ? 200 : 404;
    const body = order
      ? {
          ...order,
          number: `EMP-${order.id.slice(0, 8)}`,
          email: 'customer@example.com',
          subtotalMinor: order.totalMinor,
          shippingMinor: 0,
          taxMinor: 0,
          discountMinor: 0,
          lines: [],
          history: [],
        }
      : { code: status === 401 ? 'UNAUTHENTICATED' : 'ORDER_NOT_FOUND', status };
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    authorizations,
    /** A new order awaiting payment (or in `status`). */
    add(customerId: string | null, totalMinor: number, status = 'pending_payment', currency = 'EUR') {
      const order = { id: randomUUID(), status, customerId, currency, totalMinor };
      orders.set(order.id, order);
      return order;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type OrderStandIn = Awaited<ReturnType<typeof startOrderStandIn>>;
