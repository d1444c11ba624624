/**
 * One revision of one stored object. Its JSON text is the single source of every copy handed
 * out (JSON.parse gives a fresh, private object each time); `view` is a deep-frozen parse of the
 * same text for predicates and internal reads, so no caller can reach mutable stored state.
 */
import { StorageInternalError } from './errors.js';
import type { StoredObject } from './interfaces.js';

export interface Entry {
  readonly key: string;
  /** The revision that wrote this state (its metadata.resourceVersion). */
  readonly rv: number;
  readonly json: string;
  readonly view: Readonly<StoredObject>;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * A private deep copy of a caller's object, checked to be a JSON object with a metadata object.
 * JSON semantics apply: undefined fields vanish, Dates become strings.
 */
export function copyIn(key: string, obj: unknown): StoredObject {
  let copy: unknown;
  try {
    copy = JSON.parse(JSON.stringify(obj) ?? 'null');
  } catch (err) {
    throw new StorageInternalError(`unable to encode object for ${key}: ${(err as Error).message}`);
  }
  if (typeof copy !== 'object' || copy === null || Array.isArray(copy)) {
    throw new StorageInternalError(`unable to encode object for ${key}: not a JSON object`);
  }
  const meta = (copy as Record<string, unknown>)['metadata'];
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) {
    throw new StorageInternalError(`object for ${key} has no metadata: every stored object needs an ObjectMeta`);
  }
  return copy as StoredObject;
}

/** Stamps `rv` on a private copy (taking ownership of it) and freezes the result into an Entry. */
export function makeEntry(key: string, rv: number, owned: StoredObject): Entry {
  owned.metadata.resourceVersion = String(rv);
  const json = JSON.stringify(owned);
  return { key, rv, json, view: deepFreeze(owned) };
}

/** A fresh mutable copy of a stored state. */
export function copyOut(entry: Entry): StoredObject {
  return JSON.parse(entry.json) as StoredObject;
}

/** The same content stamped with another revision (a DELETED event carries the deletion's). */
export function restamp(entry: Entry, rv: number): Entry {
  return makeEntry(entry.key, rv, copyOut(entry));
}

/** Key-order-insensitive JSON, to tell a real change from a reordering of the same fields. */
export function canonicalJSON(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJSON).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJSON((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
