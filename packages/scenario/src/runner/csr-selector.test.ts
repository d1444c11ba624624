import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CertificateSigningRequest } from '@tlsboot/api';
import { createCertificateRequest, generateKeyPair } from '@tlsboot/pki';
import { csrCommonName, csrMatches, csrState, selectorText } from './csr-selector.js';

async function csr(name: string, signerName: string, username: string, commonName: string, status?: CertificateSigningRequest['status']): Promise<CertificateSigningRequest> {
  const request = await createCertificateRequest({ keys: await generateKeyPair(), subject: { commonName, organizations: ['system:nodes'] } });
  return {
    apiVersion: 'certificates.k8s.io/v1',
    kind: 'CertificateSigningRequest',
    metadata: { name },
    spec: { request: Buffer.from(request.pem).toString('base64'), signerName, username, usages: ['client auth'] },
    ...(status ? { status } : {}),
  };
}

const client = 'kubernetes.io/kube-apiserver-client-kubelet';
const serving = 'kubernetes.io/kubelet-serving';

test('csrMatches: node + type client takes the bootstrap CSR (system:bootstrap:* requester, CN system:node:<node>) and the renewal (sarapprove.go isNodeClientCert)', async () => {
  const first = await csr('node-csr-1', client, 'system:bootstrap:abcdef', 'system:node:k8s01');
  const renewal = await csr('csr-2', client, 'system:node:k8s01', 'system:node:k8s01');
  const otherNode = await csr('node-csr-3', client, 'system:bootstrap:abcdef', 'system:node:k8s02');
  const impersonation = await csr('csr-4', client, 'system:node:k8s02', 'system:node:k8s01');
  const servingCsr = await csr('csr-5', serving, 'system:node:k8s01', 'system:node:k8s01');
  const sel = { node: 'k8s01', type: 'client' as const };
  assert.equal([first, renewal, otherNode, impersonation, servingCsr].map((c) => csrMatches(c, sel)), [true, true, false, false, false]);
  assert.is(csrCommonName(first), 'system:node:k8s01');
});

test('csrMatches: serving needs the kubelet-serving signer and the requester system:node:<node>; node alone takes both kinds', async () => {
  const servingCsr = await csr('csr-5', serving, 'system:node:k8s01', 'system:node:k8s01');
  const byOther = await csr('csr-6', serving, 'system:node:k8s02', 'system:node:k8s01');
  const clientCsr = await csr('csr-7', client, 'system:node:k8s01', 'system:node:k8s01');
  assert.equal([servingCsr, byOther, clientCsr].map((c) => csrMatches(c, { node: 'k8s01', type: 'serving' })), [true, false, false]);
  assert.equal([servingCsr, byOther, clientCsr].map((c) => csrMatches(c, { node: 'k8s01' })), [true, false, true]);
});

test('csrMatches: name, signerName and username are exact or /regex/flags, and every given field must match', async () => {
  const c = await csr('node-csr-AbC', client, 'system:bootstrap:abcdef', 'system:node:k8s01');
  assert.ok(csrMatches(c, { name: 'node-csr-AbC' }));
  assert.not.ok(csrMatches(c, { name: 'node-csr' }), 'a plain string is exact, not a prefix');
  assert.ok(csrMatches(c, { name: '/^node-csr-/' }));
  assert.ok(csrMatches(c, { name: '/abc$/i' }));
  assert.ok(csrMatches(c, { username: '/^system:bootstrap:/', signerName: client }));
  assert.not.ok(csrMatches(c, { username: '/^system:bootstrap:/', signerName: serving }));
  assert.ok(csrMatches(c, {}), 'an empty selector takes every CSR');
});

test('csrState: Pending, Approved, Issued (Approved + certificate), Denied, Failed', async () => {
  const t = '2024-01-01T00:00:00Z';
  const base = await csr('x', client, 'system:node:a', 'system:node:a');
  const approved = { type: 'Approved', status: 'True' as const, reason: 'KubectlApprove', lastUpdateTime: t };
  assert.is(csrState(base), 'Pending');
  assert.is(csrState({ ...base, status: { conditions: [approved] } }), 'Approved');
  assert.is(csrState({ ...base, status: { conditions: [approved], certificate: 'LS0t' } }), 'Issued');
  assert.is(csrState({ ...base, status: { conditions: [{ type: 'Denied', status: 'True' }] } }), 'Denied');
  assert.is(csrState({ ...base, status: { conditions: [approved, { type: 'Failed', status: 'True' }] } }), 'Failed');
});

test('selectorText: the given fields as errors show them', () => {
  assert.is(selectorText({ node: 'k8s01', type: 'serving' }), '{node: "k8s01", type: "serving"}');
});

test.run();
