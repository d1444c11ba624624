#!/usr/bin/env node
// The `tlsboot` bin. Runs the compiled CLI (dist/bin.js, from `npm run build`) when it is up to
// date with the TypeScript sources of every package; otherwise — a fresh `npm ci`, or sources
// edited since the last build — runs the sources through tsx, so the command works in a
// checkout without a build step and never runs stale code.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cliDir = fileURLToPath(new URL('..', import.meta.url));
const packagesDir = join(cliDir, '..');
const built = join(cliDir, 'dist', 'bin.js');

function newestSource(dir, newest = 0) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = newestSource(path, newest);
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** True when some package's sources changed after its last build (tsc -b writes dist/.tsbuildinfo). */
function stale() {
  return readdirSync(packagesDir).some((name) => {
    const src = join(packagesDir, name, 'src');
    if (!existsSync(src)) return false;
    const info = join(packagesDir, name, 'dist', '.tsbuildinfo');
    return !existsSync(info) || newestSource(src) > statSync(info).mtimeMs;
  });
}

function tsxLoader() {
  try {
    return createRequire(import.meta.url).resolve('tsx');
  } catch {
    return undefined;
  }
}

const loader = existsSync(built) && !stale() ? undefined : tsxLoader();
if (loader === undefined && existsSync(built)) {
  await import(pathToFileURL(built).href);
} else if (loader !== undefined) {
  const result = spawnSync(
    process.execPath,
    ['--conditions=tlsboot-source', '--import', pathToFileURL(loader).href, join(cliDir, 'src', 'bin.ts'), ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  process.exitCode = result.status ?? 1;
} else {
  process.stderr.write('tlsboot: not built; run `npm run build` in the tlsboot checkout\n');
  process.exitCode = 1;
}
