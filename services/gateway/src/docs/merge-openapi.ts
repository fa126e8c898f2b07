import { ownerOf } from '../routing/route-table.js';

/** The parts of an OpenAPI 3.x document the merge reads; everything else is carried over as is. */
export interface OpenApiDocument {
  openapi?: string;
  info?: { title?: string; version?: string; description?: string };
  tags?: Array<{ name: string; description?: string }>;
  paths?: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

export interface ServiceDocument {
  service: string;
  url: string | null;
  /** Absent when the service could not be asked; `error` says why. */
  document?: OpenApiDocument;
  error?: string;
}

const operationKeys = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** JSON copy of `value` with every `$ref` to a component renamed by `rename`. */
function withRefs(value: unknown, rename: (ref: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => withRefs(item, rename));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    out[key] = key === '$ref' && typeof child === 'string' ? rename(child) : withRefs(child, rename);
  }
  return out;
}

/**
 * One document for the whole public API: each service's paths that the
 * gateway routes to it (its own operational routes are left out), tags and
 * component names prefixed by service so two services never collide, and
 * the services that could not be asked listed as unavailable.
 */
export function mergeOpenApi(gateway: ServiceDocument, services: ServiceDocument[], version: string) {
  const tags = new Map<string, { name: string; description?: string }>();
  const paths: Record<string, Record<string, unknown>> = {};
  const components: Record<string, Record<string, unknown>> = {};

  for (const { service, document } of [gateway, ...services]) {
    if (!document) continue;
    const prefix = (name: string) => `${service}.${name}`;
    const source = withRefs(document, (ref) =>
      ref.replace(/^#\/components\/([^/]+)\/(.+)$/, (_all, kind: string, name: string) => {
        return `#/components/${kind}/${prefix(name)}`;
      }),
    ) as OpenApiDocument;

    const declared = new Map((source.tags ?? []).map((tag) => [tag.name, tag.description]));
    for (const [path, item] of Object.entries(source.paths ?? {})) {
      if (service !== gateway.service && ownerOf(path) !== service) continue;
      const merged: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(item)) {
        if (!operationKeys.has(key)) {
          merged[key] = value;
          continue;
        }
        const operation = value as { tags?: string[] };
        const own = (operation.tags?.length ? operation.tags : ['default']).map((tag) => {
          const name = `${service}/${tag}`;
          const description = declared.get(tag);
          if (!tags.has(name)) tags.set(name, description ? { name, description } : { name });
          return name;
        });
        merged[key] = { ...operation, tags: own };
      }
      paths[path] = { ...paths[path], ...merged };
    }
    for (const [kind, entries] of Object.entries(source.components ?? {})) {
      components[kind] ??= {};
      for (const [name, entry] of Object.entries(entries)) components[kind][prefix(name)] = entry;
    }
  }

  const unavailable = services.filter((s) => !s.document).map((s) => s.service);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Emporium API',
      version,
      description:
        'Every service behind the gateway, in one document. ' +
        (unavailable.length > 0
          ? `Unavailable right now: ${unavailable.join(', ')}.`
          : 'All services answered.'),
    },
    tags: [...tags.values()].sort((a, b) => a.name.localeCompare(b.name)),
    paths,
    components,
    'x-emporium-services': services.map(({ service, url, document, error }) => ({
      name: service,
      status: document ? 'available' : 'unavailable',
      url,
      ...(error ? { error } : {}),
    })),
  };
}

export type MergedOpenApi = ReturnType<typeof mergeOpenApi>;
