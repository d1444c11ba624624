import { TlsbootError } from '@tlsboot/util';

/** One thing wrong with a scenario file, where it was written. */
export interface ScenarioProblem {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** The field path, e.g. `spec.steps[2].advance`; empty for the document itself. */
  path: string;
  message: string;
}

export type ScenarioErrorCode = 'SCENARIO_INVALID';

/** `file:line:column: path: message`, the form editors and terminals link to. */
export function formatProblem(p: ScenarioProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.path ? `${p.path}: ` : ''}${p.message}`;
}

/**
 * A scenario file that cannot run: every problem found (YAML syntax, schema, references, files),
 * in file order, one per line in the message. An invalid file runs nothing.
 */
export class ScenarioError extends TlsbootError<ScenarioErrorCode> {
  readonly problems: readonly ScenarioProblem[];

  constructor(problems: readonly ScenarioProblem[]) {
    super('SCENARIO_INVALID', problems.map(formatProblem).join('\n'));
    this.problems = problems;
  }
}

/** File order: by file, line, column (stable for ties). */
export function sortProblems(problems: ScenarioProblem[]): ScenarioProblem[] {
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => a.p.file.localeCompare(b.p.file) || a.p.line - b.p.line || a.p.column - b.p.column || a.i - b.i)
    .map(({ p }) => p);
}
