// Validate(KubeProxyConfiguration): kubernetes/kubernetes pkg/proxy/apis/config/validation/validation.go.
// Upstream builds the field paths from the Go field names (`KubeProxyConfiguration.ConfigSyncPeriod`),
// not the JSON names; the messages are upstream's. Only the fields this model holds are checked.
import { isIP } from 'node:net';
import { FieldError, fieldInvalid, newFieldPath } from '@tlsboot/api';
import type { FieldPath } from '@tlsboot/api';
import { formatDuration } from '@tlsboot/util';
import type { KubeProxyConfiguration } from './types.js';

/** metav1.Duration is a fmt.Stringer: field.Invalid prints it bare (`Invalid value: 0s`). */
class DurationInvalid extends FieldError {
  constructor(path: FieldPath, ms: number, detail: string) {
    super('FieldValueInvalid', path.toString(), formatDuration(ms), detail);
  }
  override errorBody(): string {
    return `Invalid value: ${String(this.badValue)}: ${this.detail}`;
  }
}

const linuxModes = ['iptables', 'ipvs', 'nftables'];

function validateHostPort(input: string, path: FieldPath): FieldError[] {
  const m = /^(?:\[([^\]]*)\]|([^:]*)):([^:]*)$/.exec(input);
  if (!m) return [fieldInvalid(path, input, 'must be IP:port')];
  const host = m[1] ?? m[2] ?? '';
  const port = m[3] ?? '';
  const errs: FieldError[] = [];
  if (isIP(host) === 0) errs.push(fieldInvalid(path, host, 'must be a valid IP'));
  const p = /^[+-]?\d+$/.test(port) ? Number(port) : NaN;
  if (!(p >= 1 && p <= 65535)) errs.push(fieldInvalid(path, port, 'must be a valid port'));
  return errs;
}

function validCIDR(cidr: string): boolean {
  const [ip, bits, extra] = cidr.split('/');
  if (ip === undefined || bits === undefined || extra !== undefined || !/^\d+$/.test(bits)) return false;
  const family = isIP(ip);
  return family !== 0 && Number(bits) <= (family === 4 ? 32 : 128);
}

export function validateKubeProxyConfiguration(c: KubeProxyConfiguration): FieldError[] {
  const root = newFieldPath('KubeProxyConfiguration');
  const errs: FieldError[] = [];
  const ipt = root.child('KubeProxyIPTablesConfiguration');
  if (c.iptables.masqueradeBit < 0 || c.iptables.masqueradeBit > 31) {
    errs.push(fieldInvalid(ipt.child('MasqueradeBit'), c.iptables.masqueradeBit, 'must be within the range [0, 31]'));
  }
  if (c.iptables.syncPeriodMs <= 0) errs.push(new DurationInvalid(ipt.child('SyncPeriod'), c.iptables.syncPeriodMs, 'must be greater than 0'));
  if (c.iptables.minSyncPeriodMs < 0) {
    errs.push(new DurationInvalid(ipt.child('MinSyncPeriod'), c.iptables.minSyncPeriodMs, 'must be greater than or equal to 0'));
  }
  if (c.iptables.minSyncPeriodMs > c.iptables.syncPeriodMs) {
    errs.push(new DurationInvalid(ipt.child('SyncPeriod'), c.iptables.minSyncPeriodMs, `must be greater than or equal to ${ipt.child('MinSyncPeriod').toString()}`));
  }
  if (c.mode !== '' && !linuxModes.includes(c.mode)) {
    errs.push(
      fieldInvalid(root.child('Mode').child('ProxyMode'), c.mode, `must be ${linuxModes.join(',')} or blank (blank means the best-available proxy [currently iptables])`),
    );
  }
  if (c.clientConnection.burst < 0) {
    errs.push(fieldInvalid(root.child('ClientConnection').child('Burst'), c.clientConnection.burst, 'must be greater than or equal to 0'));
  }
  if (c.oomScoreAdj < -1000 || c.oomScoreAdj > 1000) {
    errs.push(fieldInvalid(root.child('OOMScoreAdj'), c.oomScoreAdj, 'must be within the range [-1000, 1000]'));
  }
  if (c.configSyncPeriodMs <= 0) errs.push(new DurationInvalid(root.child('ConfigSyncPeriod'), c.configSyncPeriodMs, 'must be greater than 0'));
  if (isIP(c.bindAddress) === 0) {
    errs.push(fieldInvalid(root.child('BindAddress'), c.bindAddress, 'not a valid textual representation of an IP address'));
  }
  if (c.healthzBindAddress !== '') errs.push(...validateHostPort(c.healthzBindAddress, root.child('HealthzBindAddress')));
  errs.push(...validateHostPort(c.metricsBindAddress, root.child('MetricsBindAddress')));
  if (c.clusterCIDR !== '') {
    const cidrs = c.clusterCIDR.split(',');
    if (cidrs.length > 2) {
      errs.push(fieldInvalid(root.child('ClusterCIDR'), c.clusterCIDR, 'only one CIDR allowed or a valid DualStack CIDR (e.g. 10.100.0.0/16,fde4:8dba:82e1::/48)'));
    } else if (cidrs.length === 2) {
      const families = cidrs.map((x) => (validCIDR(x) ? isIP(x.split('/')[0]!) : 0));
      if (families.includes(0) || families[0] === families[1]) {
        errs.push(fieldInvalid(root.child('ClusterCIDR'), c.clusterCIDR, 'must be a valid DualStack CIDR (e.g. 10.100.0.0/16,fde4:8dba:82e1::/48)'));
      }
    } else if (!validCIDR(c.clusterCIDR)) {
      errs.push(fieldInvalid(root.child('ClusterCIDR'), c.clusterCIDR, 'must be a valid CIDR block (e.g. 10.100.0.0/16 or fde4:8dba:82e1::/48)'));
    }
  }
  return errs;
}
