import { requireAuthenticated } from '@emporium/platform/auth/auth-hooks';
import type { HttpApp } from '@emporium/platform/http/create-http-app';
import { addCartItem } from '../use-cases/add-cart-item.js';
import { changeCartItem, removeCartItem } from '../use-cases/change-cart-item.js';
import { createCart } from '../use-cases/create-cart.js';
import type { OrderDeps } from '../use-cases/deps.js';
import { getCart } from '../use-cases/get-cart.js';
import { mergeGuestCart } from '../use-cases/merge-carts.js';
import { viewCart } from '../use-cases/steps/view-cart.js';
import { callerOf } from './caller-of.js';
import {
  CartItemInput,
  CartItemParams,
  CartParams,
  CartQuantityInput,
  CartView,
  CreatedCartView,
  MergedCartView,
} from './cart-schemas.js';

/**
 * Carts, for guests (opened with the `X-Cart-Token` handed out at creation)
 * and signed-in customers (their own cart only). Authentication is optional
 * here; ownership is checked by every use case.
 */
export function cartsRoutes(app: HttpApp, deps: OrderDeps): void {
  app.post(
    '/api/v1/carts',
    { schema: { tags: ['cart'], response: { 200: CreatedCartView, 201: CreatedCartView } } },
    async (request, reply) => {
      const created = await createCart(deps, request.ctx, callerOf(request));
      const view = await viewCart(deps, request.ctx, created.stored);
      reply.code(created.created ? 201 : 200).header('location', `/api/v1/carts/${view.id}`);
      return created.token ? { ...view, cartToken: created.token } : view;
    },
  );

  app.get(
    '/api/v1/carts/:id',
    { schema: { tags: ['cart'], params: CartParams, response: { 200: CartView } } },
    async (request) => getCart(deps, request.ctx, callerOf(request), request.params.id),
  );

  app.post(
    '/api/v1/carts/:id/items',
    { schema: { tags: ['cart'], params: CartParams, body: CartItemInput, response: { 200: CartView } } },
    async (request) =>
      addCartItem(deps, request.ctx, callerOf(request), { cartId: request.params.id, ...request.body }),
  );

  app.patch(
    '/api/v1/carts/:id/items/:sku',
    {
      schema: {
        tags: ['cart'],
        params: CartItemParams,
        body: CartQuantityInput,
        response: { 200: CartView },
      },
    },
    async (request) =>
      changeCartItem(deps, request.ctx, callerOf(request), {
        cartId: request.params.id,
        sku: request.params.sku,
        quantity: request.body.quantity,
      }),
  );

  app.delete(
    '/api/v1/carts/:id/items/:sku',
    { schema: { tags: ['cart'], params: CartItemParams, response: { 200: CartView } } },
    async (request) =>
      removeCartItem(deps, request.ctx, callerOf(request), {
        cartId: request.params.id,
        sku: request.params.sku,
      }),
  );

  app.post(
    '/api/v1/carts/:id/merge',
    {
      preHandler: requireAuthenticated,
      schema: {
        tags: ['cart'],
        description: "At login: the guest cart `id` (with its X-Cart-Token) joins the customer's cart.",
        params: CartParams,
        response: { 200: MergedCartView },
      },
    },
    async (request) => {
      const merged = await mergeGuestCart(deps, request.ctx, callerOf(request), request.params.id);
      return { ...merged.cart, skipped: merged.skipped };
    },
  );
}
