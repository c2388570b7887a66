/**
 * Checks recorded HTTP responses against an OpenAPI document (3.1, or 3.0 with its own `nullable` semantics):
 * the request's operation is found by the document's path templates, then the response's status code, content
 * type, body (JSON Schema 2020-12 through Ajv) and required headers must be what that operation declares.
 *
 * Beyond the document's letter, objects are closed: a property the document does not declare is a violation
 * (the document is open to additions for clients' sake, but the API must not send what it does not document).
 *
 * A record is `{ method, url, status, headers: { lower-case name: value }, body: string, truncated?: boolean }`.
 */
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const ROOT = 'openapi.json';
/** Keywords OpenAPI adds to JSON Schema: annotations, no assertion. */
const OPENAPI_SCHEMA_KEYWORDS = ['example', 'discriminator', 'xml', 'externalDocs'];
/** The document's own top-level members, so Ajv can hold the whole document and resolve `#/components/...`. */
const DOCUMENT_KEYWORDS = ['openapi', 'info', 'jsonSchemaDialect', 'servers', 'paths', 'webhooks', 'components', 'security', 'tags'];

/** JSON pointer escaping of one reference token, then URI-fragment escaping (`{` and `}` in path templates). */
const token = (text) => encodeURIComponent(String(text).replaceAll('~', '~0').replaceAll('/', '~1'));

/** The media type of a Content-Type header: lower case, without parameters. */
export function mediaTypeOf(contentType) {
  return contentType ? contentType.split(';')[0].trim().toLowerCase() : null;
}

const isJson = (mediaType) => mediaType === 'application/json' || /^application\/[^/]+\+json$/.test(mediaType);

const NAMED_SCHEMAS = new Set(['properties', 'patternProperties', 'dependentSchemas', '$defs', 'schemas']);
const DATA = new Set(['example', 'examples', 'enum', 'const', 'default']);

/**
 * A copy of the document in which every object schema that declares `properties` (or combines parts with `allOf`)
 * refuses any other property. The members of an `allOf` are parts of one object and stay open: the schema that
 * combines them is closed, and `unevaluatedProperties` sees the properties of every part. (A schema that serves as
 * an `allOf` base elsewhere is itself closed, so it must declare every property of its extensions; ours do.)
 */
function closeObjects(node, { named = false, part = false } = {}) {
  if (Array.isArray(node)) return node.map((item) => closeObjects(item));
  if (!node || typeof node !== 'object') return node;
  const copy = {};
  for (const [key, value] of Object.entries(node)) {
    // Under `properties` and the like every key is a name; elsewhere example values are data, not schemas.
    if (!named && DATA.has(key)) copy[key] = value;
    else if (!named && key === 'allOf' && Array.isArray(value)) copy[key] = value.map((member) => closeObjects(member, { part: true }));
    else copy[key] = closeObjects(value, { named: !named && NAMED_SCHEMAS.has(key) });
  }
  const open = 'additionalProperties' in copy || 'unevaluatedProperties' in copy;
  const object = (copy.properties && typeof copy.properties === 'object') || Array.isArray(copy.allOf);
  if (!named && !part && object && !open) copy.unevaluatedProperties = false;
  return copy;
}

