// GET /api/openapi.json: the OpenAPI 3.1 document, generated from the zod schemas the routes
// validate with (zod 4's z.toJSONSchema): the GET routes' entries in lib/contracts/api-routes.ts
// and the write routes' own definitions in server/write-routes.ts, each with its parameters,
// request body, answers and refusals. Built per request clock (write rules depend on "today").
import 'server-only';
import { z } from 'zod';
import { MIN_POSITION_HEADER_DOC, PARAMETER_DOCS, readOperations, SINGLE_PARAMETER_DOCS, UNAVAILABLE, type DocParam, type DocResponse } from '@/lib/contracts/api-routes';
import { EPISODE_MAX_BYTES, EPISODE_MAX_ITEMS } from '@/lib/contracts/episode';
import { IMPORT_MAX_BYTES } from '@/lib/contracts/price-import';
import { MIN_POSITION_PARAM, minPositionSchema } from '@/lib/contracts/query';
import * as shapes from '@/lib/contracts/responses';
import { writeRules, type Rules } from '@/lib/contracts/write';
import { routeId, type WriteRoute } from './write-gate';
import { writeRoutes } from './write-routes';

type JsonSchema = Record<string, unknown>;
export type OpenApiDocument = {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, unknown> };
};

/** Response schemas worth a name: referenced as #/components/schemas/<name>. */
const NAMED: Record<string, z.ZodType> = {
  Error: shapes.errorBody,
  Problem: shapes.problem,
  CommandAnswer: shapes.commandAnswer,
  Source: shapes.source,
  Figure: shapes.figure,
  EntryView: shapes.entryView,
  HistoryItem: shapes.historyItem,
  ClaimView: shapes.claimView,
  TickerView: shapes.tickerView,
  BarView: shapes.barView,
  LedgerEvent: shapes.ledgerEventView,
  NarrativeView: shapes.narrativeView,
  ImpactParams: shapes.impactParams,
  NarrativeParams: shapes.narrativeParams,
  ImpactResult: shapes.impactResult,
  NarrativeAggregate: shapes.narrativeAggregate,
  HealthResponse: shapes.responses.health,
  TimelineResponse: shapes.responses.timeline,
  EntryResponse: shapes.responses.entry,
  ClaimsResponse: shapes.responses.claims,
  TickersResponse: shapes.responses.tickers,
  PricesResponse: shapes.responses.prices,
  SourcesResponse: shapes.responses.sources,
  ImpactsResponse: shapes.responses.impacts,
  NarrativesResponse: shapes.responses.narratives,
  NarrativeDefinitionsResponse: shapes.responses.narrativeDefinitions,
  LedgerResponse: shapes.responses.ledger,
  SessionResponse: shapes.responses.session,
  OpenApiDocument: shapes.responses.openapi,
  PriceImportAnswer: shapes.priceImportAnswer,
  PricePreviewAnswer: shapes.pricePreviewAnswer,
  PriceImportRefusal: shapes.priceImportRefusal,
  EpisodeImportAnswer: shapes.episodeImportAnswer,
  TimelineImportAnswer: shapes.timelineImportAnswer,
  EpisodeRefusal: shapes.episodeRefusal,
};

const TAGS: { name: string; description: string }[] = [
  { name: 'Timeline', description: 'Timeline entries: what happened, with sources.' },
  { name: 'Claims', description: 'Cost claims and their revisions, disputes and corroborations.' },
  { name: 'Narratives', description: 'The narratives entries and claims belong to (ledger data), and their aggregates.' },
  { name: 'Event study', description: 'Abnormal returns around events.' },
  { name: 'Prices', description: 'Tickers and daily bars.' },
  { name: 'Import', description: 'Whole episodes: bundles and timeline CSVs, all or nothing.' },
  { name: 'Exports', description: 'CSV downloads of every view.' },
  { name: 'Ledger', description: 'The append-only ledger itself.' },
  { name: 'Session', description: 'Signing in and out.' },
  { name: 'System', description: 'Health and this document.' },
];

