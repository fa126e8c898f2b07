import type { EventDefinition } from './define-event.js';
import { queueNamesOf } from './queue-names.js';

type JsonSchema = {
  type?: string;
  const?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  patternProperties?: Record<string, JsonSchema>;
  required?: string[];
  format?: string;
  pattern?: string;
  minimum?: number;
  maxLength?: number;
  minItems?: number;
  description?: string;
};

interface FieldRow {
  path: string;
  type: string;
  required: boolean;
  notes: string;
}

const escapeCell = (text: string) => text.replaceAll('|', '\\|');

function typeOf(schema: JsonSchema): string {
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(' | ');
  if (schema.type === 'array') return `${schema.items ? typeOf(schema.items) : 'unknown'}[]`;
  if (schema.type === 'object' && schema.patternProperties) {
    const [value] = Object.values(schema.patternProperties);
    return `map<string, ${value ? typeOf(value) : 'unknown'}>`;
  }
  if (schema.type === 'string' && schema.format) return `string (${schema.format})`;
  return schema.type ?? 'unknown';
}

function notesOf(schema: JsonSchema): string {
  const notes: string[] = [];
  if (schema.description) notes.push(schema.description);
  if (schema.pattern) notes.push(`pattern \`${schema.pattern}\``);
  if (schema.minimum !== undefined) notes.push(`≥ ${schema.minimum}`);
  if (schema.minItems !== undefined) notes.push(`at least ${schema.minItems}`);
  if (schema.maxLength !== undefined) notes.push(`at most ${schema.maxLength} chars`);
  return notes.join('; ');
}

function fieldsOf(schema: JsonSchema, prefix = ''): FieldRow[] {
  const rows: FieldRow[] = [];
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const path = `${prefix}${name}`;
    rows.push({
      path,
      type: typeOf(property),
      required: schema.required?.includes(name) ?? false,
      notes: notesOf(property),
    });
    if (property.type === 'object' && property.properties) rows.push(...fieldsOf(property, `${path}.`));
    if (property.type === 'array' && property.items?.properties)
      rows.push(...fieldsOf(property.items, `${path}[].`));
  }
  return rows;
}

const anchorOf = (type: string) => type.replaceAll(/[^a-z0-9_-]/g, '');

/** docs/events.md, generated from the definitions (scripts/generate-event-catalog.ts writes it). */
export function renderEventCatalog(definitions: readonly EventDefinition[]): string {
  const lines = [
    '# Event catalog',
    '',
    '<!-- Generated from contracts/src/events by `npx tsx scripts/generate-event-catalog.ts`.',
    '     Do not edit by hand: a unit test fails when this file is stale. -->',
    '',
    'Every event travels in a CloudEvents 1.0 envelope (JSON structured mode): `specversion` "1.0", `id`',
    '(UUIDv7), `source` (`/emporium/<producer>`), `type`, `time`, `subject` (the aggregate id, the ordering',
    'key), `datacontenttype` "application/json", `dataschema` (`urn:emporium:event:<type>:v<version>`) and',
    'the extensions `dataversion` (the integer version below), `traceparent`/`tracestate` (W3C trace',
    "context) and `aggregatesequence` (the event's position among its subject's events). Payloads reject",
    'unknown fields, so any change to a payload is a new version. Each consumer reads its own durable queue,',
    '`<consumer>.<type>`, which the producer declares too, so nothing is lost before a consumer first starts.',
    '',
    '| Event | Version | Producer | Consumers |',
    '| --- | --- | --- | --- |',
    ...definitions.map(
      (d) =>
        `| [\`${d.type}\`](#${anchorOf(d.type)}) | ${d.version} | ${d.producer} | ${d.consumers.join(', ')} |`,
    ),
  ];
  for (const definition of definitions) {
    lines.push(
      '',
      `## ${definition.type}`,
      '',
      escapeCell(definition.description),
      '',
      `- Version: ${definition.version}`,
      `- Producer: ${definition.producer}`,
      `- Queues: ${queueNamesOf(definition)
        .map((q) => `\`${q}\``)
        .join(', ')}`,
      '',
      '| Field | Type | Required | Notes |',
      '| --- | --- | --- | --- |',
      ...fieldsOf(definition.payload as JsonSchema).map(
        (f) =>
          `| \`${f.path}\` | ${escapeCell(f.type)} | ${f.required ? 'yes' : 'no'} | ${escapeCell(f.notes)} |`,
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}
