import { Type } from 'typebox';
import type { ConfigDocument } from '../domain/document.js';

export const ServiceName = Type.String({ minLength: 1, maxLength: 63, pattern: '^[a-z][a-z0-9-]*$' });
export const ProfileName = Type.Union([
  Type.Literal('development'),
  Type.Literal('staging'),
  Type.Literal('production'),
]);

export const DocumentParams = Type.Object(
  { service: ServiceName, profile: ProfileName },
  { additionalProperties: false },
);

/** Setting names as the schemas spell them; `runtime` is the reserved section, never a boot setting. */
const SettingName = Type.String({ pattern: '^(?!runtime$)[A-Za-z][A-Za-z0-9_]*$', maxLength: 100 });
const RuntimeName = Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]*$', maxLength: 100 });

export const Settings = Type.Record(SettingName, Type.Unknown(), { additionalProperties: false });
export const Runtime = Type.Record(RuntimeName, Type.Unknown(), { additionalProperties: false });

export const DocumentView = Type.Object(
  {
    service: ServiceName,
    profile: ProfileName,
    version: Type.Integer({ minimum: 1 }),
    /** Boot settings: read by the service's config schema when an instance starts. */
    settings: Settings,
    /** Applied live by running instances (platform/config/live-config.ts). */
    runtime: Runtime,
    createdAt: Type.String({ format: 'date-time' }),
    createdBy: Type.String(),
    comment: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);

/** A whole new version: PUT replaces both sections, so a writer sends what it read, changed. */
export const PutBody = Type.Object(
  {
    settings: Settings,
    runtime: Runtime,
    comment: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const IfMatchHeaders = Type.Object({
  /** The version last read (`3`, `"3"`, as the ETag gave it), or `*` for "any existing version". */
  'if-match': Type.Optional(Type.String({ pattern: '^(\\*|(W/)?"?[0-9]{1,9}"?)$' })),
});

export function parseIfMatch(header: string | undefined): number | '*' | undefined {
  if (header === undefined) return undefined;
  if (header === '*') return '*';
  return Number(header.replace(/^W\//, '').replaceAll('"', ''));
}

export const etagOf = (document: { version: number }) => `"${document.version}"`;

export function documentView(document: ConfigDocument) {
  return { ...document, createdAt: document.createdAt.toISOString() };
}
