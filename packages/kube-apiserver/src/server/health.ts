/**
 * `/healthz`, `/livez`, `/readyz` (k8s.io/apiserver/pkg/server/healthz): `ok`, or with `?verbose`
 * one `[+]<check> ok` line per check and `<endpoint> check passed`. tlsboot's checks always pass
 * while the server runs.
 */
const checks: Record<string, readonly string[]> = {
  healthz: ['ping', 'log', 'etcd', 'poststarthook/start-apiserver-admission-initializer'],
  livez: ['ping', 'log', 'etcd'],
  readyz: ['ping', 'log', 'etcd', 'informer-sync', 'shutdown'],
};

export function isHealthPath(path: string): boolean {
  return path === '/healthz' || path === '/livez' || path === '/readyz';
}

export function healthBody(path: string, verbose: boolean): string {
  const name = path.slice(1);
  if (!verbose) return 'ok';
  return `${(checks[name] ?? []).map((c) => `[+]${c} ok\n`).join('')}${name} check passed\n`;
}
