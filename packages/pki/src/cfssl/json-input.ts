import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { PkiError } from '../errors.js';

/**
 * Reading a cfssl JSON file: JSON.parse with the error placed at line:column, then a JSON
 * Schema check whose errors name the field by its JSON Pointer path
 * (`csr.json: /names/0/X: unknown field "X"`). Both fail with CFSSL_INVALID.
 */

let ajv: Ajv | undefined;

/**
 * The options every cfssl schema is compiled with. `validateSchema: false`: checking our own two
 * fixed schemas against the draft-07 meta-schema on every run cost ≈40 ms (compiling the
 * meta-schema); json-input.test.ts checks them against it instead.
 */
export const cfsslAjvOptions = { allErrors: true, allowUnionTypes: true, verbose: true, strict: true, validateSchema: false } as const;

/**
 * The validator of a schema, compiled on first use and kept: compiling at import cost every
 * `tlsboot` process ≈80 ms though most never read a cfssl file (issue 8, cold start).
 */
export function lazyValidator(schema: object): () => ValidateFunction {
  let validate: ValidateFunction | undefined;
  return () => (validate ??= (ajv ??= new Ajv(cfsslAjvOptions)).compile(schema));
}

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

/** Parses JSON text; a syntax error names `source` and, when V8 reports an offset, line:column. */
export function parseJsonText(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    const at = /\s*(?:in JSON )?at position (\d+)(?: \(line \d+ column \d+\))?$/.exec(message);
    let offset: number | undefined;
    let why = message;
    if (at) {
      offset = Number(at[1]);
      why = message.slice(0, at.index);
    } else if (/Unexpected end of JSON input/.test(message)) {
      offset = text.length;
    }
    const where = offset === undefined ? source : `${source}:${lineColumn(text, offset).line}:${lineColumn(text, offset).column}`;
    throw new PkiError('CFSSL_INVALID', `${where}: invalid JSON: ${why}`, { cause: err });
  }
}

/** RFC 6901 escaping of one path segment. */
function pointerSegment(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}

function knownProperties(error: ErrorObject): string[] {
  const parent = error.parentSchema as { properties?: Record<string, unknown> } | undefined;
  return Object.keys(parent?.properties ?? {});
}

/** One ajv error as `PATH: problem`. */
function describe(error: ErrorObject): string {
  const path = error.instancePath;
  switch (error.keyword) {
    case 'additionalProperties': {
      const field = String((error.params as { additionalProperty: string }).additionalProperty);
      // Go's encoding/json matches field names case-insensitively; say so when that is the slip.
      const near = knownProperties(error).find((known) => known.toLowerCase() === field.toLowerCase());
      const hint = near ? ` (did you mean "${near}"?)` : '';
      return `${path}/${pointerSegment(field)}: unknown field "${field}"${hint}`;
    }
    case 'required': {
      const field = String((error.params as { missingProperty: string }).missingProperty);
      return `${path}/${pointerSegment(field)}: required field is missing`;
    }
    case 'type': {
      const type = (error.params as { type: string | string[] }).type;
      const types = (Array.isArray(type) ? type : String(type).split(',')).filter((t) => t !== 'null');
      return `${path || '(top level)'}: must be ${types.join(' or ')}`;
    }
    default:
      return `${path || '(top level)'}: ${error.message ?? error.keyword}`;
  }
}

/**
 * Validates `value` against a compiled schema; on failure throws CFSSL_INVALID listing every
 * problem, each prefixed by `source` and its field path.
 */
export function validateJson<T>(validate: ValidateFunction, value: unknown, source: string): T {
  if (validate(value)) return value as T;
  const problems = [...new Set((validate.errors ?? []).map(describe))];
  throw new PkiError('CFSSL_INVALID', problems.map((p) => `${source}: ${p}`).join('; '));
}

/** Parse and validate in one step. */
export function readJsonInput<T>(text: string, source: string, validate: ValidateFunction): T {
  return validateJson<T>(validate, parseJsonText(text, source), source);
}
