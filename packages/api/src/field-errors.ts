/**
 * Field paths and field-level validation errors as k8s.io/apimachinery/pkg/util/validation/field
 * (path.go, errors.go) builds and prints them, and the aggregate message of
 * pkg/util/errors/errors.go. Texts are upstream's at v1.32: `spec.usages[0]: Unsupported value:
 * "x": supported values: "a", "b"`.
 */
import { errorMessage } from '@tlsboot/util';
import { goQuote, goValue } from './go-format.js';

/** field.Path: a field name, or a subscript (index or map key) of its parent. */
export class FieldPath {
  private constructor(
    private readonly name: string,
    private readonly subscript: string,
    private readonly parent: FieldPath | undefined,
  ) {}

  /** field.NewPath(name, moreNames...). */
  static of(name: string, ...moreNames: string[]): FieldPath {
    let p = new FieldPath(name, '', undefined);
    for (const n of moreNames) p = new FieldPath(n, '', p);
    return p;
  }

  /** Path.Child: `metadata` → `metadata.labels`. */
  child(name: string, ...moreNames: string[]): FieldPath {
    let p: FieldPath = new FieldPath(name, '', this);
    for (const n of moreNames) p = new FieldPath(n, '', p);
    return p;
  }

  /** Path.Index: `spec.containers` → `spec.containers[0]`. */
  index(i: number): FieldPath {
    return new FieldPath('', String(i), this);
  }

  /** Path.Key: `metadata.labels` → `metadata.labels[app]` (the key is not quoted). */
  key(k: string): FieldPath {
    return new FieldPath('', k, this);
  }

  /** Path.String(). */
  toString(): string {
    const elems: FieldPath[] = [];
    for (let p: FieldPath | undefined = this; p !== undefined; p = p.parent) elems.unshift(p);
    let out = '';
    for (const p of elems) {
      if (p.name.length > 0) out += (p.parent !== undefined ? '.' : '') + p.name;
      else out += `[${p.subscript}]`;
    }
    return out;
  }
}

/** field.NewPath. */
export function newFieldPath(name: string, ...moreNames: string[]): FieldPath {
  return FieldPath.of(name, ...moreNames);
}

/** A Go nil *field.Path prints as `<nil>`; labels.Parse without a path reports that. */
export function fieldPathString(path: FieldPath | undefined): string {
  return path === undefined ? '<nil>' : path.toString();
}

/** Child of a possibly-nil path: Go's nil.Child("key") is the root path `key`. */
export function childOf(path: FieldPath | undefined, name: string): FieldPath {
  return path === undefined ? FieldPath.of(name) : path.child(name);
}

/** field.ErrorType; the same strings are the `reason` of a Status cause. */
export type FieldErrorType =
  | 'FieldValueNotFound'
  | 'FieldValueRequired'
  | 'FieldValueDuplicate'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'InternalError'
  | 'FieldValueTypeInvalid';

/** ErrorType.String(): the words that start an error body. */
export const fieldErrorTypeText: Readonly<Record<FieldErrorType, string>> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
  FieldValueTypeInvalid: 'Invalid value',
};

/** The BadValue that TooMany uses when the actual count is unknown: the body prints no value. */
export const omitValue: unique symbol = Symbol('omitValue');

/** Types whose body never prints the bad value. */
const valueless: ReadonlySet<FieldErrorType> = new Set(['FieldValueRequired', 'FieldValueForbidden', 'FieldValueTooLong', 'InternalError']);

/** field.Error: one problem with one field. */
export class FieldError {
  constructor(
    readonly type: FieldErrorType,
    /** The field path, already rendered (`spec.usages[0]`). */
    readonly field: string,
    readonly badValue: unknown,
    readonly detail: string,
  ) {}

  /**
   * ErrorBody(): the message without the field, as used for a Status cause. Strings print as Go
   * `%q`, numbers and booleans bare, null as `null`, anything else as JSON.
   */
  errorBody(): string {
    let s = fieldErrorTypeText[this.type];
    if (!valueless.has(this.type) && this.badValue !== omitValue) s += `: ${renderValue(this.badValue)}`;
    if (this.detail.length > 0) s += `: ${this.detail}`;
    return s;
  }

