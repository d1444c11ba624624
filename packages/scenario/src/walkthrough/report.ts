import { createColors } from 'picocolors';

/**
 * What one narrated step of the walk-through says: why it is done, the commands a user would
 * type for it, and what came out. Steps build these as plain data; `renderStep` turns them
 * into lines, so the narration is tested without a terminal.
 */
export interface StepReport {
  title: string;
  /** Why this step exists, in the article's terms. */
  story: string[];
  /** The openssl / cfssl / tlsboot commands that do the same by hand. */
  commands: string[];
  /** What happened: fields of what was made, verdicts. */
  results: string[];
  /** Names of the files the step wrote (relative to the work directory). */
  files?: string[];
  /** A line marking a failure the step shows on purpose, rendered as such. */
  failures?: string[];
}

export type Colors = ReturnType<typeof createColors>;

/** The colour functions, or identity functions when `enabled` is false. */
export function colors(enabled: boolean): Colors {
  return createColors(enabled);
}

/**
 * Colour is used only on a terminal and never when NO_COLOR is set to anything non-empty
 * (no-color.org) or TERM is "dumb"; FORCE_COLOR (non-empty, not "0") turns it on anyway.
 */
export function colorWanted(stream: { isTTY?: boolean }, env: Readonly<Record<string, string | undefined>>): boolean {
  if (env['NO_COLOR']) return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  return Boolean(stream.isTTY) && env['TERM'] !== 'dumb';
}

/** The lines of one step, numbered `n` of `total`. */
export function renderStep(report: StepReport, n: number, total: number, c: Colors): string[] {
  const lines = ['', c.bold(c.cyan(`[${n}/${total}] ${report.title}`))];
  for (const line of report.story) lines.push(`  ${line}`);
  if (report.commands.length > 0) {
    lines.push(c.dim('  by hand:'));
    // A command line that starts with a space continues the one above (after a trailing \).
    for (const command of report.commands) lines.push(command.startsWith(' ') ? `    ${command}` : `    ${c.yellow('$')} ${command}`);
  }
  // A result line that starts with a space continues the one above (a PEM, a -text block).
  for (const line of report.results) lines.push(line.startsWith(' ') ? `  ${line}` : `  ${c.green('→')} ${line}`);
  for (const line of report.failures ?? []) lines.push(`  ${c.red('✗')} ${line}`);
  if (report.files && report.files.length > 0) lines.push(c.dim(`  wrote ${report.files.join(', ')}`));
  return lines;
}

/** Indents a multi-line block (a PEM, a `-text` rendering) under a result line. */
export function block(text: string, indent = '      '): string[] {
  return text.replace(/\n$/, '').split('\n').map((line) => indent + line);
}