const strip = (s: JsonSchema): JsonSchema => {
  const { $schema: _schema, $id: _id, ...rest } = s;
  return rest;
};

function components(): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(NAMED)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}`, io: 'output', unrepresentable: 'any' }) as { schemas: Record<string, JsonSchema> };
  return Object.fromEntries(Object.entries(schemas).map(([k, v]) => [k, strip(v)]));
}

const NAME_OF = new Map<z.ZodType, string>(Object.entries(NAMED).map(([k, v]) => [v, k]));

/** A response schema: a reference when it has a name, else inline. */
function responseSchema(schema: z.ZodType): JsonSchema {
  const name = NAME_OF.get(schema);
  return name ? { $ref: `#/components/schemas/${name}` } : strip(z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as JsonSchema);
}

function inputSchema(schema: z.ZodType): JsonSchema {
  return strip(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema);
}

function responseObject(r: DocResponse): Record<string, unknown> {
  const out: Record<string, unknown> = { description: r.description };
  if (r.csv) out.content = { 'text/csv': { schema: { type: 'string' } } };
  else if (r.eventStream) out.content = { 'text/event-stream': { schema: { type: 'string', description: 'Server-sent events.' } } };
  else if (r.schema) out.content = { 'application/json': { schema: responseSchema(r.schema) } };
  if (r.headers) out.headers = Object.fromEntries(Object.entries(r.headers).map(([k, d]) => [k, { description: d, schema: { type: 'string' } }]));
  return out;
}

function queryParameters(query: z.ZodObject | undefined): unknown[] {
  if (!query) return [];
  return Object.entries(query.shape as Record<string, z.ZodType>).map(([name, schema]) => {
    const json = inputSchema(schema);
    const list = json.type === 'array';
    const description = (!list && SINGLE_PARAMETER_DOCS[name]) || PARAMETER_DOCS[name];
    return {
      name,
      in: 'query',
      required: !schema.safeParse(undefined).success,
      ...(description ? { description } : {}),
      schema: json,
      ...(list ? { style: 'form', explode: false } : {}),
    };
  });
}

/** minPosition and its header: read-your-writes on the routes served by server/reads.ts. */
function readYourWritesParameters(): unknown[] {
  const schema = inputSchema(minPositionSchema);
  return [
    { name: MIN_POSITION_PARAM, in: 'query', required: false, description: PARAMETER_DOCS[MIN_POSITION_PARAM], schema },
    { name: MIN_POSITION_HEADER_DOC.name, in: 'header', required: false, description: MIN_POSITION_HEADER_DOC.description, schema },
  ];
}

function pathParameters(params: Record<string, DocParam> | undefined, path: string): unknown[] {
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  return names.map((name) => ({
    name,
    in: 'path',
    required: true,
    description: params?.[name]?.description ?? (name === 'ticker' ? 'A listed ticker symbol.' : `The ${name}.`),
    schema: inputSchema(params?.[name]?.schema ?? routeId),
  }));
}

const ERROR = (description: string): DocResponse => ({ description, schema: shapes.errorBody });