  /** Error(): `<field>: <body>`. */
  error(): string {
    return `${this.field}: ${this.errorBody()}`;
  }

  toString(): string {
    return this.error();
  }
}

function renderValue(v: unknown): string {
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return goValue(v);
  if (v === null || v === undefined) return 'null';
  try {
    return JSON.stringify(v) ?? 'null';
  } catch {
    return String(v);
  }
}

/** field.Required: `Required value` (+ `: detail`). */
export function fieldRequired(path: FieldPath, detail = ''): FieldError {
  return new FieldError('FieldValueRequired', path.toString(), '', detail);
}

/** field.Invalid: `Invalid value: <value>: detail`. */
export function fieldInvalid(path: FieldPath, value: unknown, detail: string): FieldError {
  return new FieldError('FieldValueInvalid', path.toString(), value, detail);
}

/** field.TypeInvalid: printed as `Invalid value`, cause reason FieldValueTypeInvalid. */
export function fieldTypeInvalid(path: FieldPath, value: unknown, detail: string): FieldError {
  return new FieldError('FieldValueTypeInvalid', path.toString(), value, detail);
}

/** field.NotSupported: `Unsupported value: "x": supported values: "a", "b"` (values quoted as given, in order). */
export function fieldNotSupported(path: FieldPath, value: unknown, validValues: readonly string[]): FieldError {
  const detail = validValues.length > 0 ? `supported values: ${validValues.map(goQuote).join(', ')}` : '';
  return new FieldError('FieldValueNotSupported', path.toString(), value, detail);
}

/** field.Forbidden: `Forbidden: detail`. */
export function fieldForbidden(path: FieldPath, detail: string): FieldError {
  return new FieldError('FieldValueForbidden', path.toString(), '', detail);
}

/** field.Duplicate: `Duplicate value: "x"`. */
export function fieldDuplicate(path: FieldPath, value: unknown): FieldError {
  return new FieldError('FieldValueDuplicate', path.toString(), value, '');
}

/** field.NotFound: `Not found: "x"`. */
export function fieldNotFound(path: FieldPath, value: unknown): FieldError {
  return new FieldError('FieldValueNotFound', path.toString(), value, '');
}

/**
 * field.TooLong: `Too long: may not be more than 63 bytes` (`byte` for 1; a negative limit
 * gives `value is too long`). The value is never printed.
 */
export function fieldTooLong(path: FieldPath, maxLength: number): FieldError {
  const detail = maxLength >= 0 ? `may not be more than ${maxLength} ${maxLength === 1 ? 'byte' : 'bytes'}` : 'value is too long';
  return new FieldError('FieldValueTooLong', path.toString(), '<value omitted>', detail);
}

/** field.TooMany: `Too many: 5: must have at most 3 items` (no count when `actual` is negative). */
export function fieldTooMany(path: FieldPath, actual: number, max: number): FieldError {
  const detail = max >= 0 ? `must have at most ${max} ${max === 1 ? 'item' : 'items'}` : 'has too many items';
  return new FieldError('FieldValueTooMany', path.toString(), actual >= 0 ? actual : omitValue, detail);
}

/** field.InternalError: `Internal error: <err>`. */
export function fieldInternalError(path: FieldPath, err: unknown): FieldError {
  return new FieldError('InternalError', path.toString(), null, errorMessage(err));
}

/**
 * utilerrors.NewAggregate(errs).Error(): `` for none, the one message alone, `[a, b]` for several.
 */
export function aggregateMessage(messages: readonly string[]): string {
  if (messages.length === 0) return '';
  if (messages.length === 1) return messages[0]!;
  return `[${messages.join(', ')}]`;
}

/**
 * field.ErrorList.ToAggregate(): the errors whose message was not seen before (first wins), or
 * undefined for an empty list. Its message is `aggregateMessage` of their `error()` texts.
 */
export function fieldErrorListToAggregate(list: readonly FieldError[]): { errors: FieldError[]; message: string } | undefined {
  if (list.length === 0) return undefined;
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const e of list) {
    const msg = e.error();
    if (seen.has(msg)) continue;
    seen.add(msg);
    errors.push(e);
  }
  return { errors, message: aggregateMessage(errors.map((e) => e.error())) };
}
