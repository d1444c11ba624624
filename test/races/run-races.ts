// `npm run races -- --csrs 1000 [--seed S] [--json]`: the long race run of issue 9 (Build 4), see
// run.ts. Prints the figures and every broken invariant; exits 1 when one broke.
// Upstream: pkg/controller/certificates/{approver,signer,cleaner}, kubectl pkg/cmd/certificates.
import { parseArgs } from 'node:util';
import { runRaces } from './run.js';

const { values: args } = parseArgs({
  options: {
    csrs: { type: 'string', default: '1000' },
    seed: { type: 'string', default: 'races' },
    json: { type: 'boolean', default: false },
  },
});
const csrs = Number(args.csrs);
if (!Number.isInteger(csrs) || csrs < 1) {
  process.stderr.write(`races: --csrs must be an integer ≥ 1, got ${String(args.csrs)}\n`);
  process.exit(2);
}
const report = await runRaces({ csrs, seed: args.seed, settleTimeoutMs: 600_000, log: (l) => void process.stderr.write(`races: ${l}\n`) });
if (args.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
else {
  for (const [k, v] of Object.entries(report.figures)) process.stdout.write(`${k.padEnd(20)} ${typeof v === 'object' ? JSON.stringify(v) : String(v)}\n`);
  process.stdout.write(`violations           ${report.violations.length}\n`);
  for (const v of report.violations.slice(0, 50)) process.stdout.write(`  ${v.csr}: ${v.problem}\n`);
}
process.exit(report.violations.length > 0 ? 1 : 0);
