// Reading a kube-proxy --config file: kubernetes/kubernetes cmd/kube-proxy/app/options.go
// (loadConfigFromFile, loadConfig: strict decoding first, then a lenient decode that only logs
// the unknown fields), then defaults (pkg/proxy/apis/config/v1alpha1/defaults.go) and Validate.
// YAML or JSON text; field names are the v1alpha1 JSON names.
import YAML from 'yaml';
import { fieldErrorListToAggregate } from '@tlsboot/api';
import { TlsbootError, parseDuration } from '@tlsboot/util';
import { defaultKubeProxyConfiguration } from './defaults.js';
import type { KubeProxyConfiguration } from './types.js';
import { kubeProxyConfigApiVersion, kubeProxyConfigKind } from './types.js';
import { validateKubeProxyConfiguration } from './validation.js';

export type KubeProxyConfigErrorCode = 'CONFIG_PARSE' | 'CONFIG_INVALID';
export class KubeProxyConfigError extends TlsbootError<KubeProxyConfigErrorCode> {}

export interface LoadedKubeProxyConfiguration {
  config: KubeProxyConfiguration;
  /** Unknown fields, as the lenient decoder logs them ("Using lenient decoding as strict decoding failed"). */
  warnings: string[];
}

type Raw = Record<string, unknown>;

/**
 * Parses, defaults and validates. `source` names the input in messages. Throws CONFIG_PARSE
 * (not YAML/JSON, wrong apiVersion/kind, a field of the wrong type — the message names the
 * field) or CONFIG_INVALID (Validate's aggregate, e.g. `KubeProxyConfiguration.ConfigSyncPeriod:
 * Invalid value: 0s: must be greater than 0`).
 */
export function parseKubeProxyConfiguration(text: string, source = 'kube-proxy config'): LoadedKubeProxyConfiguration {
  const fail = (detail: string): never => {
    throw new KubeProxyConfigError('CONFIG_PARSE', `failed to decode ${source}: ${detail}`);
  };
  const doc = YAML.parseDocument(text, { version: '1.1' });
  if (doc.errors[0]) fail(`yaml: ${doc.errors[0].message.split('\n')[0]}`);
  const raw: unknown = doc.toJS() ?? {};
  if (typeof raw !== 'object' || Array.isArray(raw) || raw === null) fail('expected a mapping at the top level');
  const o = raw as Raw;
  if (o['apiVersion'] !== kubeProxyConfigApiVersion) fail(`apiVersion must be "${kubeProxyConfigApiVersion}", got ${JSON.stringify(o['apiVersion'] ?? '')}`);
  if (o['kind'] !== kubeProxyConfigKind) fail(`kind must be "${kubeProxyConfigKind}", got ${JSON.stringify(o['kind'] ?? '')}`);

  const warnings: string[] = [];
  const c = defaultKubeProxyConfiguration();
  const reader = new FieldReader(fail, warnings);
  reader.fields(o, '', {
    apiVersion: () => undefined,
    kind: () => undefined,
    hostnameOverride: (v, p) => (c.hostnameOverride = reader.string(v, p) ?? c.hostnameOverride),
    mode: (v, p) => (c.mode = reader.string(v, p) ?? c.mode),
    bindAddress: (v, p) => (c.bindAddress = reader.string(v, p) || c.bindAddress),
    healthzBindAddress: (v, p) => (c.healthzBindAddress = reader.string(v, p) || c.healthzBindAddress),
    metricsBindAddress: (v, p) => (c.metricsBindAddress = reader.string(v, p) || c.metricsBindAddress),
    clusterCIDR: (v, p) => (c.clusterCIDR = reader.string(v, p) ?? c.clusterCIDR),
    oomScoreAdj: (v, p) => (c.oomScoreAdj = reader.int(v, p) ?? c.oomScoreAdj),
    configSyncPeriod: (v, p) => (c.configSyncPeriodMs = reader.duration(v, p) ?? c.configSyncPeriodMs),
    featureGates: (v, p) => {
      const m = reader.mapping(v, p) ?? {};
      for (const [k, b] of Object.entries(m)) {
        if (typeof b !== 'boolean') fail(`${p}.${k}: expected true or false`);
        c.featureGates[k] = b as boolean;
      }
    },
    clientConnection: (v, p) =>
      reader.fields(reader.mapping(v, p) ?? {}, p, {
        kubeconfig: (x, q) => (c.clientConnection.kubeconfig = reader.string(x, q) ?? ''),
        acceptContentTypes: (x, q) => (c.clientConnection.acceptContentTypes = reader.string(x, q) ?? ''),
        contentType: (x, q) => (c.clientConnection.contentType = reader.string(x, q) || c.clientConnection.contentType),
        qps: (x, q) => (c.clientConnection.qps = reader.number(x, q) || c.clientConnection.qps),
        burst: (x, q) => (c.clientConnection.burst = reader.int(x, q) || c.clientConnection.burst),
      }),
    iptables: (v, p) =>
      reader.fields(reader.mapping(v, p) ?? {}, p, {
        masqueradeBit: (x, q) => (c.iptables.masqueradeBit = reader.int(x, q) ?? c.iptables.masqueradeBit),
        masqueradeAll: (x, q) => (c.iptables.masqueradeAll = reader.boolean(x, q) ?? false),
        syncPeriod: (x, q) => (c.iptables.syncPeriodMs = reader.duration(x, q) || c.iptables.syncPeriodMs),
        minSyncPeriod: (x, q) => (c.iptables.minSyncPeriodMs = reader.duration(x, q) ?? c.iptables.minSyncPeriodMs),
      }),
  });

  const invalid = fieldErrorListToAggregate(validateKubeProxyConfiguration(c));
  if (invalid) throw new KubeProxyConfigError('CONFIG_INVALID', invalid.message);
  return { config: c, warnings };
}

