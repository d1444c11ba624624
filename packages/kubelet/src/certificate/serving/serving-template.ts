// The serving certificate's template and usages: kubernetes/kubernetes
// pkg/kubelet/certificate/kubelet.go (v1.32) NewKubeletServerCertificateManager's getTemplate and
// addressesToHostnamesAndIPs, and client-go util/certificate DefaultKubeletServingGetUsages.
import { isIP } from 'node:net';
import type { NodeAddress } from '@tlsboot/api';
import type { Subject, SubjectAltNames } from '@tlsboot/pki';

export interface ServingTemplate {
  subject: Subject;
  subjectAltNames: Required<Pick<SubjectAltNames, 'dnsNames' | 'ipAddresses'>>;
}

/**
 * addressesToHostnamesAndIPs: Hostname → IP if it parses, else DNS; InternalIP/ExternalIP → IP
 * when parseable; InternalDNS/ExternalDNS → DNS; empty skipped; deduplicated; DNS sorted
 * lexically, IPs by their string form.
 */
export function addressesToHostnamesAndIPs(addresses: readonly NodeAddress[]): { dnsNames: string[]; ipAddresses: string[] } {
  const dns = new Set<string>();
  const ips = new Set<string>();
  for (const { type, address } of addresses) {
    if (address === '') continue;
    switch (type) {
      case 'Hostname':
        if (isIP(address)) ips.add(address);
        else dns.add(address);
        break;
      case 'InternalIP':
      case 'ExternalIP':
        if (isIP(address)) ips.add(address);
        break;
      case 'InternalDNS':
      case 'ExternalDNS':
        dns.add(address);
        break;
    }
  }
  return { dnsNames: [...dns].sort(), ipAddresses: [...ips].sort() };
}

/**
 * getTemplate: undefined (no CSR yet) until at least one IP address is known — DNS-only needs the
 * AllowDNSOnlyNodeCSR gate, off by default.
 */
export function servingCertificateTemplate(nodeName: string, addresses: readonly NodeAddress[], allowDNSOnly = false): ServingTemplate | undefined {
  const sans = addressesToHostnamesAndIPs(addresses);
  if (sans.ipAddresses.length === 0 && !(allowDNSOnly && sans.dnsNames.length > 0)) return undefined;
  return { subject: { commonName: `system:node:${nodeName}`, organizations: ['system:nodes'] }, subjectAltNames: sans };
}
