import { readFile, readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
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
    throw new ScenarioError(
      doc.errors.map((e) => {
        const { line, column } = positions.at(e.pos[0]);
        return { file, line, column, path: '', message: `YAML: ${yamlMessage(e.message)}` };
      }),
    );
  }
  const data: unknown = doc.toJS();
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
 * Loads files and directories (each expanded to its `*.yaml` / `*.yml` files, sorted, golden
 * traces `*.trace.*` skipped), in the order given. Every file is loaded; the problems of all
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
  const names = (await readdir(path)).filter((n) => /\.ya?ml$/.test(n) && !n.includes('.trace.')).sort();
  return names.map((n) => join(path, n));
}

/** yaml's pretty message without the " at line L, column C:" tail and the source excerpt. */
function yamlMessage(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
