import { commonSettings, databaseSettings } from '@emporium/platform/config/common';
import { Type } from 'typebox';

export const ConfigServiceConfig = Type.Object(
  {
    ...commonSettings,
    ...databaseSettings,
    port: Type.Integer({ minimum: 0, maximum: 65535, default: 8082 }),
    /**
     * Where the `<profile>/<service>.yaml` documents are seeded from: the same
     * `EMPORIUM_CONFIG_DIR` the boot loader reads, `./config` when unset.
     */
    emporiumConfigDir: Type.Optional(Type.String({ minLength: 1 })),
    /** Load the YAML documents at start, adding a version only where a file changed. */
    seedOnBoot: Type.Boolean({ default: true }),
    /** How often a replica asks the database for versions written by another replica. */
    eventsPollIntervalMs: Type.Integer({ minimum: 50, maximum: 60_000, default: 1_000 }),
    /** Comment lines on idle event streams, so proxies and clients keep them open. */
    eventsKeepAliveMs: Type.Integer({ minimum: 1_000, maximum: 120_000, default: 15_000 }),
  },
  { additionalProperties: false },
);
