/**
 * A bounded memo of pure parses keyed by their input bytes (Go has no such cache — it re-parses —
 * but a parse is a pure function of the bytes, so handing back the same immutable result is the
 * same answer, only cheaper). Least recently used entries go first. Only successful results are
 * kept: a parse that throws is retried the next time, with the caller's `source` in its message.
 */
export class ParseCache<V> {
  readonly #entries = new Map<string, V>();
  readonly #max: number;

  constructor(max: number) {
    this.#max = max;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The cached value for `key`, else `parse()` stored under it (a throw is not stored). */
  get(key: string, parse: () => V): V {
    const hit = this.#entries.get(key);
    if (hit !== undefined) {
      // refresh its place: Map iteration order is insertion order, so the first key is the least recently used
      this.#entries.delete(key);
      this.#entries.set(key, hit);
      return hit;
    }
    const fresh = parse();
    if (this.#entries.size >= this.#max) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(key, fresh);
    return fresh;
  }

  /** The cached value for `key` (refreshing its place), or undefined. */
  peek(key: string): V | undefined {
    const hit = this.#entries.get(key);
    if (hit !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, hit);
    }
    return hit;
  }

  clear(): void {
    this.#entries.clear();
  }
}

/** The exact key for some bytes (no hashing, so no collisions): their base64 text. */
export function bytesKey(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** Freezes a parse result and the plain objects and arrays inside it (typed arrays, Dates and class instances are left as they are). */
export function freezeParsed<T extends object>(value: T): Readonly<T> {
  for (const v of Object.values(value)) {
    if (Array.isArray(v) || (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype)) freezeParsed(v as object);
  }
  return Object.freeze(value);
}
