#!/usr/bin/env node
// Runs every uvu suite (packages/*/src/**/*.test.ts and test/**/*.test.ts), each file in its own
// Node process with TypeScript loaded by tsx, collects V8 coverage for c8, checks the coverage
// floor, and ends with the one line CI reads: "N passed, N failed".
//
//   node scripts/test.mjs [--no-coverage] [--jobs N] [filter…]
//
// A filter keeps the files whose path contains it. Exit code 1 when anything failed or the
// coverage of packages/*/src fell below the floor.
import { spawn } from 'node:child_process';
import { readdirSync, rmSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus } from 'node:os';

const root = fileURLToPath(new URL('..', import.meta.url));
const COVERAGE_FLOOR_LINES = 80;

const args = process.argv.slice(2);
const coverage = !args.includes('--no-coverage');
const jobsAt = args.indexOf('--jobs');
const jobs = jobsAt >= 0 ? Number(args[jobsAt + 1]) : Math.max(2, cpus().length);
const filters = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--jobs');

function findTests(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) findTests(path, out);
    else if (entry.name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const files = [...findTests(join(root, 'packages')), ...findTests(join(root, 'test'))]
  .map((f) => relative(root, f))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

const coverageDir = join(root, 'coverage', 'tmp');
if (coverage) {
  rmSync(join(root, 'coverage'), { recursive: true, force: true });
  mkdirSync(coverageDir, { recursive: true });
}

function runFile(file) {
  return new Promise((resolve) => {
    const env = { ...process.env, FORCE_COLOR: '0' };
    if (coverage) env.NODE_V8_COVERAGE = coverageDir;
    const child = spawn(
      process.execPath,
      ['--conditions=tlsboot-source', '--import', 'tsx', '--enable-source-maps', file],
      { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code, signal) => {
      const total = Number(/Total:\s+(\d+)/.exec(out)?.[1] ?? NaN);
      const passed = Number(/Passed:\s+(\d+)/.exec(out)?.[1] ?? NaN);
      const skipped = Number(/Skipped:\s+(\d+)/.exec(out)?.[1] ?? 0);
      let failed = Number.isNaN(total) ? 1 : total - passed;
      // A suite file that crashed, or exited non-zero with every test passed, still failed.
      if (failed === 0 && code !== 0) failed = 1;
      resolve({ file, out, code, signal, passed: Number.isNaN(passed) ? 0 : passed, failed, skipped });
    });
  });
}

const started = Date.now();
const results = [];
let next = 0;
async function worker() {
  while (next < files.length) {
    const file = files[next++];
    const r = await runFile(file);
    results.push(r);
    const mark = r.failed ? 'FAIL' : 'ok  ';
    process.stdout.write(`${mark} ${file}  (${r.passed} passed${r.failed ? `, ${r.failed} failed` : ''}${r.skipped ? `, ${r.skipped} skipped` : ''})\n`);
    if (r.failed) process.stdout.write(indent(r.out) + '\n');
    else {
      // Skip reasons are printed by the suites themselves as lines starting with "skip:".
      for (const line of r.out.split('\n')) if (/^\s*skip:/.test(line)) process.stdout.write(`     ${line.trim()}\n`);
    }
  }
}
function indent(s) {
  return s.split('\n').map((l) => '     | ' + l).join('\n');
}

await Promise.all(Array.from({ length: Math.min(jobs, files.length) }, worker));

const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
const skipped = results.reduce((n, r) => n + r.skipped, 0);
let coverageOk = true;

if (coverage) {
  const c8 = join(root, 'node_modules', 'c8', 'bin', 'c8.js');
  const code = await new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [c8, 'report', '--temp-directory', coverageDir, '--reports-dir', join(root, 'coverage'),
        '--reporter', 'text-summary', '--reporter', 'html', '--reporter', 'json-summary',
        '--all', '--src', 'packages',
        '--include', 'packages/*/src/**', '--exclude', 'packages/*/src/**/*.test.ts', '--exclude', 'packages/*/src/**/testing.ts',
        '--exclude-after-remap',
        '--check-coverage', '--lines', String(COVERAGE_FLOOR_LINES)],
      { cwd: root, stdio: 'inherit' },
    );
    child.on('close', resolve);
  });
  coverageOk = code === 0;
  if (!coverageOk) process.stdout.write(`coverage: lines of packages/*/src below the ${COVERAGE_FLOOR_LINES} % floor (report: coverage/index.html)\n`);
}

// The coverage floor counts as one more check, so the last line never says "0 failed" while
// the run fails.
const failedChecks = failed + (coverageOk ? 0 : 1);
process.stdout.write(`\n${files.length} test files in ${((Date.now() - started) / 1000).toFixed(1)} s${skipped ? `, ${skipped} tests skipped` : ''}\n`);
process.stdout.write(`${passed} passed, ${failedChecks} failed\n`);
process.exitCode = failedChecks === 0 && files.length > 0 ? 0 : 1;
