// schema/scenario.schema.json: compiles in ajv strict mode, describes every property (editor
// support), and docs/scenarios.md is checked against it both ways (issue 7, Docs: "format
// reference, checked against the schema").
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { scenarioSchema, scenarioSchemaUrl, type JsonSchema } from './schema.js';

const doc = readFileSync(new URL('../../../../docs/scenarios.md', import.meta.url), 'utf8');
const raw = (): JsonSchema => JSON.parse(readFileSync(scenarioSchemaUrl, 'utf8')) as JsonSchema;

function deref(s: JsonSchema): JsonSchema {
  if (!s.$ref) return s;
  const name = s.$ref.replace('#/definitions/', '');
  const target = scenarioSchema().definitions?.[name];
  if (!target) throw new Error(`dangling $ref ${s.$ref}`);
  return deref(target);
}

/** Every (path, property schema) under `properties` anywhere in the schema, definitions included. */
function allProperties(): { at: string; name: string; schema: JsonSchema }[] {
  const out: { at: string; name: string; schema: JsonSchema }[] = [];
  const visit = (s: unknown, at: string): void => {
    if (Array.isArray(s)) s.forEach((v, i) => visit(v, `${at}/${i}`));
    else if (s !== null && typeof s === 'object') {
      const props = (s as JsonSchema).properties;
      for (const [name, p] of Object.entries(props ?? {})) {
        // the `oneOf` branches' {properties: {k: true}} only name the key for ajv's strictRequired.
        if (typeof p === 'object') out.push({ at: `${at}/properties/${name}`, name, schema: p });
      }
      for (const [k, v] of Object.entries(s)) visit(v, `${at}/${k}`);
    }
  };
  visit(scenarioSchema(), '#');
  return out;
}

test('the schema compiles in ajv strict mode (draft-07)', () => {
  const ajv = new Ajv({ strict: true, allErrors: true });
  ajv.compile(raw());
  assert.is(raw().$schema, 'http://json-schema.org/draft-07/schema#');
});

test('every property has a description (its own, or its $ref target’s), for editors', () => {
  const missing = allProperties().filter((p) => !p.schema.description && !deref(p.schema).description).map((p) => p.at);
  assert.equal(missing, []);
});

test('every object schema is closed (additionalProperties: false) except manifests, config maps, free objects and string maps', () => {
  const open: string[] = [];
  const visit = (s: unknown, at: string): void => {
    if (Array.isArray(s)) return s.forEach((v, i) => visit(v, `${at}/${i}`));
    if (s === null || typeof s !== 'object') return;
    const o = s as JsonSchema;
    if (o.type === 'object' && o.additionalProperties !== false) open.push(at);
    for (const [k, v] of Object.entries(o)) visit(v, `${at}/${k}`);
  };
  visit(scenarioSchema(), '#');
  assert.equal(open, ['#/definitions/stringMap', '#/definitions/freeObject', '#/definitions/objectSource/properties/manifest']);
});

test('docs/scenarios.md names every property of the schema', () => {
  const names = [...new Set(allProperties().map((p) => p.name))];
  const absent = names.filter((n) => !new RegExp(`\\b${n}\\b`).test(doc));
  assert.equal(absent, []);
});

/** The fields the doc's tables and `{…}` forms name: first-column paths and `{a, b?: …}` keys. */
function docFields(): { paths: string[][]; keys: string[] } {
  const paths: string[][] = [];
  const keys = new Set<string>();
  for (const line of doc.split('\n')) {
    if (!line.startsWith('|') || /^\|[-| ]+\|$/.test(line)) continue;
    const first = line.split('|')[1] ?? '';
    for (const [, span = ''] of first.matchAll(/`([^`]+)`/g)) {
      if (/^[A-Za-z][\w.[\]]*:?$/.test(span)) paths.push(span.replace(/\[\]|:$/g, '').split('.'));
    }
  }
  for (const [, span = ''] of doc.matchAll(/`([^`\n]*\{[^`\n]*)`/g)) {
    for (const [, key = ''] of span.matchAll(/(?:\{|, )([A-Za-z]+)\??(?=[:,}])/g)) keys.add(key);
  }
  return { paths, keys: [...keys] };
}

test('every field the doc’s tables and forms name exists in the schema', () => {
  const names = new Set(allProperties().map((p) => p.name));
  const { paths, keys } = docFields();
  assert.ok(paths.length > 30, `found only ${paths.length} table fields`);
  assert.ok(keys.length > 30, `found only ${keys.length} form keys`);
  assert.equal(keys.filter((k) => !names.has(k)), []);
  assert.equal(paths.flat().filter((k) => !names.has(k)), []);
  // Top-level paths (`spec.cluster.apiserver.flags[]`) resolve from the root, level by level.
  const unresolved = paths
    .filter((p) => ['apiVersion', 'kind', 'metadata', 'spec'].includes(p[0]!))
    .filter((p) => {
      let here: JsonSchema | undefined = scenarioSchema();
      for (const seg of p) {
        here = here ? deref(here) : undefined;
        if (here?.type === 'array' && here.items) here = deref(here.items);
        here = here?.properties?.[seg];
      }
      return here === undefined;
    })
    .map((p) => p.join('.'));
  assert.equal(unresolved, []);
});

test('the steps table names every action of a step, and the expectations table every expectation', () => {
  const { paths } = docFields();
  const named = new Set(paths.map((p) => p.join('.')));
  const defs = scenarioSchema().definitions!;
  const actions = Object.keys(defs['step']!.properties!).filter((k) => k !== 'name');
  assert.equal(actions.filter((a) => !named.has(a)), []);
  assert.equal(Object.keys(defs['expectation']!.properties!).filter((e) => !named.has(e)), []);
  assert.equal(Object.keys(defs['objectSource']!.properties!).filter((o) => !named.has(o)), []);
});

test.run();
