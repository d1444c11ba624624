/**
 * Strings written `/…/flags` in fields that match text (CSR selector fields, file symlink and
 * contains, HTTP messages, `matches` and trace events) are regular expressions
 * (docs/scenarios.md, "Values"). The loader checks they compile; the runner builds them here too.
 */
const written = /^\/(.+)\/([dgimsuyv]*)$/s;

/** The `/…/flags` parts of `text`, or undefined when it is a plain string. */
export function regexParts(text: string): { source: string; flags: string } | undefined {
  const m = written.exec(text);
  return m ? { source: m[1]!, flags: m[2]! } : undefined;
}

/** The regular expression `text` stands for, or undefined for a plain string; throws SyntaxError when invalid. */
export function scenarioRegex(text: string): RegExp | undefined {
  const parts = regexParts(text);
  return parts ? new RegExp(parts.source, parts.flags) : undefined;
}
