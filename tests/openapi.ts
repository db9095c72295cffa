// Validating answers against GET /api/openapi.json: the response schema the document gives for a
// (method, documented path, status), compiled with Ajv (JSON Schema 2020-12), the components
// resolved as $defs. Used by the integration tests on every answer they check.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020';
import { buildOpenApi, type OpenApiDocument } from '@/server/openapi';

type Content = Record<string, { schema?: Record<string, unknown> }>;
type Operation = { responses: Record<string, { content?: Content }> };

let cached: { doc: OpenApiDocument; ajv: Ajv2020; compiled: Map<string, ValidateFunction> } | null = null;

function state() {
  if (!cached) {
    const doc = buildOpenApi();
    // strict: false — OpenAPI adds keywords JSON Schema does not know (e.g. `description` on a $ref sibling).
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    cached = { doc, ajv, compiled: new Map() };
  }
  return cached;
}

export function openApiDocument(): OpenApiDocument {
  return state().doc;
}

/** The documented operation, or a message saying what is missing. */
export function operationOf(method: string, path: string): Operation {
  const op = state().doc.paths[path]?.[method.toLowerCase()] as Operation | undefined;
  if (!op) throw new Error(`the API document has no ${method} ${path}`);
  return op;
}

/** A schema from the document, made standalone (components as $defs) for Ajv. */
export function standalone(schema: Record<string, unknown>): Record<string, unknown> {
  const defs = JSON.parse(JSON.stringify(state().doc.components.schemas).replaceAll('#/components/schemas/', '#/$defs/'));
  return { ...JSON.parse(JSON.stringify(schema).replaceAll('#/components/schemas/', '#/$defs/')), $defs: defs };
}

/**
 * Errors of `body` against the documented answer of `method path` with `status` (an empty list
 * when it conforms). A status the document does not list is an error itself.
 */
export function responseErrors(method: string, path: string, status: number, body: unknown, contentType = 'application/json'): string[] {
  const op = operationOf(method, path);
  const response = op.responses[String(status)];
  if (!response) return [`${method} ${path} does not document status ${status} (documents ${Object.keys(op.responses).join(', ')})`];
  const schema = response.content?.[contentType]?.schema;
  if (!schema) return response.content ? [`${method} ${path} ${status} documents no ${contentType} body`] : [];
  const key = `${method} ${path} ${status} ${contentType}`;
  const s = state();
  let validate = s.compiled.get(key);
  if (!validate) {
    validate = s.ajv.compile(standalone(schema));
    s.compiled.set(key, validate);
  }
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
