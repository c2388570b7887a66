import type { OpenAPIObject } from '@nestjs/swagger';

type Schema = Record<string, unknown>;

const EXAMPLE_UUID = '3f0c6a52-9d2b-4e8f-a1c7-5b6d4e3f2a10';
const BY_FORMAT: Record<string, unknown> = {
  uuid: EXAMPLE_UUID,
  'date-time': '2026-11-30T10:15:00.000Z',
  date: '2026-11-30',
  uri: 'https://example.com/',
};

/**
 * An example value of a schema, made from the examples of its parts (each property's `examples`, an enum's first
 * value, a format's usual form), so that every success response has an example that says what it says and cannot
 * drift from it. scripts/check-contract.mjs validates every example of the document against its schema.
 */
export function exampleOf(document: OpenAPIObject, schema: Schema | undefined, depth = 0): unknown {
  if (!schema || depth > 12) return undefined;
  if (typeof schema.$ref === 'string') {
    const target = document.components?.schemas?.[schema.$ref.split('/').pop()!] as Schema | undefined;
    const { $ref: _ref, ...siblings } = schema;
    if (Array.isArray(siblings.examples) && siblings.examples.length > 0) return siblings.examples[0];
    return exampleOf(document, target, depth + 1);
  }
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if ('example' in schema) return schema.example;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum.find((value) => value !== null);
  if (Array.isArray(schema.allOf)) {
    return Object.assign({}, ...schema.allOf.map((part) => exampleOf(document, part as Schema, depth + 1) ?? {}));
  }
  for (const key of ['oneOf', 'anyOf']) {
    if (Array.isArray(schema[key])) {
      const member = (schema[key] as Schema[]).find((m) => m.type !== 'null');
      return exampleOf(document, member, depth + 1);
    }
  }
  const type = [schema.type].flat().find((t) => t !== 'null') ?? (schema.properties ? 'object' : undefined);
  switch (type) {
    case 'object': {
      const value: Record<string, unknown> = {};
      for (const [name, property] of Object.entries((schema.properties as Record<string, Schema>) ?? {})) {
        const example = exampleOf(document, property, depth + 1);
        if (example !== undefined) value[name] = example;
      }
      if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
        value[typeof schema['x-example-key'] === 'string' ? schema['x-example-key'] : 'database'] = exampleOf(
          document,
          schema.additionalProperties as Schema,
          depth + 1,
        );
      }
      return value;
    }
    case 'array':
      return [exampleOf(document, schema.items as Schema, depth + 1)].filter((item) => item !== undefined);
    case 'string':
      return typeof schema.format === 'string' && schema.format in BY_FORMAT ? BY_FORMAT[schema.format] : 'text';
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 1;
    case 'boolean':
      return true;
    default:
      return undefined;
  }
}

/** Loosely typed parts of the document, as this walk reads them. */
type Loose = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Every JSON success response (and webhook body) without an example gets one made from its schema. */
export function addResponseExamples(document: OpenAPIObject): void {
  const fill = (media: Loose | undefined) => {
    if (!media || 'example' in media || 'examples' in media || !media.schema) return;
    const example = exampleOf(document, media.schema as Schema);
    if (example !== undefined) media.example = example;
  };
  const operationsOf = (items: Loose): Loose[] =>
    Object.values(items).flatMap((item: Loose) => ['get', 'post', 'put', 'patch', 'delete'].map((m) => item[m]).filter(Boolean));
  for (const operation of operationsOf(document.paths)) {
    for (const [status, response] of Object.entries(operation.responses ?? {}) as [string, Loose][]) {
      if (status.startsWith('2')) fill(response.content?.['application/json']);
    }
  }
  for (const operation of operationsOf((document as Loose).webhooks ?? {})) fill(operation.requestBody?.content?.['application/json']);
}
