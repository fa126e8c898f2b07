import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchema, FastifySchemaCompiler } from 'fastify';

// ajv-formats is CommonJS with a default export; under NodeNext it arrives wrapped.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

const shared: Options = {
  // Reject unknown fields instead of silently dropping them: bad input must be told, not guessed.
  removeAdditional: false,
  useDefaults: true,
  allErrors: true,
  strict: false,
};

/**
 * Two validators: query strings, params and headers arrive as text, so they
 * are coerced to the schema's types ("5" → 5); JSON bodies are already typed
 * and are validated as sent, so `null` is never quietly turned into `0` and
 * `"5"` is not accepted where a number is required.
 */
const coercing = addFormats(new Ajv({ ...shared, coerceTypes: 'array' }));
const strict = addFormats(new Ajv({ ...shared, coerceTypes: false }));

export const validatorCompiler: FastifySchemaCompiler<FastifySchema> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? strict : coercing).compile(schema as object) as ReturnType<
    FastifySchemaCompiler<FastifySchema>
  >;
