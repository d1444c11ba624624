#!/usr/bin/env node
// The `tlsboot` bin. Runs, in order of preference:
// 1. the bundled CLI, dist/bundle/tlsboot.js (scripts/bundle.mjs; one file starts about twice
//    as fast as the ~950 files of the compiled graph), when it is newer than every package's
//    sources and manifest and the installed dependencies — or, when it is missing or stale and
//    esbuild (installed with tsx) is there, after rebuilding it (≈1–2 s, about what tsx costs on every run);
// 2. the compiled CLI (dist/bin.js, from `npm run build`) when it is up to date with the
//    TypeScript sources of every package;
// 3. otherwise — the bundle could not be built — the sources through tsx.
// So the command works in a checkout without a build step and never runs stale code.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { built, bundled, bundleStale, cliDir, distStale } from './target.mjs';

const bundler = join(cliDir, 'scripts', 'bundle.mjs');

/** The fresh bundle's path, rebuilding it when stale; undefined when it cannot be built (no esbuild, a syntax error, a read-only checkout). */
async function freshBundle() {
  if (!bundleStale()) return bundled;
  try {
    const { bundleCli } = await import(pathToFileURL(bundler).href);
    return await bundleCli({ quiet: true });
  } catch {
    return undefined;
  }
}

function tsxLoader() {
  try {
    return createRequire(import.meta.url).resolve('tsx');
  } catch {
    return undefined;
  }
}

const bundle = await freshBundle();
const loader = bundle !== undefined || (existsSync(built) && !distStale()) ? undefined : tsxLoader();
if (bundle !== undefined) {
  await import(pathToFileURL(bundle).href);
} else if (loader === undefined && existsSync(built)) {
  await import(pathToFileURL(built).href);
} else if (loader !== undefined) {
  const child = spawn(
    process.execPath,
    ['--conditions=tlsboot-source', '--import', pathToFileURL(loader).href, join(cliDir, 'src', 'bin.ts'), ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  // The child is tlsboot; this launcher lives as long as it does and ends the same way. Ctrl-C
  // reaches the child from the terminal (it signals the whole foreground process group), so the
  // launcher only waits — forwarding it too would be a second Ctrl-C, which `tlsboot up` takes
  // as "stop now". A SIGTERM sent to the launcher alone (kill PID, a process manager) is passed on.
  const onInterrupt = () => {};
  const onTerminate = () => child.kill('SIGTERM');
  const stopRelaying = () => {
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onTerminate);
  };
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onTerminate);
  child.on('error', (err) => {
    stopRelaying();
    process.stderr.write(`tlsboot: cannot start ${process.execPath}: ${err.message}\n`);
    process.exitCode = 1;
  });
  child.on('exit', (code, signal) => {
    stopRelaying();
    if (signal) {
      // Die of the same signal, so the shell sees what the child saw.
      process.exitCode = 128 + (constants.signals[signal] ?? 0);
      process.kill(process.pid, signal);
    } else {
      process.exitCode = code ?? 1;
    }
  });
} else {
  process.stderr.write('tlsboot: not built; run `npm run build` in the tlsboot checkout\n');
  process.exitCode = 1;
}
