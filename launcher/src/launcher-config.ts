import { Type } from 'typebox';

/** The embedded launcher's own settings (PORT, ADMIN_EMAIL, ...), loaded like any service's. */
export const LauncherConfig = Type.Object(
  {
    port: Type.Integer({ minimum: 0, maximum: 65535, default: 8080 }),
    dataDir: Type.String({ default: '.data' }),
    logLevel: Type.Union(
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level)),
      { default: 'warn' },
    ),
    adminEmail: Type.Optional(Type.String({ format: 'email' })),
    adminPassword: Type.Optional(Type.String({ minLength: 10 })),
    /** Skip loading the demo catalog and accounts. */
    seedDemo: Type.Boolean({ default: true }),
  },
  { additionalProperties: false },
);
