// The API document (GET /api/openapi.json) as a page: operations grouped by tag, each with its
// parameters, request body and answers; named schemas listed once at the end and linked. Renders
// the document it is given (server-rendered, no client script); every string is rendered as text.
import type { ReactNode } from 'react';

type Schema = Record<string, unknown>;
type Parameter = { name: string; in: string; required?: boolean; description?: string; schema?: Schema };
type Content = Record<string, { schema?: Schema }>;
type Operation = {
  operationId?: string;
  tags?: string[];
  summary?: string;
  description?: string;
  parameters?: Parameter[];
  requestBody?: { content: Content };
  responses: Record<string, { description: string; content?: Content; headers?: Record<string, { description?: string }> }>;
  security?: unknown[];
};
export type ApiDocument = {
  info: { title: string; description: string; version: string };
  tags?: { name: string; description: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};

const refName = (ref: string) => ref.replace('#/components/schemas/', '');
const anchor = (name: string) => `schema-${name}`;
const opAnchor = (method: string, path: string) => `op-${method}-${path}`.replace(/[^A-Za-z0-9-]+/g, '-');

/** A one-line type: `string`, `EntryView[]`, `"a" | "b"`, `number | null`. */
export function typeLabel(schema: Schema | undefined): ReactNode {
  if (!schema) return 'any';
  if (typeof schema.$ref === 'string') {
    const name = refName(schema.$ref);
    return <a href={`#${anchor(name)}`}>{name}</a>;
  }
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  if ('const' in schema) return JSON.stringify(schema.const);
  for (const key of ['anyOf', 'oneOf'] as const) {
    const list = schema[key];
    if (Array.isArray(list))
      return list.map((s, i) => (
        <span key={i}>
          {i > 0 ? ' | ' : ''}
          {typeLabel(s as Schema)}
        </span>
      ));
  }
  const type = schema.type;
  if (type === 'array') {
    if (Array.isArray(schema.prefixItems)) return `[${(schema.prefixItems as Schema[]).map((s) => String(s.type ?? 'any')).join(', ')}]`;
    return <>{typeLabel(schema.items as Schema | undefined)}[]</>;
  }
  if (Array.isArray(type)) return type.join(' | ');
  if (typeof type === 'string') return schema.format ? `${type} (${String(schema.format)})` : type;
  return 'any';
}

function constraints(schema: Schema): string {
  const out: string[] = [];
  if (schema.minLength !== undefined && schema.minLength !== 0) out.push(`≥ ${String(schema.minLength)} chars`);
  if (schema.maxLength !== undefined) out.push(`≤ ${String(schema.maxLength)} chars`);
  if (schema.minimum !== undefined) out.push(`≥ ${String(schema.minimum)}`);
  if (schema.maximum !== undefined && schema.maximum !== Number.MAX_SAFE_INTEGER) out.push(`≤ ${String(schema.maximum)}`);
  if (schema.minItems !== undefined && schema.minItems !== 0) out.push(`≥ ${String(schema.minItems)} items`);
  if (schema.maxItems !== undefined) out.push(`≤ ${String(schema.maxItems)} items`);
  if (schema.pattern !== undefined && String(schema.pattern).length < 60) out.push(`pattern ${String(schema.pattern)}`);
  return out.join(', ');
}

/** An object's fields as a nested list; other schemas as their type. */
function SchemaView({ schema, depth = 0 }: { schema: Schema | undefined; depth?: number }) {
  if (!schema) return null;
  const props = schema.properties as Record<string, Schema> | undefined;
  const itemsObject = schema.type === 'array' && (schema.items as Schema | undefined)?.properties ? (schema.items as Schema) : null;
  if (!props && itemsObject)
    return (
      <div>
        <span className="api-type">array of objects:</span>
        <SchemaView schema={itemsObject} depth={depth} />
      </div>
    );
  if (!props) return <code className="api-type">{typeLabel(schema)}</code>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return (
    <ul className="api-fields">
      {Object.entries(props).map(([name, s]) => (
        <li key={name}>
          <code>{name}</code>
          {required.has(name) ? '' : '?'}: <code className="api-type">{typeLabel(s)}</code>
          {constraints(s) ? <span className="muted"> ({constraints(s)})</span> : null}
          {typeof s.description === 'string' ? <span className="muted"> — {s.description}</span> : null}
          {depth < 3 && (s.properties || (s.type === 'array' && (s.items as Schema | undefined)?.properties)) ? <SchemaView schema={s} depth={depth + 1} /> : null}
        </li>
      ))}
    </ul>
  );
}

function Body({ content }: { content: Content }) {
  return (
    <>
      {Object.entries(content).map(([type, c]) => (
        <div key={type} className="api-body">
          <p className="api-content-type">
            <code>{type}</code>
          </p>
          <SchemaView schema={c.schema} />
        </div>
      ))}
    </>
  );
}

function OperationView({ method, path, op }: { method: string; path: string; op: Operation }) {
  const writer = (op.security ?? []).length > 0;
  return (
    <details className="api-op" id={opAnchor(method, path)}>
      <summary>
        <span className={`api-method api-${method}`}>{method.toUpperCase()}</span> <code className="api-path">{path}</code>{' '}
        <span className="api-summary">{op.summary}</span>
      </summary>
      <div className="api-op-body">
        {op.description ? <p>{op.description}</p> : null}
        <p className="muted">{writer ? 'Needs the admin token (Authorization: Bearer) or a signed-in session.' : method === 'get' ? 'Public.' : 'No token needed.'}</p>
        {op.parameters && op.parameters.length > 0 ? (
          <table className="api-params">
            <caption>Parameters</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">In</th>
                <th scope="col">Type</th>
                <th scope="col">Meaning</th>
              </tr>
            </thead>
            <tbody>
              {op.parameters.map((p) => (
                <tr key={`${p.in}-${p.name}`}>
                  <td>
                    <code>{p.name}</code>
                    {p.required ? ' (required)' : ''}
                  </td>
                  <td>{p.in}</td>
                  <td>
                    <code className="api-type">{typeLabel(p.schema)}</code>
                    {p.schema && constraints(p.schema) ? <span className="muted"> ({constraints(p.schema)})</span> : null}
                  </td>
                  <td>{p.description ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {op.requestBody ? (
          <section>
            <h4>Request body</h4>
            <Body content={op.requestBody.content} />
          </section>
        ) : null}
        <section>
          <h4>Answers</h4>
          <dl className="api-responses">
            {Object.entries(op.responses).map(([status, r]) => (
              <div key={status}>
                <dt>
                  <code>{status}</code>
                </dt>
                <dd>
                  {r.description}
                  {r.content ? (
                    <>
                      {' '}
                      {Object.entries(r.content).map(([type, c]) => (
                        <span key={type}>
                          <code>{type}</code>: <code className="api-type">{typeLabel(c.schema)}</code>{' '}
                        </span>
                      ))}
                    </>
                  ) : null}
                  {r.headers ? (
                    <ul className="api-fields">
                      {Object.entries(r.headers).map(([h, d]) => (
                        <li key={h}>
                          header <code>{h}</code>: {d.description}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      </div>
    </details>
  );
}

export function ApiDocs({ doc }: { doc: ApiDocument }) {
  const byTag = new Map<string, { method: string; path: string; op: Operation }[]>();
  for (const [path, ops] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(ops)) {
      const tag = op.tags?.[0] ?? 'Other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), { method, path, op }]);
    }
  const tags = [...(doc.tags ?? []).map((t) => t.name).filter((t) => byTag.has(t)), ...[...byTag.keys()].filter((t) => !(doc.tags ?? []).some((x) => x.name === t))];
  const tagDescription = new Map((doc.tags ?? []).map((t) => [t.name, t.description]));
  return (
    <div className="api-docs">
      <h1>{doc.info.title}</h1>
      {doc.info.description.split('\n\n').map((para, i) => (
        <p key={i}>{para}</p>
      ))}
      <p>
        The machine-readable document: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI {`3.1`}, generated from the schemas the routes validate with).
      </p>
      <nav aria-label="API sections" className="api-toc">
        <ul>
          {tags.map((t) => (
            <li key={t}>
              <a href={`#tag-${t.replace(/\s+/g, '-')}`}>{t}</a>
            </li>
          ))}
          <li>
            <a href="#schemas">Schemas</a>
          </li>
        </ul>
      </nav>
      {tags.map((t) => (
        <section key={t} aria-labelledby={`tag-${t.replace(/\s+/g, '-')}`} className="api-tag">
          <h2 id={`tag-${t.replace(/\s+/g, '-')}`}>{t}</h2>
          {tagDescription.get(t) ? <p className="muted">{tagDescription.get(t)}</p> : null}
          {byTag.get(t)!.map(({ method, path, op }) => (
            <OperationView key={`${method} ${path}`} method={method} path={path} op={op} />
          ))}
        </section>
      ))}
      <section aria-labelledby="schemas" className="api-schemas">
        <h2 id="schemas">Schemas</h2>
        {Object.entries(doc.components.schemas).map(([name, schema]) => (
          <details key={name} id={anchor(name)} className="api-op">
            <summary>
              <code>{name}</code>
              {typeof schema.description === 'string' ? <span className="muted"> — {schema.description}</span> : null}
            </summary>
            <div className="api-op-body">
              <SchemaView schema={schema} />
            </div>
          </details>
        ))}
      </section>
    </div>
  );
}
