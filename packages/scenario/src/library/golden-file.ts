// Golden traces on disk: `<name>.trace.golden` beside the scenario file (the loader skips
// `*.trace.*` files), holding normalise()'s lines. A run is checked against it when it exists;
// `update` writes it from the run.
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Scenario } from '../format/types.js';
import { compareGolden, normalise } from '../report/golden.js';
import type { RunResult } from '../runner/run-scenario.js';

export type GoldenStatus = { status: 'matched' } | { status: 'updated'; path: string } | { status: 'missing'; path: string } | { status: 'differs'; path: string; diff: string };

export function goldenPath(scenario: Scenario): string {
  return join(dirname(scenario.file), `${scenario.metadata.name}.trace.golden`);
}

export async function checkGolden(result: RunResult, options: { update?: boolean } = {}): Promise<GoldenStatus> {
  const path = goldenPath(result.scenario);
  const lines = normalise(result.events, { clock: result.scenario.spec.clock.mode, workdirs: [result.workdir] });
  if (options.update) {
    await writeFile(path, `${lines.join('\n')}\n`);
    return { status: 'updated', path };
  }
  let golden: string;
  try {
    golden = await readFile(path, 'utf8');
  } catch {
    return { status: 'missing', path };
  }
  const comparison = compareGolden(lines, golden.replace(/\n$/, '').split('\n'));
  return comparison.ok ? { status: 'matched' } : { status: 'differs', path, diff: comparison.diff };
}
