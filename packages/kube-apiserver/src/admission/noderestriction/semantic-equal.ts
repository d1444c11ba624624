/**
 * apiequality.Semantic.DeepEqual as it behaves on objects decoded into Go structs, for JSON
 * values: a field that is absent, null or its type's zero value ("", 0, false, an empty list or
 * map) is the same as one never set; everything else compares deeply and in order.
 */
type Json = unknown;

function isZero(v: Json): boolean {
  if (v === undefined || v === null || v === '' || v === 0 || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.values(v as object).every(isZero);
  return false;
}

export function semanticEqual(a: Json, b: Json): boolean {
  if (isZero(a) && isZero(b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => semanticEqual(x, b[i]));
  }
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!semanticEqual((a as Record<string, Json>)[k], (b as Record<string, Json>)[k])) return false;
    return true;
  }
  return a === b;
}

/** The top-level-down paths where two values differ (a readable stand-in for cmp.Diff). */
export function differingPaths(a: Json, b: Json, prefix = ''): string[] {
  if (semanticEqual(a, b)) return [];
  const bothObjects = typeof a === 'object' && a !== null && !Array.isArray(a) && typeof b === 'object' && b !== null && !Array.isArray(b);
  if (!bothObjects) return [prefix === '' ? '.' : prefix];
  const keys = [...new Set([...Object.keys(a as object), ...Object.keys(b as object)])].sort();
  return keys.flatMap((k) => differingPaths((a as Record<string, Json>)[k], (b as Record<string, Json>)[k], prefix === '' ? k : `${prefix}.${k}`));
}