export class ResponseContract {
  /**
   * @param {object} document an OpenAPI 3.0.x or 3.1.x document
   * @param {{ closed?: boolean }} options closed (default true): undeclared object properties are violations
   */
  constructor(document, { closed = true } = {}) {
    if (!/^3\.[01]\./.test(document.openapi ?? '')) throw new Error(`unsupported OpenAPI version ${document.openapi}`);
    this.version = document.openapi;
    this.document = closed ? closeObjects(document) : document;
    // Strict: an unknown keyword or format in the document is an error, not silently ignored. Not `strictTypes`,
    // a style rule (object keywords without `type: object`) that valid JSON Schema may break.
    this.ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, validateFormats: true });
    addFormats(this.ajv);
    // OpenAPI's own formats: `password` is a UI hint; the numeric ones are ranges.
    this.ajv.addFormat('password', true);
    this.ajv.addFormat('int32', { type: 'number', validate: (n) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
    this.ajv.addFormat('int64', { type: 'number', validate: (n) => Number.isInteger(n) });
    this.ajv.addFormat('float', { type: 'number', validate: () => true });
    this.ajv.addFormat('double', { type: 'number', validate: () => true });
    this.ajv.addVocabulary(OPENAPI_SCHEMA_KEYWORDS);
    for (const keyword of DOCUMENT_KEYWORDS) this.ajv.addKeyword(keyword);
    // Ajv's `nullable` is OpenAPI 3.0's (it widens `type` only, so `nullable` beside `allOf` still refuses null);
    // 3.1 has no such keyword, and strict mode then refuses a leftover one.
    if (this.version.startsWith('3.1.')) this.ajv.removeKeyword('nullable');
    this.ajv.addSchema(this.document, ROOT);
    this.validators = new Map();
    this.operations = [];
    for (const [template, item] of Object.entries(this.document.paths ?? {})) {
      const segments = template.split('/');
      const pattern = new RegExp(`^${segments.map((s) => (/^\{[^}]+\}$/.test(s) ? '[^/]+' : escapeRegExp(s))).join('/')}$`);
      for (const method of METHODS) {
        if (!item[method]) continue;
        this.operations.push({
          method: method.toUpperCase(),
          template,
          pattern,
          // Concrete paths match before templated ones (OpenAPI "Path Templating Matching"): fewer variables first.
          variables: segments.filter((s) => s.startsWith('{')).length,
          operation: item[method],
          name: `${method.toUpperCase()} ${template}${item[method].operationId ? ` (${item[method].operationId})` : ''}`,
        });
      }
    }
    this.operations.sort((a, b) => a.variables - b.variables);
  }

  /** The operation a request is for, by the document's path templates; null when the document has none. */
  operationFor(method, url) {
    const path = new URL(url, 'http://x').pathname;
    return this.operations.find((o) => o.method === method.toUpperCase() && o.pattern.test(path)) ?? null;
  }

  validator(pointer) {
    let validate = this.validators.get(pointer);
    if (!validate) {
      validate = this.ajv.getSchema(`${ROOT}#${pointer}`);
      if (!validate) throw new Error(`no schema at ${pointer}`);
      this.validators.set(pointer, validate);
    }
    return validate;
  }

  /** Follows `$ref`s to components (responses, headers, media types) within the document. */
  deref(object) {
    let current = object;
    for (let hops = 0; current && current.$ref && hops < 16; hops++) {
      current = current.$ref
        .replace(/^#\//, '')
        .split('/')
        .map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'))
        .reduce((node, t) => node?.[t], this.document);
    }
    return current;
  }

  /**
   * @returns {{ operation: object | null, violations: { operation: string, status: number, pointer: string, message: string }[] }}
   *   operation null: the request is for no operation of the document (nothing checked).
   */
  check(record) {
    const match = this.operationFor(record.method, record.url);
    if (!match) return { operation: null, violations: [] };
    const violations = [];
    const violation = (pointer, message) => violations.push({ operation: match.name, status: record.status, pointer, message });
    const responses = match.operation.responses ?? {};
    const status = String(record.status);
    const key = status in responses ? status : `${status[0]}XX` in responses ? `${status[0]}XX` : 'default' in responses ? 'default' : null;
    if (key === null) {
      violation('', `status ${status} is not declared (declared: ${Object.keys(responses).join(', ')})`);
      return { operation: match, violations };
    }
    const response = this.deref(responses[key]);
    const base = `/paths/${token(match.template)}/${match.method.toLowerCase()}/responses/${token(key)}`;
    const headers = Object.fromEntries(Object.entries(record.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));

    for (const [name, declared] of Object.entries(response.headers ?? {})) {
      if (name.toLowerCase() === 'content-type') continue;
      const header = this.deref(declared);
      const value = headers[name.toLowerCase()];
      if (value === undefined) {
        if (header.required) violation(`header ${name}`, 'required header is missing');
        continue;
      }
      if (header.schema) {
        const validate = this.validator(`${base}/headers/${token(name)}/schema`);
        if (!validate(headerValue(value, header.schema))) {
          for (const e of validate.errors) violation(`header ${name}`, `${e.message} (got ${JSON.stringify(value)})`);
        }
      }
    }

    const body = record.body ?? '';
    const content = response.content ?? {};
    const declaredTypes = Object.keys(content);
    const mediaType = mediaTypeOf(headers['content-type']);
    if (declaredTypes.length === 0) {
      if (body.length > 0) violation('', `a body was sent (${mediaType ?? 'no content type'}) but the response declares none`);
      return { operation: match, violations };
    }
    if (!mediaType) {
      violation('', `no Content-Type (declared: ${declaredTypes.join(', ')})`);
      return { operation: match, violations };
    }
    const declared =
      declaredTypes.find((t) => t.toLowerCase() === mediaType) ??
      declaredTypes.find((t) => t.endsWith('/*') && mediaType.startsWith(t.slice(0, -1).toLowerCase())) ??
      declaredTypes.find((t) => t === '*/*');
    if (!declared) {
      violation('', `content type ${mediaType} is not declared (declared: ${declaredTypes.join(', ')})`);
      return { operation: match, violations };
    }
    const media = this.deref(content[declared]);
    if (mediaType === 'text/event-stream' && media['x-event-schema'])
      this.checkEvents(body, record.truncated, media['x-event-schema'], violation);
    if (!media.schema) return { operation: match, violations };
    let value = body;
    if (isJson(mediaType)) {
      if (record.truncated) {
        violation('', 'the body was too large to record');
        return { operation: match, violations };
      }
      try {
        value = JSON.parse(body);
      } catch {
        violation('', `the body is not JSON: ${JSON.stringify(body.slice(0, 80))}`);
        return { operation: match, violations };
      }
    }
    const validate = this.validator(`${base}/content/${token(declared)}/schema`);
    if (!validate(value)) {
      for (const e of validate.errors) {
        const pointer = e.keyword === 'unevaluatedProperties' ? `${e.instancePath}/${token(e.params.unevaluatedProperty)}` : e.instancePath;
        const message = e.keyword === 'unevaluatedProperties' ? 'property is not in the document' : describe(e);
        violation(pointer, message);
      }
    }
    return { operation: match, violations };
  }
}

/**
 * The frames of a server-sent event stream, as fields: each frame that carries `data:` must be valid against the
 * schema the media type names (`x-event-schema`), its `data` parsed as JSON. Frames of only `retry:`/`id:` (a starting
 * position) and `:` comments carry no event; the last frame of a stream cut off when recorded is left out.
 */
ResponseContract.prototype.checkEvents = function checkEvents(body, truncated, schema, violation) {
  const frames = body.split(/\n\n/);
  frames.pop(); // what follows the last blank line: an unfinished frame, or nothing
  if (truncated) frames.pop();
  const pointer = schema.$ref?.replace(/^#/, '');
  const validate = pointer ? this.validator(pointer) : this.ajv.compile(schema);
  frames.forEach((frame, index) => {
    const fields = {};
    for (const line of frame.split('\n')) {
      if (line.startsWith(':') || !line.includes(':')) continue;
      const name = line.slice(0, line.indexOf(':'));
      fields[name] = line.slice(name.length + 1).replace(/^ /, '');
    }
    if (!('data' in fields)) return;
    let event;
    try {
      event = { ...fields, data: JSON.parse(fields.data) };
    } catch {
      violation(`event ${index}`, 'its data is not JSON');
      return;
    }
    delete event.retry;
    if (!validate(event)) for (const e of validate.errors) violation(`event ${index}${e.instancePath}`, describe(e));
  });
};

function describe(error) {
  if (error.keyword === 'enum') return `${error.message}: ${error.params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  return error.message;
}

/** A header value as the type its schema declares (headers are text on the wire). */
function headerValue(value, schema) {
  const types = [schema.type ?? []].flat();
  if ((types.includes('integer') || types.includes('number')) && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (types.includes('boolean') && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
