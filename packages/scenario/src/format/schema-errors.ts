import type { ErrorObject } from 'ajv';
import { durationSyntax } from './durations.js';
import type { ScenarioProblem } from './errors.js';
import { fieldPath, pointerSegments, type DocumentPositions, type PathSegment } from './positions.js';
import { definitionName, exactlyOneKeys, type JsonSchema } from './schema.js';
import { didYouMean } from './suggest.js';

/**
 * Every ajv error of schema/scenario.schema.json as a problem a person can act on, placed at the
 * offending node: the unknown KEY for additionalProperties, the parent map for a missing field,
 * the value otherwise. The "exactly one of these keys" groups (`oneOf` of single `required`s: a
 * step's action, an object source, an identity…) become one sentence instead of a dozen.
 */
export function schemaProblems(errors: readonly ErrorObject[], data: unknown, positions: DocumentPositions, file: string): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const groups = errors.filter((e) => e.keyword === 'oneOf' && exactlyOneKeys(e.parentSchema as JsonSchema) !== undefined);
  const inGroup = (e: ErrorObject): boolean =>
    groups.some((g) => g !== e && g.instancePath === e.instancePath && e.schemaPath.startsWith(`${g.schemaPath}/`));
  const unknownKeyAt = new Set(errors.filter((e) => e.keyword === 'additionalProperties').map((e) => e.instancePath));

  for (const error of errors) {
    if (inGroup(error)) continue;
    const segments = pointerSegments(error.instancePath, data);
    const at = (where: { line: number; column: number }, path: readonly PathSegment[], message: string): void => {
      problems.push({ file, line: where.line, column: where.column, path: fieldPath(path), message });
    };
    switch (error.keyword) {
      case 'additionalProperties': {
        const key = String((error.params as { additionalProperty: string }).additionalProperty);
        const known = Object.keys((error.parentSchema as JsonSchema).properties ?? {});
        const hint = didYouMean(key, known) || ` (known: ${known.join(', ')})`;
        at(positions.key(segments, key), [...segments, key], `unknown field "${key}"${hint}`);
        break;
      }
      case 'required': {
        const key = String((error.params as { missingProperty: string }).missingProperty);
        at(positions.value(segments), segments, `missing required field "${key}"`);
        break;
      }
      case 'oneOf': {
        const keys = exactlyOneKeys(error.parentSchema as JsonSchema);
        if (!keys || !isMap(error.data)) break;
        const found = keys.filter((k) => k in (error.data as object));
        // An unknown key at the same place already says what is wrong ("advnce" → "advance").
        if (found.length === 0 && unknownKeyAt.has(error.instancePath)) break;
        at(positions.value(segments), segments, exactlyOneMessage(error.parentSchema as JsonSchema, keys, found));
        break;
      }
      default:
        at(positions.value(segments), segments, valueMessage(error, segments));
    }
  }
  return problems;
}

function exactlyOneMessage(schema: JsonSchema, keys: readonly string[], found: readonly string[]): string {
  const what = definitionName(schema) === 'step' ? 'a step needs exactly one action' : `needs exactly one of ${keys.join(', ')}`;
  if (found.length === 0) return definitionName(schema) === 'step' ? `${what}, found none (one of ${keys.join(', ')})` : `${what}, found none`;
  return `${what}, found ${found.map((k) => `"${k}"`).join(' and ')}`;
}

/** A wrong value: type, pattern, enum, bounds. */
function valueMessage(error: ErrorObject, segments: readonly PathSegment[]): string {
  const data: unknown = error.data;
  const schema = error.parentSchema as JsonSchema;
  const definition = definitionName(schema);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type':
      if (definition === 'duration' && typeof data === 'number') {
        return `${data} is not a duration: say which unit, e.g. "${data}s" or "${data}m" (${durationSyntax})`;
      }
      return `expected ${typeName(String(params['type']))}, got ${valueKind(data)}`;
    case 'pattern':
      return patternMessage(String(data), definition, segments.at(-1), String(params['pattern']));
    case 'enum': {
      const allowed = (params['allowedValues'] as unknown[]) ?? [];
      if (allowed.length === 1) return `must be ${JSON.stringify(allowed[0])}`;
      const hint = typeof data === 'string' ? didYouMean(data, allowed.map(String)) : '';
      return `${JSON.stringify(data)} is not one of ${allowed.join(', ')}${hint}`;
    }
    case 'minLength':
      return 'must not be empty';
    case 'maxLength':
      return `is longer than ${String(params['limit'])} characters`;
    case 'minItems':
      return `needs at least ${String(params['limit'])} item${params['limit'] === 1 ? '' : 's'}`;
    case 'minimum':
      return `must be at least ${String(params['limit'])}, got ${String(data)}`;
    case 'maximum':
      return `must be at most ${String(params['limit'])}, got ${String(data)}`;
    default:
      return error.message ?? error.keyword;
  }
}

const definitionPatterns: Record<string, (value: string) => string> = {
  duration: (v) => `"${v}" is not a duration (${durationSyntax})`,
  componentRef: (v) => `"${v}" is not a component (kube-apiserver, kube-controller-manager, kubelet/<node>, kube-proxy/<node>)`,
  flag: (v) => `"${v}" is not a flag (--name or --name=value)`,
  dns1123Label: (v) => `"${v}" is not a DNS-1123 label (lower-case letters, digits and "-", starting and ending with a letter or digit)`,
  dns1123Subdomain: (v) => `"${v}" is not a DNS-1123 subdomain (lower-case letters, digits, "-" and ".", starting and ending with a letter or digit)`,
  rfc3339: (v) => `"${v}" is not an RFC 3339 time (e.g. 2024-01-01T00:00:00Z)`,
};

const fieldPatterns: Record<string, (value: string) => string> = {
  token: (v) => `"${v}" is not a bootstrap token (id.secret: [a-z0-9]{6}.[a-z0-9]{16})`,
  as: (v) => `"${v}" is not a token name (letters, digits, "-" and "_")`,
  mode: (v) => `"${v}" is not an octal file mode like "0600"`,
  serviceAccount: (v) => `"${v}" is not a service account (<namespace>/<name>)`,
  path: (v) => `"${v}" is not a request path (it starts with "/")`,
};

function patternMessage(value: string, definition: string | undefined, field: PathSegment | undefined, pattern: string): string {
  const byDefinition = definition ? definitionPatterns[definition] : undefined;
  if (byDefinition) return byDefinition(value);
  const byField = typeof field === 'string' ? fieldPatterns[field] : undefined;
  return byField ? byField(value) : `"${value}" does not match ${pattern}`;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function typeName(type: string): string {
  const names: Record<string, string> = {
    object: 'a map',
    array: 'a list',
    string: 'a string',
    integer: 'an integer',
    number: 'a number',
    boolean: 'true or false',
    null: 'nothing',
  };
  return type.split(',').map((t) => names[t] ?? t).join(' or ');
}

function valueKind(v: unknown): string {
  if (v === null || v === undefined) return 'nothing (an empty value)';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  if (typeof v === 'number') return Number.isInteger(v) ? 'a number' : `a number (${v})`;
  if (typeof v === 'boolean') return `a boolean (${v})`;
  return `a ${typeof v}`;
}
