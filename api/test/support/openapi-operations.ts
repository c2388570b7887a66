import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One operation of the committed OpenAPI document, as the tests that are generated from it need it. */
export interface DocumentedOperation {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  operationId: string;
  /** Needs an access token. */
  secured: boolean;
  /** `x-roles`: the only roles allowed; undefined = any authenticated user. */
  roles?: ('business' | 'customer')[];
  /** `x-scopes`: an API key with all of these may call it; undefined = keys are refused. */
  scopes?: string[];
  /** Its security lists the `apiKey` scheme. */
  acceptsKeys: boolean;
  pathParams: string[];
  queryParams: { name: string; schema: Record<string, unknown> }[];
  headers: { name: string; required: boolean; schema: Record<string, unknown> }[];
  /** The first documented example of the request body. */
  example?: Record<string, unknown>;
  /** Properties of the request body schema. */
  bodyProperties: Record<string, Record<string, unknown>>;
  produces: string[];
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const OPENAPI_DOCUMENT: Json = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'openapi', 'openapi.json'), 'utf8'));

/** A schema with its `$ref` (and a lone `allOf`) followed. */
export function resolveSchema(schema: Json | undefined): Json {
  if (!schema) return {};
  if (schema.$ref) return resolveSchema(OPENAPI_DOCUMENT.components.schemas[schema.$ref.split('/').pop()]);
  if (schema.allOf?.length === 1) return resolveSchema(schema.allOf[0]);
  return schema;
}

export function documentedOperations(): DocumentedOperation[] {
  const operations: DocumentedOperation[] = [];
  for (const [path, item] of Object.entries(OPENAPI_DOCUMENT.paths as Json)) {
    for (const [method, op] of Object.entries(item as Json) as [DocumentedOperation['method'], Json][]) {
      const parameters: Json[] = op.parameters ?? [];
      const body = op.requestBody?.content?.['application/json'];
      const examples = body?.examples ? Object.values(body.examples as Json) : [];
      operations.push({
        method,
        path,
        operationId: op.operationId,
        secured: (op.security ?? []).length > 0,
        roles: op['x-roles'],
        scopes: op['x-scopes'],
        acceptsKeys: (op.security ?? []).some((s: Json) => 'apiKey' in s),
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        headers: parameters.filter((p) => p.in === 'header').map((p) => ({ name: p.name, required: !!p.required, schema: p.schema ?? {} })),
        example: examples[0]?.value,
        // A `oneOf` body (registration, keyed by `role`): the properties of every member.
        bodyProperties: Object.assign(
          {},
          ...[resolveSchema(body?.schema), ...(resolveSchema(body?.schema).oneOf ?? []).map(resolveSchema)].map(
            (s: Json) => s.properties ?? {},
          ),
        ),
        produces: Object.keys(op.responses?.['200']?.content ?? op.responses?.['201']?.content ?? {}),
      });
    }
  }
  return operations;
}