type FieldHandler = (value: unknown, path: string) => unknown;

/** Typed reads with the field path in every error, as encoding/json reports them. */
class FieldReader {
  constructor(
    private readonly fail: (detail: string) => never,
    private readonly warnings: string[],
  ) {}

  fields(o: Raw, prefix: string, handlers: Record<string, FieldHandler>): void {
    for (const [key, value] of Object.entries(o)) {
      const path = prefix ? `${prefix}.${key}` : key;
      const h = handlers[key];
      // fields tlsboot does not model (conntrack, ipvs, nftables, logging, …) are accepted and ignored
      if (h) h(value, path);
      else if (!known.has(path)) this.warnings.push(`unknown field "${path}"`);
    }
  }

  mapping(v: unknown, p: string): Raw | undefined {
    if (v === null || v === undefined) return undefined;
    if (typeof v !== 'object' || Array.isArray(v)) this.fail(`${p}: expected a mapping`);
    return v as Raw;
  }

  string(v: unknown, p: string): string | undefined {
    if (v === null || v === undefined) return undefined;
    if (typeof v !== 'string') this.fail(`${p}: expected a string, got ${JSON.stringify(v)}`);
    return v as string;
  }

  boolean(v: unknown, p: string): boolean | undefined {
    if (v === null || v === undefined) return undefined;
    if (typeof v !== 'boolean') this.fail(`${p}: expected true or false, got ${JSON.stringify(v)}`);
    return v as boolean;
  }

  number(v: unknown, p: string): number | undefined {
    if (v === null || v === undefined) return undefined;
    if (typeof v !== 'number') this.fail(`${p}: expected a number, got ${JSON.stringify(v)}`);
    return v as number;
  }

  int(v: unknown, p: string): number | undefined {
    const n = this.number(v, p);
    if (n !== undefined && !Number.isInteger(n)) this.fail(`${p}: expected an integer, got ${n}`);
    return n;
  }

  duration(v: unknown, p: string): number | undefined {
    const s = this.string(v, p);
    if (s === undefined) return undefined;
    try {
      return parseDuration(s, p);
    } catch (err) {
      return this.fail((err as Error).message);
    }
  }
}

/** v1alpha1 fields that exist upstream but are not modelled here: no warning for them. */
const known = new Set([
  'bindAddressHardFail',
  'enableProfiling',
  'showHiddenMetricsForVersion',
  'ipvs',
  'nftables',
  'winkernel',
  'detectLocalMode',
  'detectLocal',
  'nodePortAddresses',
  'conntrack',
  'portRange',
  'logging',
  'windowsRunAsService',
  'iptables.localhostNodePorts',
]);
