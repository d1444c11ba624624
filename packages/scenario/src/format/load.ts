import { readFile, readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { LineCounter, parseDocument, visit } from 'yaml';
import { ScenarioError, sortProblems, type ScenarioProblem } from './errors.js';
import { normaliseScenario } from './normalise.js';
import { inlineFile, objectFileProblems } from './object-files.js';
import { DocumentPositions } from './positions.js';
import { referenceProblems } from './references.js';
import { schemaProblems } from './schema-errors.js';
import { scenarioValidator } from './schema.js';
import type { Scenario } from './types.js';

/**
 * Loading a scenario: YAML (positions kept) → JSON Schema (schema/scenario.schema.json, every
 * error) → the checks a schema cannot make (references, node names, files, regexes) → the
 * normalised types.ts shape. Any problem throws one ScenarioError listing them all as
 * `file:line:column: field.path: message`; an invalid file runs nothing.
 */

/**
 * Parses scenario text. `file` names it in errors (as given, so messages read like the user's
 * command line) and anchors relative `file:` sources; `<inline>` anchors them at the working
 * directory.
 */
export function parseScenario(text: string, file: string = inlineFile): Scenario {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true });
  const positions = new DocumentPositions(doc, lines);
  if (doc.errors.length > 0) {
    // the parser's first error; the ones after it are mostly its echo (one broken flow mapping
    // makes every later token "unexpected"), so at most two more are shown, then a count
    const shown = doc.errors.slice(0, 3).map((e) => {
      const { line, column } = positions.at(e.pos[0]);
      return { file, line, column, path: '', message: `YAML: ${yamlMessage(e.message)}` };
    });
    const more = doc.errors.length - shown.length;
    if (more > 0) shown.push({ ...shown[shown.length - 1]!, message: `YAML: … and ${more} more error${more === 1 ? '' : 's'} after these (fix the first one)` });
    throw new ScenarioError(shown);
  }
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (err) {
    // yaml's maxAliasCount (100) stops a billion-laughs alias bomb while resolving aliases: a
    // ReferenceError, reported at the first alias (found by fuzzing, issue 9)
    let alias: number | undefined;
    visit(doc, { Alias: (_, node) => ((alias = node.range?.[0]), visit.BREAK) });
    const aliases = /alias/i.test((err as Error).message) && alias !== undefined;
    const { line, column } = positions.at(aliases ? alias! : 0);
    throw new ScenarioError([{ file, line, column, path: '', message: `YAML: ${(err as Error).message}${aliases ? ' (too many aliases expanded)' : ''}` }]);
  }
  const validate = scenarioValidator();
  const problems: ScenarioProblem[] = [];
  if (!validate(data)) problems.push(...schemaProblems(validate.errors ?? [], data, positions, file));
  problems.push(...referenceProblems(data, positions, file), ...objectFileProblems(data, positions, file));
  if (problems.length > 0) throw new ScenarioError(sortProblems(problems));
  return normaliseScenario(data as Record<string, unknown>, positions, file, file === inlineFile ? inlineFile : resolve(file));
}

/** Reads and parses one scenario file; an unreadable file is a ScenarioError at 1:1. */
export async function loadScenarioFile(path: string): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    throw new ScenarioError([{ file: path, line: 1, column: 1, path: '', message: `cannot read the scenario: ${why}` }]);
  }
  return parseScenario(text, path);
}

/**
 * Loads files and directories, in the order given. A directory is searched recursively for
 * `*.yaml` / `*.yml` files that declare `kind: Scenario` (manifests beside scenarios, such as
 * RBAC files they reference, are not scenarios), sorted by path; a file named directly is
 * always loaded. Every file is loaded; the problems of all
 * invalid files are thrown together.
 */
export async function loadScenarioFiles(pathsOrDirs: readonly string[]): Promise<Scenario[]> {
  const files: string[] = [];
  for (const p of pathsOrDirs) files.push(...(await expand(p)));
  const scenarios: Scenario[] = [];
  const problems: ScenarioProblem[] = [];
  for (const file of files) {
    try {
      scenarios.push(await loadScenarioFile(file));
    } catch (err) {
      if (!(err instanceof ScenarioError)) throw err;
      problems.push(...err.problems);
    }
  }
  if (problems.length > 0) throw new ScenarioError(problems);
  return scenarios;
}

async function expand(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isDirectory()) return [path];
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (/\.ya?ml$/.test(entry.name) && !entry.name.includes('.trace.') && declaresScenario(await readFile(full, 'utf8'))) found.push(full);
    }
  };
  await walk(path);
  return found.sort();
}

/** A top-level `kind: Scenario` line (a cheap look before a full load). */
function declaresScenario(text: string): boolean {
  return /^kind:\s*["']?Scenario["']?\s*(#.*)?$/m.test(text);
}

/** yaml's pretty message without the " at line L, column C:" tail and the source excerpt. */
function yamlMessage(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
