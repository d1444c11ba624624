import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ScenarioProblem } from './errors.js';
import { fieldPath, type DocumentPositions, type PathSegment } from './positions.js';

/** The name parseScenario gives text that came from no file. */
export const inlineFile = '<inline>';

/** A `file:` object source, relative to the scenario file (to the working directory for inline text). */
export function resolveObjectFile(scenarioFile: string, ref: string): string {
  return resolve(scenarioFile === inlineFile ? '.' : dirname(scenarioFile), ref);
}

/** Every `file:` of spec.objects and of `apply` steps must name a readable regular file. */
export function objectFileProblems(data: unknown, positions: DocumentPositions, file: string): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const spec = asMap(asMap(data)?.['spec']);
  const sources: PathSegment[][] = [];
  asList(spec?.['objects']).forEach((_, i) => sources.push(['spec', 'objects', i]));
  asList(spec?.['steps']).forEach((step, i) => {
    if (asMap(step)?.['apply'] !== undefined) sources.push(['spec', 'steps', i, 'apply']);
  });
  for (const at of sources) {
    const ref = asMap(valueAt(data, at))?.['file'];
    if (typeof ref !== 'string' || ref === '') continue;
    const path = resolveObjectFile(file, ref);
    const why = fileTrouble(path);
    if (why) {
      const { line, column } = positions.value([...at, 'file']);
      problems.push({ file, line, column, path: fieldPath([...at, 'file']), message: `file "${ref}" ${why} (${path})` });
    }
  }
  return problems;
}

function fileTrouble(path: string): string | undefined {
  try {
    return statSync(path).isFile() ? undefined : 'is not a regular file';
  } catch {
    return 'does not exist';
  }
}

function valueAt(data: unknown, at: readonly PathSegment[]): unknown {
  let here = data;
  for (const seg of at) here = (here as Record<string | number, unknown> | undefined)?.[seg];
  return here;
}

function asMap(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function asList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
