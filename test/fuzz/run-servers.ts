// `npm run fuzz:servers -- --requests 10000 --seed N`: the long server fuzz run of issue 9 §1
// (test/fuzz/servers.ts); prints requests by kind, outcomes by status, invariants, failures with
// their shrunk counterexamples, and the time. Exit code 1 when anything failed.
import { parseArgs } from 'node:util';
import { fuzzServers, renderReport, startFuzzCluster } from './servers.js';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '10000' }, seed: { type: 'string', default: String(Date.now() % 1_000_000) }, timeout: { type: 'string', default: '5000' } } });
const requests = Number(values.requests);
const seed = Number(values.seed);
console.log(`fuzzing the apiserver and a kubelet: ${requests} requests, seed ${seed}`);
const cluster = await startFuzzCluster();
try {
  const report = await fuzzServers(cluster, { requests, seed, timeoutMs: Number(values.timeout), log: (l) => console.log(l) });
  console.log(renderReport(report));
  process.exitCode = report.failures.length + report.invariantProblems.length > 0 ? 1 : 0;
} finally {
  await cluster.stop();
}
