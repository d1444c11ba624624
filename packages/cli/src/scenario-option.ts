// What `up`, `token create` and `join` share for `--scenario FILE` and live narration (issue 7).
import { resolve } from 'node:path';
import { ScenarioError, TraceCollector, colorWanted, liveNarrator, loadScenarioFile } from '@tlsboot/scenario';
import type { Scenario, TraceEvent } from '@tlsboot/scenario';
import type { Clock } from '@tlsboot/util';
import { CliError, type CliIo } from './io.js';

export const scenarioOption = ['--scenario <file>', 'a scenario file (tlsboot/v1alpha1): take the configuration from it'] as const;
export const quietOption = ['--quiet', 'do not narrate the trace live on stderr'] as const;
export const verboseOption = ['-v, --verbose', 'narrate every request live, background ones too (lists, watches, reads, heartbeats, controller-manager upkeep)'] as const;

/** Loads `--scenario FILE`; an invalid file is a usage error (exit 2) listing every problem with file:line:column. */
export async function loadScenarioOption(io: CliIo, file: string): Promise<Scenario> {
  try {
    return await loadScenarioFile(resolve(io.cwd, file));
  } catch (err) {
    if (err instanceof ScenarioError) throw new CliError('USAGE', `--scenario ${file}: the scenario is invalid:\n${err.message}`, { cause: err });
    throw err;
  }
}

/** The live narration of a command: stderr, colour on a terminal, nothing with --quiet. */
export interface Narration {
  onEvent: (event: TraceEvent) => void;
  /** Prints what is still held back; call once when the command stops. */
  end(): void;
}

export function narration(io: CliIo, options: { quiet?: boolean | undefined; verbose?: boolean | undefined }): Narration {
  if (options.quiet) return { onEvent: () => {}, end: () => {} };
  const live = liveNarrator({ write: (text) => io.stderr.write(text), color: colorWanted(io.stderr, io.env), verbose: options.verbose === true });
  return { onEvent: (e) => live.push(e), end: () => live.end() };
}

/** A trace collector on `clock` whose events are narrated (the component sinks of up/join go to it). */
export function narratedTrace(clock: Clock, narrated: Narration): TraceCollector {
  const trace = new TraceCollector(clock);
  trace.subscribe(narrated.onEvent);
  return trace;
}
