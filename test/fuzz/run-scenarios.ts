// `npm run fuzz:scenarios -- --mutations 2000 --seed N --run 30`: the long scenario-file fuzz
// run of issue 9 §2 (test/fuzz/scenario-fuzz.ts); prints mutations by kind, load errors by class,
// valid mutants, runs passed/failed, and every problem with the mutation that caused it.
// Exit code 1 when a problem was found.
import { parseArgs } from 'node:util';
import { fuzzScenarios, renderScenarioFuzzReport } from './scenario-fuzz.js';

const { values } = parseArgs({
  options: {
    mutations: { type: 'string', default: '2000' },
    seed: { type: 'string', default: String(Date.now() % 1_000_000) },
    run: { type: 'string', default: '30' },
    timeout: { type: 'string', default: '60000' },
  },
});
const seed = Number(values.seed);
console.log(`fuzzing scenario files: ${values.mutations} mutations, seed ${seed}, running up to ${values.run} valid ones`);
const report = await fuzzScenarios({ mutations: Number(values.mutations), seed, run: Number(values.run), runTimeoutMs: Number(values.timeout), log: (l) => console.log(l) });
console.log(renderScenarioFuzzReport(report));
process.exitCode = report.problems.length > 0 ? 1 : 0;
