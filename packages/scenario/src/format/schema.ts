import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { precompiledScenarioValidator } from './schema-precompiled.js';

/**
 * The JSON Schema of the scenario format, schema/scenario.schema.json at the repository root: the
 * single source of validation (and of editor support). Compiled once, lazily, in ajv strict mode
 * with allErrors so a file's every problem is reported at once — or, in the bundled CLI, the same
 * validator precompiled at bundle time (schema-precompiled.ts), used only while the schema file
 * reads exactly as it did then.
 */

export const scenarioSchemaUrl = new URL('../../../../schema/scenario.schema.json', import.meta.url);

export interface JsonSchema {
  description?: string;
  type?: string;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  oneOf?: JsonSchema[];
  items?: JsonSchema;
  $ref?: string;
  definitions?: Record<string, JsonSchema>;
  [keyword: string]: unknown;
}

let loaded: { schema: JsonSchema; validate: ValidateFunction; definitionOf: Map<object, string> } | undefined;

function load(): NonNullable<typeof loaded> {
  if (!loaded) {
    const text = readFileSync(scenarioSchemaUrl, 'utf8');
    const schema = JSON.parse(text) as JsonSchema;
    const precompiled = precompiledScenarioValidator;
    const validate = precompiled?.schemaText === text ? precompiled.create(schema) : new Ajv({ allErrors: true, verbose: true, strict: true }).compile(schema);
    const definitionOf = new Map<object, string>(Object.entries(schema.definitions ?? {}).map(([name, def]) => [def, name]));
    loaded = { schema, validate, definitionOf };
  }
  return loaded;
}

/** The schema as parsed JSON. */
export function scenarioSchema(): JsonSchema {
  return load().schema;
}

/** The compiled validator. */
export function scenarioValidator(): ValidateFunction {
  return load().validate;
}

/** The name under `definitions` of a (sub)schema object ajv reports as `parentSchema`, if it is one. */
export function definitionName(schemaObject: unknown): string | undefined {
  return typeof schemaObject === 'object' && schemaObject !== null ? load().definitionOf.get(schemaObject) : undefined;
}

/** The keys of the `oneOf` branches when it says "exactly one of these keys" ({properties, required: [k]} each). */
export function exactlyOneKeys(schemaObject: JsonSchema | undefined): string[] | undefined {
  const branches = schemaObject?.oneOf;
  if (!branches) return undefined;
  const keys = branches.map((b) => (b.required?.length === 1 ? b.required[0] : undefined));
  return keys.every((k): k is string => k !== undefined) ? keys : undefined;
}
