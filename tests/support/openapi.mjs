// Holds the server to its API description: every request the integration tests send through
// `Client` (server.mjs) and every answer are checked against GET /api/v1/openapi.json with
// ajv (JSON Schema 2020-12, the dialect of OpenAPI 3.1). Any difference throws, failing the
// test that made the request:
//   - an answer's status the operation does not list, or a body that does not match its
//     schema (objects are closed here: a field the description does not name is drift);
//   - a header the description names with a value of the wrong form, or a required one missing;
//   - a request the description calls invalid (body, path or query) that the server accepted.
// Requests to paths the description does not have (tests of 404s, SCIM) are not checked.
import http from 'node:http';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const specs = new Map();  // base URL -> Promise<Contract>

export function contractFor(base) {
  if (!specs.has(base)) specs.set(base, readSpec(base).then((spec) => new Contract(spec)));
  return specs.get(base);
}

// On a connection of its own that closes after (`agent: false`), so that it counts against
// no test's connections (the per-address cap).
function readSpec(base) {
  return new Promise((resolve, reject) => {
    http.get(`${base}/api/v1/openapi.json`, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => {
        if (res.statusCode !== 200) reject(new Error(`GET /api/v1/openapi.json answered ${res.statusCode}`));
        else resolve(JSON.parse(body));
      });
    }).on('error', reject);
  });
}

// Objects the description does not close are closed for the check. unevaluatedProperties
// sees through allOf, so a composition ({allOf: [PersonCard, {endorsements}]}) is closed as a
// whole while its parts stay open: a part closed on its own would refuse the others' fields.
function closeObjects(node, isPart = false) {
  if (Array.isArray(node)) return node.forEach((n) => closeObjects(n, isPart));
  if (!node || typeof node !== 'object') return;
  const open = !('additionalProperties' in node) && !('unevaluatedProperties' in node);
  if (open && !isPart && (node.properties || node.allOf) && node.type !== 'array') node.unevaluatedProperties = false;
  for (const [k, v] of Object.entries(node)) closeObjects(v, k === 'allOf');
}

// Components that are parts of an allOf get an open twin ("X__open") the parts refer to.
function openParts(spec) {
  const schemas = spec.components?.schemas ?? {};
  const parts = new Set();
  const walk = (node) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    for (const member of node.allOf ?? []) {
      const m = /^#\/components\/schemas\/(.+)$/.exec(member.$ref ?? '');
      if (m) {
        parts.add(m[1]);
        member.$ref = `#/components/schemas/${m[1]}__open`;
      }
    }
    Object.values(node).forEach(walk);
  };
  walk(spec);
  return () => {
    for (const name of parts) {
      const twin = structuredClone(schemas[name]);
      delete twin.unevaluatedProperties;
      schemas[`${name}__open`] = twin;
    }
  };
}

// A JSON pointer as a URI fragment: "~" and "/" escaped, then what a URI may not hold ("{id}").
const pointer = (base, ...parts) =>
  [base, ...parts.map((p) => encodeURIComponent(String(p).replaceAll('~', '~0').replaceAll('/', '~1')))].join('/');

export class Contract {
  constructor(spec) {
    this.spec = structuredClone(spec);
    const addOpenTwins = openParts(this.spec);
    closeObjects(this.spec.components);
    closeObjects(this.spec.paths);
    addOpenTwins();
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
    this.ajv.addSchema(this.spec, 'openapi.json');
    this.validators = new Map();
    // Path templates, the most literal first, so /people/me wins over /people/{id}.
    this.templates = Object.keys(this.spec.paths).map((t) => ({
      template: t,
      parts: t.split('/'),
      literal: t.split('/').filter((p) => !p.startsWith('{')).length,
    })).sort((a, b) => b.literal - a.literal);
  }

  // The operation for a method and a concrete path, and its path parameters.
  find(method, path) {
    const parts = path.split('/');
    for (const { template, parts: tparts } of this.templates) {
      if (tparts.length !== parts.length) continue;
      const params = {};
      let ok = true;
      for (let i = 0; i < parts.length && ok; i++) {
        if (tparts[i].startsWith('{')) params[tparts[i].slice(1, -1)] = decodeURIComponent(parts[i]);
        else ok = tparts[i] === parts[i];
      }
      if (!ok) continue;
      const m = method.toLowerCase() === 'head' ? 'get' : method.toLowerCase();
      const op = this.spec.paths[template][m];
      if (op) return { template, method: m, op, params };
    }
    return null;
  }

  resolve(obj) {
    let o = obj;
    while (o && o.$ref) o = o.$ref.slice(2).split('/').reduce((n, k) => n[k.replaceAll('~1', '/').replaceAll('~0', '~')], this.spec);
    return o;
  }

  validator(ref, schema) {
    if (!this.validators.has(ref)) {
      // Schemas nested in the document are compiled by reference, so their $refs resolve.
      this.validators.set(ref, schema ? this.ajv.compile(schema) : this.ajv.getSchema(`openapi.json#${ref}`));
    }
    return this.validators.get(ref);
  }

  check(ref, value) {
    const v = this.validator(ref);
    if (v(value)) return [];
    return v.errors.map((e) => `${e.instancePath || '(root)'} ${e.message}${e.params?.unevaluatedProperty ? `: ${e.params.unevaluatedProperty}` : ''}${e.params?.allowedValues ? ` ${JSON.stringify(e.params.allowedValues)}` : ''}`);
  }

