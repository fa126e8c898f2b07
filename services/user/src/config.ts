import { cacheSettings, commonSettings, databaseSettings } from '@emporium/platform/config/common';
import { Type } from 'typebox';

export const UserConfig = Type.Object(
  {
    ...commonSettings,
    ...databaseSettings,
    ...cacheSettings,
    port: Type.Integer({ minimum: 0, maximum: 65535, default: 8083 }),
  },
  { additionalProperties: false },
);
