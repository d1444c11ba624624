/**
 * ValidateBootstrapGroupName and ValidateUsages (k8s.io/cluster-bootstrap/token/util/helpers.go).
 * Each returns upstream's error message, or undefined when the input is valid — Go's `error`
 * return, so callers decide whether to throw, collect or log it.
 */
import { goQuote } from '../go-format.js';
import { bootstrapGroupPattern, bootstrapGroupRegExp, knownTokenUsages } from './constants.js';

/** `bootstrap group "x" is invalid (must match \Asystem:bootstrappers:[a-z0-9:-]{0,255}[a-z0-9]\z)`, or undefined. */
export function validateBootstrapGroupName(name: string): string | undefined {
  if (bootstrapGroupRegExp.test(name)) return undefined;
  return `bootstrap group ${goQuote(name)} is invalid (must match ${bootstrapGroupPattern})`;
}

/**
 * `invalid bootstrap token usage string: a,b, valid usage options: signing,authentication`, or
 * undefined. The unknown usages are listed sorted and once each (a Go string set's List()).
 */
export function validateUsages(usages: readonly string[]): string | undefined {
  const invalid = [...new Set(usages.filter((u) => !knownTokenUsages.includes(u)))].sort(compareGoStrings);
  if (invalid.length === 0) return undefined;
  return `invalid bootstrap token usage string: ${invalid.join(',')}, valid usage options: ${knownTokenUsages.join(',')}`;
}

/** Go's string order: byte-wise (UTF-8), which for these inputs is code-unit order. */
export function compareGoStrings(a: string, b: string): number {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return Buffer.compare(x, y);
}
