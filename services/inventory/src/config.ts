import { cacheSettings, commonSettings, databaseSettings } from '@emporium/platform/config/common';
import { Type } from 'typebox';

export const InventoryConfig = Type.Object(
  {
    ...commonSettings,
    ...databaseSettings,
    ...cacheSettings,
    port: Type.Integer({ minimum: 0, maximum: 65535, default: 8086 }),
    /** Applied to stock rows created without an explicit threshold. */
    defaultLowStockThreshold: Type.Integer({ minimum: 0, default: 5 }),
  },
  { additionalProperties: false },
);
