import type { RequestContext } from '@emporium/platform/http/request-context';
import type { ServiceClient } from '@emporium/platform/resilience/service-client';
import { unexpected } from './upstream-answer.js';

/** The product service's answer for one SKU (`GET /api/v1/products/by-sku/:sku`), as far as orders need it. */
export interface SkuPrice {
  productId: string;
  sku: string;
  title: string;
  variantTitle?: string | undefined;
  priceMinor: number;
  currency: string;
  status: string;
}

export interface ProductClient {
  /** Undefined when no product sells the SKU. */
  skuPrice(ctx: RequestContext, sku: string): Promise<SkuPrice | undefined>;
}

export function createProductClient(client: ServiceClient): ProductClient {
  return {
    async skuPrice(ctx, sku) {
      const response = await client.call<SkuPrice>(ctx, {
        method: 'GET',
        path: `/api/v1/products/by-sku/${encodeURIComponent(sku)}`,
      });
      if (response.status === 200) return response.body;
      if (response.status === 404) return undefined;
      throw unexpected('product', response);
    },
  };
}

/** A SKU can be put in a cart and ordered only while its product is published. */
export const isForSale = (price: SkuPrice | undefined): price is SkuPrice => price?.status === 'active';

/** The line title an order keeps: the product's, with the variant's when it names one. */
export function lineTitleOf(price: SkuPrice): string {
  const variant = price.variantTitle?.trim();
  return variant && variant !== price.title && variant.toLowerCase() !== 'default'
    ? `${price.title} – ${variant}`
    : price.title;
}