  // A scalar from a path, query or header, as its schema's type reads it.
  checkScalar(schema, raw, where) {
    const s = this.resolve(schema) ?? {};
    const types = [].concat(s.type ?? []);
    let value = raw;
    if (types.includes('integer') || types.includes('number')) {
      value = /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
    } else if (types.includes('boolean')) {
      value = raw === 'true' ? true : raw === 'false' ? false : raw;
    }
    const v = this.validator(`scalar:${JSON.stringify(s)}`, { ...s, $id: undefined });
    return v(value) ? [] : [`${where} ${JSON.stringify(raw)}: ${this.ajv.errorsText(v.errors, { dataVar: '' })}`];
  }

  parameters(found) {
    const item = this.spec.paths[found.template];
    return [...(item.parameters ?? []), ...(found.op.parameters ?? [])].map((p) => this.resolve(p));
  }

  // The request's problems by the description (an empty list: valid).
  requestProblems(found, { query, body, contentType }) {
    const problems = [];
    const params = this.parameters(found);
    for (const p of params.filter((x) => x.in === 'path')) {
      problems.push(...this.checkScalar(p.schema, found.params[p.name], `path parameter ${p.name}`));
    }
    for (const [name, value] of query) {
      const p = params.find((x) => x.in === 'query' && x.name === name);
      if (!p) problems.push(`query parameter ${name} is not in the description`);
      else problems.push(...this.checkScalar(p.schema, value, `query parameter ${name}`));
    }
    for (const p of params.filter((x) => x.in === 'query' && x.required)) {
      if (!query.has(p.name)) problems.push(`query parameter ${p.name} is required`);
    }
    const rb = this.resolve(found.op.requestBody);
    if (body !== undefined && rb) {
      const type = (contentType ?? '').split(';')[0].trim();
      const media = rb.content?.[type] ? type : rb.content?.['*/*'] ? '*/*' : null;
      if (!media) problems.push(`request body of type ${type} is not one the operation takes (${Object.keys(rb.content ?? {}).join(', ')})`);
      else if (media === 'application/json' && rb.content[media].schema) {
        let parsed;
        try {
          parsed = JSON.parse(typeof body === 'string' ? body : Buffer.from(body).toString('utf8'));
        } catch {
          problems.push('request body is not JSON');
        }
        if (parsed !== undefined) {
          const base = found.op.requestBody.$ref ? found.op.requestBody.$ref.slice(1) : pointer('', 'paths', found.template, found.method, 'requestBody');
          problems.push(...this.check(pointer(base, 'content', media, 'schema'), parsed).map((e) => `request body ${e}`));
        }
      }
    } else if (body === undefined && rb?.required) {
      problems.push('request body is required');
    }
    return problems;
  }

  // The answer's problems by the description.
  responseProblems(found, { status, headers, json, text }) {
    const problems = [];
    const responses = found.op.responses;
    const key = String(status) in responses ? String(status) : `${String(status)[0]}XX` in responses ? `${String(status)[0]}XX` : 'default';
    const declared = responses[key];
    if (!declared) return [`status ${status} is not one the operation answers (${Object.keys(responses).join(', ')})`];
    const response = this.resolve(declared);
    for (const [name, h] of Object.entries(response.headers ?? {})) {
      const header = this.resolve(h);
      const value = headers.get(name);
      if (value === null) {
        if (header.required) problems.push(`header ${name} is missing`);
      } else if (header.schema) {
        problems.push(...this.checkScalar(header.schema, value, `header ${name}`));
      }
    }
    const type = (headers.get('content-type') ?? '').split(';')[0].trim();
    const content = response.content;
    if (!content) {
      if (text) problems.push(`a body was sent where the description has none (${type})`);
      return problems;
    }
    if (!text && status !== 304 && found.method !== 'head') {
      problems.push('the body is empty where the description has one');
      return problems;
    }
    if (!text) return problems;
    const media = content[type] ? type : Object.keys(content).find((k) => k === '*/*' || (k.endsWith('/*') && type.startsWith(k.slice(0, -1))));
    if (!media) return [...problems, `content type ${type} is not one the description has (${Object.keys(content).join(', ')})`];
    const schema = content[media].schema;
    if (schema && (media.endsWith('json'))) {
      if (json === undefined) return [...problems, 'the body is not JSON'];
      const base = declared.$ref ? declared.$ref.slice(1) : pointer('', 'paths', found.template, found.method, 'responses', key);
      // (component names need no escaping: they are plain words)
      problems.push(...this.check(pointer(base, 'content', media, 'schema'), json).map((e) => `body ${e}`));
    }
    return problems;
  }

  // Throws when the exchange differs from the description.
  verify({ method, path, body, contentType }, res) {
    const url = new URL(path, 'http://x');
    const found = this.find(method, url.pathname);
    if (!found) return null;
    const label = `${method} ${found.template} → ${res.status}`;
    const reqProblems = this.requestProblems(found, { query: url.searchParams, body, contentType });
    if (reqProblems.length && res.status < 400) {
      throw new Error(`API contract: ${label}: the server accepted a request the description calls invalid:\n  ${reqProblems.join('\n  ')}`);
    }
    const resProblems = this.responseProblems(found, res);
    if (resProblems.length) {
      const shown = /json|text/.test(res.headers.get('content-type') ?? '') ? res.text.slice(0, 600) : `(${res.headers.get('content-type')})`;
      throw new Error(`API contract: ${label}: the answer differs from the description:\n  ${resProblems.join('\n  ')}\n  body: ${shown}`);
    }
    return found;
  }
}
