// Decoding a parsed kubeconfig document the way encoding/json fills the Go structs of
// k8s.io/client-go/tools/clientcmd/api/v1/types.go (unknown fields dropped, wrong types refused
// with the field path), and the omitempty rule shared with the writer.
import type { Kubeconfig, KubeconfigAuthInfo, KubeconfigCluster, KubeconfigContext } from './kubeconfig.js';

export type Fail = (detail: string) => never;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'a mapping' : `a ${typeof value}`;
}

/** Walks the parsed document the way encoding/json fills the Go structs, with field paths. */
export class Decoder {
  constructor(private readonly fail: Fail) {}

  private object(value: unknown, path: string): Record<string, unknown> | undefined {
    if (value === null || value === undefined) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) this.fail(`${path}: expected a mapping, got ${describe(value)}`);
    return value as Record<string, unknown>;
  }

  private string(value: unknown, path: string): string | undefined {
    if (value === null || value === undefined) return undefined;
    if (typeof value !== 'string') this.fail(`${path}: expected a string, got ${describe(value)}`);
    return value as string;
  }

  private boolean(value: unknown, path: string): boolean | undefined {
    if (value === null || value === undefined) return undefined;
    if (typeof value !== 'boolean') this.fail(`${path}: expected true or false, got ${describe(value)}`);
    return value as boolean;
  }

  /** A []byte field: standard base64 with padding, as encoding/json decodes it. */
  private base64(value: unknown, path: string): string | undefined {
    const s = this.string(value, path);
    if (s === undefined) return undefined;
    const compact = s.replace(/[\r\n]/g, '');
    const bad = /[^A-Za-z0-9+/=]/.exec(compact);
    const padding = compact.indexOf('=');
    if (bad || compact.length % 4 !== 0 || (padding >= 0 && !/^={1,2}$/.test(compact.slice(padding)))) {
      const at = bad ? bad.index : padding >= 0 ? padding : compact.length;
      this.fail(`${path}: illegal base64 data at input byte ${at}`);
    }
    return compact;
  }

  private list<T>(value: unknown, path: string, item: (v: unknown, p: string) => T): T[] {
    if (value === null || value === undefined) return [];
    if (!Array.isArray(value)) this.fail(`${path}: expected a list, got ${describe(value)}`);
    return (value as unknown[]).map((v, i) => item(v, `${path}[${i}]`));
  }

  config(raw: unknown): Kubeconfig {
    const o = this.object(raw, 'the document') ?? {};
    const apiVersion = this.string(o['apiVersion'], 'apiVersion') ?? 'v1';
    const kind = this.string(o['kind'], 'kind') ?? 'Config';
    // The clientcmd codec knows one kind in one version.
    if (apiVersion !== 'v1' || kind !== 'Config') this.fail(`no kind "${kind}" is registered for version "${apiVersion}"`);
    const prefs = this.object(o['preferences'], 'preferences') ?? {};
    const colors = this.boolean(prefs['colors'], 'preferences.colors');
    const config: Kubeconfig = {
      apiVersion: 'v1',
      kind: 'Config',
      preferences: colors === undefined ? {} : { colors },
      clusters: this.named(o['clusters'], 'clusters', 'cluster', (v, p) => this.cluster(v, p)),
      users: this.named(o['users'], 'users', 'user', (v, p) => this.authInfo(v, p)),
      contexts: this.named(o['contexts'], 'contexts', 'context', (v, p) => this.context(v, p)),
      'current-context': this.string(o['current-context'], 'current-context') ?? '',
    };
    return config;
  }

  /**
   * A named list. conversion.go turns it into a map and rejects a name listed twice with
   * different contents; identical duplicates collapse into one entry.
   */
  private named<K extends string, T>(
    value: unknown,
    path: string,
    key: K,
    item: (v: unknown, p: string) => T,
  ): Array<{ name: string } & Record<K, T>> {
    const out: Array<{ name: string } & Record<K, T>> = [];
    const seen = new Map<string, string>();
    this.list(value, path, (v, p) => {
      const o = this.object(v, p) ?? {};
      const name = this.string(o['name'], `${p}.name`) ?? '';
      const body = item(o[key], `${p}.${key}`);
      const json = JSON.stringify(body);
      const previous = seen.get(name);
      if (previous !== undefined) {
        if (previous !== json) this.fail(`${path}: duplicate name "${name}" in list`);
        return;
      }
      seen.set(name, json);
      out.push({ name, [key]: body } as { name: string } & Record<K, T>);
    });
    return out;
  }

  private cluster(value: unknown, path: string): KubeconfigCluster {
    const o = this.object(value, path) ?? {};
    const f = (k: string): string => `${path}.${k}`;
    return compact({
      server: this.string(o['server'], f('server')) ?? '',
      'tls-server-name': this.string(o['tls-server-name'], f('tls-server-name')),
      'insecure-skip-tls-verify': this.boolean(o['insecure-skip-tls-verify'], f('insecure-skip-tls-verify')),
      'certificate-authority': this.string(o['certificate-authority'], f('certificate-authority')),
      'certificate-authority-data': this.base64(o['certificate-authority-data'], f('certificate-authority-data')),
      'proxy-url': this.string(o['proxy-url'], f('proxy-url')),
      'disable-compression': this.boolean(o['disable-compression'], f('disable-compression')),
    });
  }

  private authInfo(value: unknown, path: string): KubeconfigAuthInfo {
    const o = this.object(value, path) ?? {};
    const f = (k: string): string => `${path}.${k}`;
    return compact({
      'client-certificate': this.string(o['client-certificate'], f('client-certificate')),
      'client-certificate-data': this.base64(o['client-certificate-data'], f('client-certificate-data')),
      'client-key': this.string(o['client-key'], f('client-key')),
      'client-key-data': this.base64(o['client-key-data'], f('client-key-data')),
      token: this.string(o['token'], f('token')),
      tokenFile: this.string(o['tokenFile'], f('tokenFile')),
      username: this.string(o['username'], f('username')),
      password: this.string(o['password'], f('password')),
    });
  }

  private context(value: unknown, path: string): KubeconfigContext {
    const o = this.object(value, path) ?? {};
    return compact({
      cluster: this.string(o['cluster'], `${path}.cluster`) ?? '',
      user: this.string(o['user'], `${path}.user`) ?? '',
      namespace: this.string(o['namespace'], `${path}.namespace`),
    });
  }
}

/** Fields that are written even when empty (no omitempty in types.go). */
const alwaysWritten = new Set(['name', 'server', 'cluster', 'user']);

/**
 * Drops absent fields, and the omitempty ones that are empty: Go cannot tell an empty string
 * or false from an absent field, so neither can a loaded Kubeconfig.
 */
export function compact<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue;
    if (!alwaysWritten.has(k) && (v === '' || v === false)) continue;
    out[k] = v;
  }
  return out as T;
}
