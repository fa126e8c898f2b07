import { analyticsService } from '@emporium/analytics/service';
import { configService } from '@emporium/config/service';
import { gatewayService } from '@emporium/gateway/service';
import { inventoryService } from '@emporium/inventory/service';
import { notificationService } from '@emporium/notification/service';
import { orderService } from '@emporium/order/service';
import { paymentService } from '@emporium/payment/service';
import type { ServiceDefinition } from '@emporium/platform/service/service-definition';
import { productService } from '@emporium/product/service';
import { recommendationService } from '@emporium/recommendation/service';
import { registryService } from '@emporium/registry/service';
import { searchService } from '@emporium/search/service';
import { userService } from '@emporium/user/service';

/**
 * The twelve components of the architecture, in start order: discovery and
 * configuration first (config before the registry, whose live settings it serves), the business services next, the gateway last (it
 * fronts all of them). `offset` places each one on `gatewayPort + offset`.
 */
export const serviceCatalog: Array<{ definition: ServiceDefinition; offset: number }> = [
  { definition: configService, offset: 2 },
  { definition: registryService, offset: 1 },
  { definition: userService, offset: 3 },
  { definition: productService, offset: 4 },
  { definition: searchService, offset: 5 },
  { definition: inventoryService, offset: 6 },
  { definition: orderService, offset: 7 },
  { definition: paymentService, offset: 8 },
  { definition: recommendationService, offset: 9 },
  { definition: notificationService, offset: 10 },
  { definition: analyticsService, offset: 11 },
  { definition: gatewayService, offset: 0 },
] as Array<{ definition: ServiceDefinition; offset: number }>;

export const serviceNames = serviceCatalog.map((entry) => entry.definition.name);
