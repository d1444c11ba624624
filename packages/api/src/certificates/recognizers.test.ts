// kubernetes/kubernetes pkg/controller/certificates/approver/sarapprove_test.go TestRecognizers:
// every case runs with both kubelet client usage sets and must answer the same.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CertificateRequestFields } from './kubelet-csr.js';
import { isNodeClientCert, isSelfNodeClientCert } from './recognizers.js';
import type { RecognizerSpec } from './recognizers.js';

interface Case {
  name: string;
  spec?: Partial<RecognizerSpec>;
  cn?: string;
  orgs?: string[];
  extraUsage?: string;
  node: boolean;
  self: boolean;
}

const cases: Case[] = [
  { name: 'good', node: true, self: true },
  { name: 'bad-1 CN mike', cn: 'mike', node: false, self: false },
  { name: 'bad-2 no organization', orgs: [], node: false, self: false },
  { name: 'bad-3 organization system:master', orgs: ['system:master'], node: false, self: false },
  { name: 'bad-4 extra usage server auth', extraUsage: 'server auth', node: false, self: false },
  { name: 'bad-5 signer example.com/not-correct', spec: { signerName: 'example.com/not-correct' }, node: false, self: false },
  { name: 'bad-6 signer kubelet-serving', spec: { signerName: 'kubernetes.io/kubelet-serving' }, node: false, self: false },
  { name: 'diff-1 requester joe', spec: { username: 'joe' }, node: true, self: false },
  { name: 'diff-2 CN system:node:bar', cn: 'system:node:bar', node: true, self: false },
];

for (const usages of [['key encipherment', 'digital signature', 'client auth'], ['digital signature', 'client auth']]) {
  for (const c of cases) {
    test(`sarapprove_test.go TestRecognizers ${c.name} (usages ${usages.join(',')})`, () => {
      const spec: RecognizerSpec = {
        signerName: 'kubernetes.io/kube-apiserver-client-kubelet',
        username: 'system:node:foo',
        usages: c.extraUsage ? [...usages, c.extraUsage] : usages,
        ...c.spec,
      };
      const req: CertificateRequestFields = { subject: { commonName: c.cn ?? 'system:node:foo', organizations: c.orgs ?? ['system:nodes'] }, subjectAltNames: {} };
      assert.is(isNodeClientCert(spec, req), c.node);
      assert.is(isSelfNodeClientCert(spec, req), c.self);
    });
  }
}

test.run();
