import Ajv, { type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

const common: Options = { removeAdditional: false, useDefaults: true, allErrors: true, strict: false };

/**
 * Two validators: query strings, params and headers arrive as text and are coerced
 * ("limit=2" -> 2); bodies are JSON and are not, so `{"content": 42}` is a 400, not "42".
 */
export function installValidators(app: FastifyInstance): void {
  const coercing = addFormats(new Ajv({ ...common, coerceTypes: 'array' }));
  const strict = addFormats(new Ajv({ ...common, coerceTypes: false }));
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema));
}
