// A SIMULATED proxy rules table: what kube-proxy's iptables/nftables proxier would program, kept
// as plain data and never written to the kernel. The inputs and their reading follow upstream:
// kubernetes/kubernetes pkg/proxy/servicechangetracker.go (serviceToServiceMap: no ClusterIP
// "None"/empty, no ExternalName), pkg/proxy/endpointschangetracker.go and endpointslicecache.go
// (slices joined to their Service by the kubernetes.io/service-name label, ports matched by
// name, an endpoint without conditions.ready counts as ready), pkg/proxy/iptables/proxier.go
// (only ready endpoints receive traffic when there are any).
import type { EndpointSlice, Service } from '@tlsboot/api';

/** One service port as the proxier keys it: `namespace/name:portName` (upstream ServicePortName). */
export interface ProxyRule {
  servicePortName: string;
  /** `clusterIP:port/PROTOCOL` (one per cluster IP family). */
  frontends: string[];
  /** `ip:port` of the ready endpoints, sorted; empty means traffic is rejected (REJECT rule). */
  endpoints: string[];
}

export type RulesTable = ReadonlyMap<string, ProxyRule>;

const serviceNameLabel = 'kubernetes.io/service-name';

function key(ns: string | undefined, name: string | undefined): string {
  return `${ns ?? ''}/${name ?? ''}`;
}

/** The rules for the services and endpoint slices in the informers' caches. */
export function buildRulesTable(services: readonly Service[], slices: readonly EndpointSlice[]): Map<string, ProxyRule> {
  const byService = new Map<string, EndpointSlice[]>();
  for (const s of slices) {
    const svc = s.metadata.labels?.[serviceNameLabel];
    if (!svc) continue; // endpointslicecache: a slice without the label is ignored
    const k = key(s.metadata.namespace, svc);
    byService.set(k, [...(byService.get(k) ?? []), s]);
  }
  const table = new Map<string, ProxyRule>();
  for (const svc of services) {
    const spec = svc.spec ?? {};
    if (spec.type === 'ExternalName') continue;
    const ips = (spec.clusterIPs?.length ? spec.clusterIPs : [spec.clusterIP]).filter((ip): ip is string => !!ip && ip !== 'None');
    if (ips.length === 0) continue;
    const svcKey = key(svc.metadata.namespace, svc.metadata.name);
    for (const port of spec.ports ?? []) {
      const protocol = port.protocol ?? 'TCP';
      const name = `${svcKey}:${port.name ?? ''}`;
      const endpoints = readyEndpoints(byService.get(svcKey) ?? [], port.name ?? '', protocol);
      table.set(name, { servicePortName: name, frontends: ips.map((ip) => `${ip.includes(':') ? `[${ip}]` : ip}:${port.port}/${protocol}`), endpoints });
    }
  }
  return table;
}

function readyEndpoints(slices: readonly EndpointSlice[], portName: string, protocol: string): string[] {
  const out = new Set<string>();
  for (const slice of slices) {
    if (slice.addressType === 'FQDN') continue;
    const port = (slice.ports ?? []).find((p) => (p.name ?? '') === portName && (p.protocol ?? 'TCP') === protocol);
    if (port?.port === undefined) continue;
    for (const ep of slice.endpoints ?? []) {
      if (ep.conditions?.ready === false) continue;
      const ip = ep.addresses[0]; // upstream uses the first address only
      if (ip) out.add(`${ip.includes(':') ? `[${ip}]` : ip}:${port.port}`);
    }
  }
  return [...out].sort();
}

export interface RuleChange {
  op: 'add' | 'update' | 'delete';
  rule: ProxyRule;
}

/** What changed from `before` to `after`, sorted by service port name. */
export function diffRulesTables(before: RulesTable, after: RulesTable): RuleChange[] {
  const changes: RuleChange[] = [];
  const same = (a: ProxyRule, b: ProxyRule): boolean => JSON.stringify(a) === JSON.stringify(b);
  for (const [k, rule] of after) {
    const old = before.get(k);
    if (!old) changes.push({ op: 'add', rule });
    else if (!same(old, rule)) changes.push({ op: 'update', rule });
  }
  for (const [k, rule] of before) if (!after.has(k)) changes.push({ op: 'delete', rule });
  return changes.sort((a, b) => (a.rule.servicePortName < b.rule.servicePortName ? -1 : a.rule.servicePortName > b.rule.servicePortName ? 1 : 0));
}
