// Which form of the CLI is fresh: the bundle, the compiled dist, or neither (the bin then runs
// the sources through tsx). Shared by the bin and packages/scenario/bench/scenario.bench.ts.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const cliDir = fileURLToPath(new URL('..', import.meta.url));
const packagesDir = join(cliDir, '..');
export const built = join(cliDir, 'dist', 'bin.js');
export const bundled = join(cliDir, 'dist', 'bundle', 'tlsboot.js');
const mtime = (path) => (existsSync(path) ? statSync(path).mtimeMs : 0);

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
export function distStale() {
  return readdirSync(packagesDir).some((name) => {
    const src = join(packagesDir, name, 'src');
    if (!existsSync(src)) return false;
    const info = join(packagesDir, name, 'dist', '.tsbuildinfo');
    return !existsSync(info) || newestSource(src) > statSync(info).mtimeMs;
  });
}

/**
 * True when the bundle is missing or older than a package's sources or manifest, the bundler's
 * scripts, the scenario schema (precompiled into it) or the last npm install.
 */
export function bundleStale() {
  const made = mtime(bundled);
  if (made === 0) return true;
  const root = join(packagesDir, '..');
  const scripts = join(cliDir, 'scripts');
  const inputs = [
    ...readdirSync(scripts).map((name) => join(scripts, name)),
    join(root, 'schema', 'scenario.schema.json'),
    join(root, 'node_modules', '.package-lock.json'),
  ];
  for (const name of readdirSync(packagesDir)) {
    inputs.push(join(packagesDir, name, 'package.json'));
    const src = join(packagesDir, name, 'src');
    if (existsSync(src) && newestSource(src) > made) return true;
  }
  return inputs.some((path) => mtime(path) > made);
}

/** What the bin would run now without building anything: 'bundle', 'dist' or 'tsx'. */
export function freshTarget() {
  if (!bundleStale()) return 'bundle';
  return existsSync(built) && !distStale() ? 'dist' : 'tsx';
}
