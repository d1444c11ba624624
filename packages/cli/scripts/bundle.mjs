// Bundles the `tlsboot` CLI — packages/cli/src/bin.ts and every workspace package's sources (the
// `tlsboot-source` condition) with their npm dependencies — into one ES module,
// packages/cli/dist/bundle/tlsboot.js, which the bin (bin/tlsboot.mjs) runs while it is fresh;
// and, beside it, the worker threads' entries the CLI starts (bundle/storm-worker.js, the join
// storm's kubelet host). Why (issue 8, cold start): Node 20 resolves, reads and compiles ~950
// module files for the unbundled graph (≈0.8–1.1 s); one file takes about half of that. esbuild
// comes with tsx.
//
//   node packages/cli/scripts/bundle.mjs [OUTDIR]     (part of `npm run build`; OUTDIR for tests)
//
// Files that locate data next to themselves (`new URL('../../../../scenarios', import.meta.url)`)
// keep doing so: in each workspace source, `import.meta.url` becomes that source file's own URL,
// computed from the bundle's location, so the paths resolve as they do unbundled. The exception
// is a source beside a worker entry (storm.ts): its `import.meta.url` names a file in the bundle
// directory, so `new URL('./storm-worker.js', import.meta.url)` finds the bundled worker — a
// worker started from the sources would need the `tlsboot-source` condition, which a worker only
// inherits from the command line.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, utimes } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scenarioValidatorModule } from './scenario-validator.mjs';

const cliDir = fileURLToPath(new URL('..', import.meta.url));
export const bundleDir = join(cliDir, 'dist', 'bundle');
const root = join(cliDir, '..', '..');
/** The worker entries bundled beside the CLI, those that exist: output name → source. */
const workerEntries = Object.fromEntries(
  Object.entries({ 'storm-worker': join(root, 'packages', 'scenario', 'src', 'bench', 'storm-worker.ts') }).filter(([, path]) => existsSync(path)),
);
const workerDirs = new Set(Object.values(workerEntries).map((path) => dirname(path)));
const scenarioSchemaUrl = new URL('../../../schema/scenario.schema.json', import.meta.url);

/**
 * Writes the bundle into `outdir`: tlsboot.js and the worker entries, each built in a temporary
 * directory and renamed into place, tlsboot.js last. Returns tlsboot.js's path. `quiet`: esbuild
 * prints nothing (the launcher falls back to tsx, which reports a broken source itself).
 */
export async function bundleCli({ outdir = bundleDir, quiet = false } = {}) {
  const { build } = await import('esbuild');
  const tmp = `${outdir}.${process.pid}.tmp`;
  // Stamped with the time the build began, so a source saved while it ran makes it stale.
  const began = new Date();
  const ownUrl = {
    name: 'own-import-meta-url',
    setup(b) {
      // The scenario schema's validator, precompiled (scenario-validator.mjs).
      b.onLoad({ filter: /[\\/]packages[\\/]scenario[\\/]src[\\/]format[\\/]schema-precompiled\.ts$/ }, (args) => ({
        contents: `${scenarioValidatorModule(scenarioSchemaUrl)}export const precompiledScenarioValidator = { schemaText, create };\n`,
        loader: 'js',
        resolveDir: dirname(args.path),
      }));
      b.onLoad({ filter: /[\\/]packages[\\/][^\\/]+[\\/]src[\\/].*\.ts$/ }, async (args) => {
        let contents = await readFile(args.path, 'utf8');
        if (contents.includes('import.meta.url')) {
          const rel = workerDirs.has(dirname(args.path))
            ? `./${basename(args.path).replace(/\.ts$/, '.js')}`
            : relative(outdir, args.path).split('\\').join('/');
          contents = contents.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, import.meta.url).href`);
        }
        return { contents, loader: 'ts' };
      });
    },
  };
  try {
    await build({
      entryPoints: { tlsboot: join(cliDir, 'src', 'bin.ts'), ...workerEntries },
      outdir: tmp,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      conditions: ['tlsboot-source'],
      // Class and function names stay as written: messages and stack traces name them.
      keepNames: true,
      // The CommonJS dependencies call require() for Node's built-ins.
      banner: { js: "import { createRequire as __tlsbootCreateRequire } from 'node:module'; const require = __tlsbootCreateRequire(import.meta.url);" },
      logLevel: quiet ? 'silent' : 'error',
      plugins: [ownUrl],
    });
    await mkdir(outdir, { recursive: true });
    for (const name of [...Object.keys(workerEntries), 'tlsboot']) {
      await utimes(join(tmp, `${name}.js`), began, began);
      await rename(join(tmp, `${name}.js`), join(outdir, `${name}.js`));
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  return join(outdir, 'tlsboot.js');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const t0 = performance.now();
  const out = await bundleCli(process.argv[2] ? { outdir: resolve(process.argv[2]) } : {});
  process.stdout.write(`${relative(process.cwd(), out)} (${Math.round(performance.now() - t0)} ms)\n`);
}
