/**
 * The one error base class of tlsboot. Every error a user can meet carries a stable `code`
 * (SCREAMING_SNAKE_CASE, never reworded once released) so callers branch on the code and never
 * on the message, as apimachinery callers branch on a StatusReason and not on its text.
 */
export class TlsbootError<Code extends string = string> extends Error {
  readonly code: Code;

  constructor(code: Code, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** True when `err` is a TlsbootError, and, when `code` is given, carries that code. */
export function isTlsbootError<C extends string>(err: unknown, code?: C): err is TlsbootError<C> {
  return err instanceof TlsbootError && (code === undefined || err.code === code);
}

/** The message of anything thrown, for a one-line report to a user. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
