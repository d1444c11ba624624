// The allowed import graph between packages, from ../shared/DESIGN.md ("Packages"): components
// never import each other, they meet only over HTTPS; nothing imports scenario or cli. This test
// reads every TypeScript file under packages/*/ (sources, tests, benchmarks) and every
// package.json, and fails on an import or a dependency the table does not allow.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const root = fileURLToPath(new URL('..', import.meta.url));
const packagesDir = join(root, 'packages');

/** The DESIGN.md table: package → packages it may import. */
export const allowed: Record<string, readonly string[]> = {
  util: [],
  api: ['util'],
  pki: ['util'],
  client: ['api', 'util'],
  'kube-apiserver': ['api', 'pki', 'util'],
  'kube-controller-manager': ['api', 'client', 'pki', 'util'],
  kubelet: ['api', 'client', 'pki', 'util'],
  'kube-proxy': ['api', 'client', 'pki', 'util'],
  scenario: ['util', 'api', 'pki', 'client', 'kube-apiserver', 'kube-controller-manager', 'kubelet', 'kube-proxy'],
  cli: ['scenario', 'util'],
};

function tsFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) tsFiles(path, out);
    else if (/\.(c|m)?tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** Module specifiers of static imports, re-exports and dynamic imports in a source text. */
export function specifiers(source: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\bimport\s+(?:type\s+)?(?:[\w*{}\s,$]+\s+from\s+)?['"]([^'"]+)['"]/g,
    /\bexport\s+(?:type\s+)?(?:\*(?:\s+as\s+\w+)?|\{[^}]*\})\s+from\s+['"]([^'"]+)['"]/g,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const m of source.matchAll(pattern)) found.push(m[1]!);
  return found;
}

const packages = readdirSync(packagesDir, { withFileTypes: true })
  .filter((e) => e.isDirectory() && existsSync(join(packagesDir, e.name, 'package.json')))
  .map((e) => e.name);

test('the specifier scanner sees imports, re-exports and dynamic imports', () => {
  const src = `import a from '@tlsboot/x';\nimport type { B } from "@tlsboot/y";\nexport * as z from '@tlsboot/z';\nexport { w } from './w.js';\nconst m = await import('@tlsboot/m');\nimport 'side-effect';`;
  assert.equal(specifiers(src).sort(), ['./w.js', '@tlsboot/m', '@tlsboot/x', '@tlsboot/y', '@tlsboot/z', 'side-effect'].sort());
});

test('every package is in the DESIGN.md table', () => {
  for (const name of packages) assert.ok(name in allowed, `packages/${name} is not in the DESIGN.md table`);
});

test('package.json dependencies follow the table', () => {
  for (const name of packages) {
    const manifest = JSON.parse(readFileSync(join(packagesDir, name, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    assert.is(manifest['name'], `@tlsboot/${name}`, `packages/${name}/package.json name`);
    const deps = { ...manifest['dependencies'], ...manifest['devDependencies'], ...manifest['peerDependencies'] };
    for (const dep of Object.keys(deps).filter((d) => d.startsWith('@tlsboot/'))) {
      const target = dep.slice('@tlsboot/'.length);
      assert.ok(allowed[name]!.includes(target), `packages/${name}/package.json depends on ${dep}, which DESIGN.md does not allow`);
    }
  }
});

test('imports between packages follow the table, and no relative import leaves its package', () => {
  const violations: string[] = [];
  for (const name of packages) {
    const pkgRoot = join(packagesDir, name);
    for (const file of tsFiles(pkgRoot)) {
      const where = relative(root, file);
      for (const spec of specifiers(readFileSync(file, 'utf8'))) {
        if (spec.startsWith('@tlsboot/')) {
          const target = spec.slice('@tlsboot/'.length).split('/')[0]!;
          if (target !== name && !allowed[name]!.includes(target)) violations.push(`${where} imports ${spec}`);
          if (spec.split('/').length > 2) violations.push(`${where} imports ${spec}: use the package's one public entry`);
        } else if (spec.startsWith('.')) {
          const target = resolve(file, '..', spec);
          if (!target.startsWith(pkgRoot + sep)) violations.push(`${where} reaches outside its package with ${spec}`);
        }
      }
    }
  }
  assert.equal(violations, []);
});

test.run();