function writeOperation(key: string, route: WriteRoute, rules: Rules): Record<string, unknown> {
  const documented = route.doc.responses ?? {};
  const hasSuccess = Object.keys(documented).some((s) => Number(s) < 300);
  const all: Record<number, DocResponse> = {};
  if (!hasSuccess) all[201] = { description: 'Recorded.', schema: shapes.commandAnswer };
  all[400] = ERROR('A parameter or body field is malformed; `problems` names each field and rule. Nothing was written.');
  if (route.auth === 'writer') all[401] = ERROR('No admin token (Authorization: Bearer) or session cookie.');
  all[403] = ERROR('A cookie-authenticated write that does not come from this site (Origin).');
  if (route.body.kind !== 'none') {
    all[413] = ERROR('The body is over its size limit.');
    all[415] = ERROR('Wrong Content-Type.');
  }
  all[429] = ERROR('Too many writes from this client: retry after the Retry-After seconds.');
  all[503] = UNAVAILABLE;
  Object.assign(all, documented);
  let requestBody: unknown;
  switch (route.body.kind) {
    case 'json':
      requestBody = { required: true, content: { 'application/json': { schema: inputSchema(route.body.schema(rules)) } } };
      break;
    case 'form-or-json': {
      const schema = inputSchema(route.body.schema());
      requestBody = { required: true, content: { 'application/json': { schema }, 'application/x-www-form-urlencoded': { schema } } };
      break;
    }
    case 'csv':
      requestBody = { required: true, content: { 'text/csv': { schema: { type: 'string', description: `A UTF-8 CSV file, at most ${route.body.maxBytes} bytes.` } } } };
      break;
  }
  return {
    operationId: key,
    tags: [route.doc.tag],
    summary: route.doc.summary,
    ...(route.doc.description ? { description: route.doc.description } : {}),
    parameters: [
      ...pathParameters(undefined, route.path),
      ...queryParameters(route.query),
      { name: 'Idempotency-Key', in: 'header', required: false, description: 'A retry with the same key gets the first answer and writes nothing.', schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{8,128}$' } },
    ],
    ...(requestBody ? { requestBody } : {}),
    responses: Object.fromEntries(Object.entries(all).map(([status, r]) => [status, responseObject(r)])),
    security: route.auth === 'writer' ? [{ bearer: [] }, { session: [] }] : [],
  };
}

const operationId = (method: string, path: string) =>
  `${method.toLowerCase()}${path
    .replace(/^\/api/, '')
    .split(/[/.{}-]+/)
    .filter(Boolean)
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join('')}`;

export function buildOpenApi(now: string = new Date().toISOString()): OpenApiDocument {
  const rules = writeRules(now);
  const paths: OpenApiDocument['paths'] = {};
  const add = (path: string, method: string, op: unknown) => ((paths[path] ??= {})[method.toLowerCase()] = op);
  for (const op of readOperations) {
    const answers: Record<number, DocResponse> = op.noDatabase ? op.responses : { 503: UNAVAILABLE, ...op.responses };
    add(op.path, op.method, {
      operationId: operationId(op.method, op.path),
      tags: [op.tag],
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      parameters: [...pathParameters(op.params, op.path), ...queryParameters(op.query), ...(op.readYourWrites ? readYourWritesParameters() : [])],
      responses: Object.fromEntries(Object.entries(answers).map(([status, r]) => [status, responseObject(r)])),
    });
  }
  for (const [key, route] of Object.entries(writeRoutes) as [string, WriteRoute][]) add(route.path, route.method, writeOperation(key, route, rules));
  return {
    openapi: '3.1.0',
    info: {
      title: 'Impactline API',
      version: '1',
      description: [
        'An event-sourced market-impact ledger: timeline entries, cost claims, narratives, tickers and prices, with event-study statistics.',
        'Reads are public. Writes need the admin token (Authorization: Bearer) or the session cookie from /signin (plus same-origin proof); every refusal answers {error, message, problems: [{field, message}]} and writes nothing.',
        `Imports: price files up to ${IMPORT_MAX_BYTES} bytes; episode bundles and timeline CSVs up to ${EPISODE_MAX_BYTES} bytes and ${EPISODE_MAX_ITEMS} items.`,
      ].join('\n\n'),
    },
    servers: [{ url: '/' }],
    tags: TAGS,
    paths,
    components: {
      schemas: components(),
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'The admin token (IMPACTLINE_ADMIN_TOKEN).' },
        session: { type: 'apiKey', in: 'cookie', name: 'impactline_session', description: 'Set by POST /api/session (sign-in).' },
      },
    },
  };
}
