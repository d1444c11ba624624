/**
 * JSON as Go's encoding/json writes it, for output that must match cfssl byte for byte. The
 * differences from JSON.stringify that matter here: "<", ">" and "&" are escaped as \u003c,
 * \u003e, \u0026 (HTMLEscape), and U+2028 / U+2029 as \u2028 / \u2029. Key order is the
 * caller's: Go sorts map keys and keeps struct field order, so callers build objects in that order.
 */
export function goJson(value: unknown, indent?: string): string {
  return JSON.stringify(value, null, indent).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
