// kubernetes/kubernetes pkg/kubelet/certificate/kubelet_test.go (TestAddressesToHostnamesAndIPs,
// restated) and kubelet.go getTemplate / DefaultKubeletServingGetUsages.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { kubeletServingUsages } from '../rotation.js';
import { kubeletServingTemplate } from './kubelet-server-certificate-manager.js';
import { addressesToHostnamesAndIPs, servingCertificateTemplate } from './serving-template.js';

test('kubelet_test.go TestAddressesToHostnamesAndIPs: types, parsing, dedup and sorting', () => {
  assert.equal(addressesToHostnamesAndIPs([]), { dnsNames: [], ipAddresses: [] });
  assert.equal(
    addressesToHostnamesAndIPs([
      { type: 'Hostname', address: 'hostname' },
      { type: 'ExternalDNS', address: 'myfqdn' },
      { type: 'InternalIP', address: '1.1.1.1' },
      { type: 'ExternalIP', address: '2.2.2.2' },
      { type: 'ExternalIP', address: 'not-an-ip' },
      { type: 'InternalDNS', address: '' },
    ]),
    { dnsNames: ['hostname', 'myfqdn'], ipAddresses: ['1.1.1.1', '2.2.2.2'] },
  );
  assert.equal(
    addressesToHostnamesAndIPs([
      { type: 'Hostname', address: '3.3.3.3' },
      { type: 'InternalIP', address: '3.3.3.3' },
      { type: 'InternalDNS', address: 'b' },
      { type: 'ExternalDNS', address: 'a' },
      { type: 'ExternalDNS', address: 'b' },
    ]),
    { dnsNames: ['a', 'b'], ipAddresses: ['3.3.3.3'] },
  );
});

test('kubelet.go getTemplate: no template before an IP is known; CN/O of the node', () => {
  assert.is(servingCertificateTemplate('n1', []), undefined);
  assert.is(servingCertificateTemplate('n1', [{ type: 'Hostname', address: 'n1' }]), undefined, 'DNS-only needs AllowDNSOnlyNodeCSR');
  assert.ok(servingCertificateTemplate('n1', [{ type: 'Hostname', address: 'n1' }], true));
  assert.equal(servingCertificateTemplate('n1', [{ type: 'InternalIP', address: '10.0.0.1' }, { type: 'Hostname', address: 'n1' }]), {
    subject: { commonName: 'system:node:n1', organizations: ['system:nodes'] },
    subjectAltNames: { dnsNames: ['n1'], ipAddresses: ['10.0.0.1'] },
  });
});

test('DefaultKubeletServingGetUsages: key encipherment only for RSA', () => {
  assert.equal(kubeletServingUsages('ecdsa-p256'), ['digital signature', 'server auth']);
  assert.equal(kubeletServingUsages('rsa-2048'), ['digital signature', 'key encipherment', 'server auth']);
});

test('kubelet.go: the template the shared manager gets, as CertificateTemplate', () => {
  assert.is(kubeletServingTemplate('n1', [{ type: 'Hostname', address: 'n1' }]), undefined);
  assert.equal(kubeletServingTemplate('n1', [{ type: 'InternalIP', address: '10.0.0.1' }, { type: 'Hostname', address: 'n1' }]), {
    commonName: 'system:node:n1',
    organizations: ['system:nodes'],
    dnsNames: ['n1'],
    ipAddresses: ['10.0.0.1'],
  });
});

test.run();
