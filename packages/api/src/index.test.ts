/** The public surface: everything a consumer needs comes from the package entry, by name. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as api from './index.js';
import type { CertificateSigningRequest, KubeList, WatchEvent } from './index.js';

test('runtime exports are defined', () => {
  const names = Object.keys(api);
  assert.ok(names.length > 150);
  for (const n of names) assert.ok((api as Record<string, unknown>)[n] !== undefined, n);
});

test('a CSR round trip through the public API: validate, select, err', () => {
  const csr: CertificateSigningRequest = {
    apiVersion: 'certificates.k8s.io/v1',
    kind: 'CertificateSigningRequest',
    metadata: { name: 'csr-abcde' },
    spec: { request: 'LS0t', signerName: api.kubeAPIServerClientKubeletSignerName, usages: ['digital signature', 'client auth'] },
  };
  const info = api.lookupResourceByKind(api.groupVersionKindOf(csr.apiVersion!, csr.kind!))!;
  assert.equal(api.validateObjectMeta(csr.metadata, info.namespaced, api.validatePathSegmentName), []);
  const sel = api.convertFieldSelector(info, api.parseFieldSelector('spec.signerName=kubernetes.io/kube-apiserver-client-kubelet'));
  assert.ok(sel.matches(api.selectableFields(info, csr)));
  const list: KubeList<CertificateSigningRequest> = { apiVersion: 'certificates.k8s.io/v1', kind: info.listKind!, metadata: { resourceVersion: '1' }, items: [csr] };
  const ev: WatchEvent<CertificateSigningRequest> = { type: 'ADDED', object: csr };
  assert.is(list.kind, 'CertificateSigningRequestList');
  assert.is(ev.object.spec.signerName, 'kubernetes.io/kube-apiserver-client-kubelet');
  const err = api.newNotFound(api.groupResourceOf(info), 'csr-zzzzz');
  assert.is(err.message, 'certificatesigningrequests.certificates.k8s.io "csr-zzzzz" not found');
  assert.ok(api.isNotFound(api.statusErrorFromStatus(JSON.parse(JSON.stringify(err)))));
});

test.run();
