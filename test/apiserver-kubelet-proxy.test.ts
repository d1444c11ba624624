// apiserver → kubelet: `pods/log` and `nodes/proxy` relayed over mTLS to a FAKE kubelet (a small
// node:https server that asks for a client certificate and records it), as kubernetes/kubernetes
// pkg/registry/core/pod/rest/log.go + pod/strategy.go LogLocation, pkg/registry/core/node/rest/proxy.go
// + node/strategy.go ResourceLocation and pkg/kubelet/client/kubelet_client.go do it; the errors
// (no node, node not found, no address, kubelet unreachable, kubelet 403, unverifiable kubelet
// certificate) with upstream's text and code; and the real kubectl (`kubectl logs`,
// `kubectl get --raw …/proxy/healthz`), skipped with a `skip:` line when it is absent.
import { createServer } from 'node:https';
import type { Server } from 'node:https';
import { request as httpsRequest } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import type { Node } from '@tlsboot/api';
import {
  checkHttpResponse,
  decodePodLogOptions,
  getPreferredNodeAddress,
  isGlobalUnicast,
  kubeletLogQuery,
  proxySubpath,
  splitSchemeNamePort,
  startApiServer,
  upstreamPreferredAddressTypes,
  kubeadmPreferredAddressTypes,
  validatePodLogOptions,
} from '@tlsboot/kube-apiserver';
import type { ApiServer, ClientCertificatePem } from '@tlsboot/kube-apiserver';
import { createCertificateAuthority, createCertificateRequest, exportPrivateKeyPem, generateKeyPair, signCertificate } from '@tlsboot/pki';
import type { CertificateAuthority } from '@tlsboot/pki';
import { realClock } from '@tlsboot/util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { hasKubectl, kubectlEnv, runKubectl, writeCertKubeconfig } from './support/kubectl.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  cn: string | undefined;
  o: string | undefined;
}

interface FakeKubelet {
  server: Server;
  port: number;
  seen: Seen[];
}

/** A serving certificate for 127.0.0.1 from `ca`. */
async function servingPair(ca: CertificateAuthority): Promise<{ certPem: string; keyPem: string }> {
  const keys = await generateKeyPair();
  const request = await createCertificateRequest({ keys, subject: { commonName: 'n1' }, subjectAltNames: { ipAddresses: ['127.0.0.1'], dnsNames: ['n1'] } });
  const cert = await signCertificate({ ca, request, now: new Date(), profile: { usages: ['digital signature', 'key encipherment', 'server auth'], ttlMs: 3_600_000 } });
  return { certPem: cert.pem, keyPem: await exportPrivateKeyPem(keys) };
}

/** The fake kubelet: /containerLogs/… answers log lines, /healthz `ok`, /forbidden a plain-text 403, /echo what it got. */
async function startFakeKubelet(pair: { certPem: string; keyPem: string }): Promise<FakeKubelet> {
  const seen: Seen[] = [];
  const server = createServer({ cert: pair.certPem, key: pair.keyPem, requestCert: true, rejectUnauthorized: false }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const peer = (req.socket as TLSSocket).getPeerCertificate();
      const subject = peer?.subject as unknown as Record<string, string> | undefined;
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, cn: subject?.CN, o: subject?.O });
      const url = req.url ?? '';
      if (url.startsWith('/containerLogs/default/p/c')) {
        res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('line 1\nline 2\n');
      } else if (url === '/healthz') {
        res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Kubelet': 'fake' });
        res.end('ok');
      } else if (url.startsWith('/containerLogs/default/denied/')) {
        res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('Forbidden (user=kube-apiserver-kubelet-client, verb=get, resource=nodes, subresource=proxy)');
      } else if (url.startsWith('/echo')) {
        res.writeHead(201, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ method: req.method, url, body }));
      } else {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('404 page not found\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port, seen };
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: any;
}

function call(server: ApiServer, identity: ClientCertificatePem, method: string, path: string, body?: object | string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const req = httpsRequest(
      `${server.url}${path}`,
      {
        method,
        ca: server.caPem,
        cert: identity.certPem,
        key: identity.keyPem,
        agent: false,
        headers: payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

/** Creates a Node and sets its status (addresses, kubelet port) through the API. */
async function createNode(server: ApiServer, admin: ClientCertificatePem, name: string, status: Node['status']): Promise<void> {
  const created = await call(server, admin, 'POST', '/api/v1/nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name } });
  assert.is(created.status, 201, created.text);
  const withStatus = { ...created.json, status };
  const updated = await call(server, admin, 'PUT', `/api/v1/nodes/${name}/status`, withStatus);
  assert.is(updated.status, 200, updated.text);
}

async function createPod(server: ApiServer, admin: ClientCertificatePem, name: string, nodeName: string | undefined, containers: string[]): Promise<void> {
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { ...(nodeName ? { nodeName } : {}), containers: containers.map((c) => ({ name: c, image: 'busybox' })) } };
  const r = await call(server, admin, 'POST', '/api/v1/namespaces/default/pods', pod);
  assert.is(r.status, 201, r.text);
}

let server: ApiServer;
let admin: ClientCertificatePem;
let kubelet: FakeKubelet;
let deadPort: number;

test.before(async () => {
  // the real clock: kubectl checks the apiserver's certificate against the wall clock
  server = await startApiServer({ clock: realClock });
  admin = await server.issueClientCertificate({ commonName: 'kubernetes-admin', organizations: ['system:masters'] });
  kubelet = await startFakeKubelet(await servingPair(server.ca));
  deadPort = await closedPort();
  await createNode(server, admin, 'n1', { addresses: [{ type: 'Hostname', address: 'n1' }, { type: 'InternalIP', address: '127.0.0.1' }], daemonEndpoints: { kubeletEndpoint: { Port: kubelet.port } } });
  await createNode(server, admin, 'dead', { addresses: [{ type: 'InternalIP', address: '127.0.0.1' }], daemonEndpoints: { kubeletEndpoint: { Port: deadPort } } });
  await createNode(server, admin, 'noaddr', { addresses: [] });
  await createPod(server, admin, 'p', 'n1', ['c']);
  await createPod(server, admin, 'two', 'n1', ['a', 'b']);
  await createPod(server, admin, 'denied', 'n1', ['c']);
  await createPod(server, admin, 'unbound', undefined, ['c']);
  await createPod(server, admin, 'orphan', 'ghost', ['c']);
  await createPod(server, admin, 'onnoaddr', 'noaddr', ['c']);
  await createPod(server, admin, 'ondead', 'dead', ['c']);
});

test.after(async () => {
  await server?.close();
  await new Promise<void>((resolve) => (kubelet ? kubelet.server.close(() => resolve()) : resolve()));
});

test('pods/log (pod/strategy.go LogLocation): the kubelet body, as text/plain, fetched with CN=kube-apiserver-kubelet-client O=kubeadm:cluster-admins', async () => {
  kubelet.seen.length = 0;
  const r = await call(server, admin, 'GET', '/api/v1/namespaces/default/pods/p/log?container=c&timestamps=true&tailLines=5&follow=false');
  assert.is(r.status, 200, r.text);
  assert.is(r.text, 'line 1\nline 2\n');
  assert.is(r.headers['content-type'], 'text/plain');
  assert.is(kubelet.seen.length, 1);
  const seen = kubelet.seen[0]!;
  assert.is(seen.method, 'GET');
  // url.Values.Encode sorts the keys; follow=false is not passed on
  assert.is(seen.url, '/containerLogs/default/p/c?tailLines=5&timestamps=true');
  assert.is(seen.cn, 'kube-apiserver-kubelet-client');
  assert.is(seen.o, 'kubeadm:cluster-admins');
});

test('pods/log: the only container is the default (validateContainer)', async () => {
  kubelet.seen.length = 0;
  const r = await call(server, admin, 'GET', '/api/v1/namespaces/default/pods/p/log?follow=true');
  assert.is(r.status, 200, r.text);
  assert.is(kubelet.seen[0]!.url, '/containerLogs/default/p/c?follow=true');
});

test('pods/log errors (validateContainer, ValidatePodLogOptions): upstream messages', async () => {
  let r = await call(server, admin, 'GET', '/api/v1/namespaces/default/pods/two/log');
  assert.is(r.status, 400);
  assert.is(r.json.message, 'a container name must be specified for pod two, choose one of: [a b]');
  r = await call(server, admin, 'GET', '/api/v1/namespaces/default/pods/p/log?container=nope');
  assert.is(r.status, 400);
  assert.is(r.json.message, 'container nope is not valid for pod p');
  r = await call(server, admin, 'GET', '/api/v1/namespaces/default/pods/p/log?tailLines=-1');
  assert.is(r.status, 422);
  assert.is(r.json.message, 'PodLogOptions "p" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0');
  r = await call(server, admin, 'GET', '/api/v1/namespaces/default/pods/missing/log');
  assert.is(r.status, 404);
  assert.is(r.json.message, 'pods "missing" not found');
});

test('pods/log: a pod with no node is an empty location: 204 No Content (LocationStreamer null stream)', async () => {
  const r = await call(server, admin, 'GET', '/api/v1/namespaces/default/pods/unbound/log');
  assert.is(r.status, 204);
  assert.is(r.text, '');
});

test('pods/log: the pod\'s node not found → 404 nodes "ghost" not found', async () => {
  const r = await call(server, admin, 'GET', '/api/v1/namespaces/default/pods/orphan/log');
  assert.is(r.status, 404);
  assert.is(r.json.reason, 'NotFound');
  assert.is(r.json.message, 'nodes "ghost" not found');
});

test('pods/log: a node without a preferred address → 500 (nodeutil.NoMatchError)', async () => {
  const r = await call(server, admin, 'GET', '/api/v1/namespaces/default/pods/onnoaddr/log');
  assert.is(r.status, 500);
  assert.is(r.json.reason, undefined);
  assert.is(r.json.message, 'no preferred addresses found; known addresses: []');
});

test('pods/log: kubelet unreachable → 500 with the http.Client error', async () => {
  const r = await call(server, admin, 'GET', '/api/v1/namespaces/default/pods/ondead/log');
  assert.is(r.status, 500);
  assert.is(r.json.message, `Get "https://127.0.0.1:${deadPort}/containerLogs/default/ondead/c": dial tcp 127.0.0.1:${deadPort}: connect: connection refused`);
});

test('pods/log: a kubelet 403 becomes the generic server response (response_checker.go) — the famous double space', async () => {
  const r = await call(server, admin, 'GET', '/api/v1/namespaces/default/pods/denied/log');
  assert.is(r.status, 403);
  assert.is(r.json.reason, 'Forbidden');
  assert.is(r.json.message, 'Forbidden (user=kube-apiserver-kubelet-client, verb=get, resource=nodes, subresource=proxy) ( pods/log denied)');
  assert.equal(r.json.details, { name: 'denied', kind: 'pods/log' });
});

test('nodes/proxy (node/rest/proxy.go): /healthz relayed with the kubelet client certificate, status and headers kept', async () => {
  kubelet.seen.length = 0;
  const r = await call(server, admin, 'GET', '/api/v1/nodes/n1/proxy/healthz');
  assert.is(r.status, 200, r.text);
  assert.is(r.text, 'ok');
  assert.is(r.headers['x-kubelet'], 'fake');
  assert.is(kubelet.seen[0]!.url, '/healthz');
  assert.is(kubelet.seen[0]!.cn, 'kube-apiserver-kubelet-client');
});

test('nodes/proxy: any method, body and query relayed; the caller\'s credentials are not', async () => {
  kubelet.seen.length = 0;
  const r = await call(server, admin, 'POST', '/api/v1/nodes/n1/proxy/echo/x?a=1&b=2', { hello: 'kubelet' });
  assert.is(r.status, 201, r.text);
  assert.equal(r.json, { method: 'POST', url: '/echo/x?a=1&b=2', body: '{"hello":"kubelet"}' });
  assert.is(kubelet.seen[0]!.headers['authorization'], undefined);
  const notThere = await call(server, admin, 'GET', '/api/v1/nodes/n1/proxy/nothing');
  assert.is(notThere.status, 404);
  assert.is(notThere.text, '404 page not found\n');
});

test('nodes/proxy errors: node not found 404, no address 500, unreachable 500 (the transport error)', async () => {
  let r = await call(server, admin, 'GET', '/api/v1/nodes/ghost/proxy/healthz');
  assert.is(r.status, 404);
  assert.is(r.json.message, 'nodes "ghost" not found');
  r = await call(server, admin, 'GET', '/api/v1/nodes/noaddr/proxy/healthz');
  assert.is(r.status, 500);
  assert.is(r.json.message, 'no preferred addresses found; known addresses: []');
  r = await call(server, admin, 'GET', '/api/v1/nodes/dead/proxy/healthz');
  assert.is(r.status, 500);
  assert.is(r.json.message, `dial tcp 127.0.0.1:${deadPort}: connect: connection refused`);
  r = await call(server, admin, 'GET', '/api/v1/nodes/a:b:c:d/proxy/healthz');
  assert.is(r.status, 400);
  assert.is(r.json.message, 'invalid node request "a:b:c:d"');
});

test('--kubelet-certificate-authority: a kubelet certificate from that CA is accepted, another CA\'s is refused', async () => {
  const verifying = await startApiServer({ clock: realClock, ca: server.ca, kubeletCertificateAuthority: server.caPem });
  const other = await createCertificateAuthority({ subject: { commonName: 'not-the-cluster-ca' }, now: new Date() });
  const stranger = await startFakeKubelet(await servingPair(other));
  try {
    const vAdmin = await verifying.issueClientCertificate({ commonName: 'kubernetes-admin', organizations: ['system:masters'] });
    await createNode(verifying, vAdmin, 'n1', { addresses: [{ type: 'InternalIP', address: '127.0.0.1' }], daemonEndpoints: { kubeletEndpoint: { Port: kubelet.port } } });
    await createNode(verifying, vAdmin, 'n2', { addresses: [{ type: 'InternalIP', address: '127.0.0.1' }], daemonEndpoints: { kubeletEndpoint: { Port: stranger.port } } });
    let r = await call(verifying, vAdmin, 'GET', '/api/v1/nodes/n1/proxy/healthz');
    assert.is(r.status, 200, r.text);
    r = await call(verifying, vAdmin, 'GET', '/api/v1/nodes/n2/proxy/healthz');
    assert.is(r.status, 500);
    assert.is(r.json.message, 'tls: failed to verify certificate: x509: certificate signed by unknown authority');
    assert.is(stranger.seen.length, 0, 'nothing is sent to an unverified kubelet');
    // without the flag (the default, as upstream) the same kubelet is not verified at all
    r = await call(server, admin, 'GET', '/api/v1/nodes/n1/proxy/healthz');
    assert.is(r.status, 200);
  } finally {
    await verifying.close();
    await new Promise<void>((resolve) => stranger.server.close(() => resolve()));
  }
});

test('the kubelet asks (SubjectAccessReview) about nodes/proxy for kube-apiserver-kubelet-client: allowed by kubeadm\'s kubeadm:cluster-admins binding', async () => {
  // kubeadm v1.32 binds no role to the user itself: its group kubeadm:cluster-admins has cluster-admin
  const sar = (groups: string[]) => ({
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SubjectAccessReview',
    spec: { user: 'kube-apiserver-kubelet-client', groups, resourceAttributes: { verb: 'get', resource: 'nodes', subresource: 'proxy', name: 'n1', version: 'v1' } },
  });
  let r = await call(server, admin, 'POST', '/apis/authorization.k8s.io/v1/subjectaccessreviews', sar(['kubeadm:cluster-admins', 'system:authenticated']));
  assert.is(r.status, 201, r.text);
  assert.is(r.json.status.allowed, true);
  r = await call(server, admin, 'POST', '/apis/authorization.k8s.io/v1/subjectaccessreviews', sar(['system:authenticated']));
  assert.is(r.json.status.allowed, false);
});

test('getPreferredNodeAddress (pkg/util/node): kubeadm order InternalIP first, upstream order Hostname first', () => {
  const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, status: { addresses: [{ type: 'InternalIP', address: '10.0.0.1' }, { type: 'Hostname', address: 'n' }] } } as Node;
  assert.is(getPreferredNodeAddress(node, kubeadmPreferredAddressTypes), '10.0.0.1');
  assert.is(getPreferredNodeAddress(node, upstreamPreferredAddressTypes), 'n');
  assert.throws(() => getPreferredNodeAddress(node, ['ExternalIP']), /^no preferred addresses found; known addresses: \[\{InternalIP 10\.0\.0\.1\} \{Hostname n\}\]$/);
});

test('pure helpers: SplitSchemeNamePort, IsGlobalUnicast, proxy subpath, log query, response checker', () => {
  assert.equal(splitSchemeNamePort('n1'), { scheme: '', name: 'n1', port: '', valid: true });
  assert.equal(splitSchemeNamePort('https:n1:10250'), { scheme: 'https', name: 'n1', port: '10250', valid: true });
  assert.is(splitSchemeNamePort('ftp:n1:1').valid, false);
  assert.is(isGlobalUnicast('127.0.0.1'), false);
  assert.is(isGlobalUnicast('169.254.1.1'), false);
  assert.is(isGlobalUnicast('10.0.0.1'), true);
  assert.is(isGlobalUnicast('::1'), false);
  assert.is(proxySubpath(['nodes', 'n1', 'proxy'], '/api/v1/nodes/n1/proxy'), '/');
  assert.is(proxySubpath(['nodes', 'n1', 'proxy', 'stats', 'summary'], '/api/v1/nodes/n1/proxy/stats/summary/'), '/stats/summary/');
  const opts = decodePodLogOptions(new URLSearchParams('previous=1&sinceSeconds=10&limitBytes=100'));
  assert.is(kubeletLogQuery(opts), 'limitBytes=100&previous=true&sinceSeconds=10');
  const both = validatePodLogOptions(decodePodLogOptions(new URLSearchParams('sinceSeconds=1&sinceTime=2024-01-01T00:00:00Z')));
  assert.is(both[0]!.error(), ': Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified');
  assert.is(checkHttpResponse(200, '', { group: '', resource: 'pods/log' }, 'p'), undefined);
  assert.is(checkHttpResponse(500, 'boom', { group: '', resource: 'pods/log' }, 'p')!.message, 'Internal error occurred: boom');
  assert.is(checkHttpResponse(502, 'bad', { group: '', resource: 'nodes/proxy' }, 'n')!.message, 'an error on the server ("bad") has prevented the request from succeeding ( nodes/proxy n)');
});

test('real kubectl: `kubectl logs p` and `kubectl get --raw /api/v1/nodes/n1/proxy/healthz` travel apiserver → kubelet', async () => {
  if (!hasKubectl) {
    console.log('skip: kubectl not installed');
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), 'tlsboot-kubelet-proxy-'));
  try {
    const { kubeconfig } = await writeCertKubeconfig({ dir, file: 'admin', server, user: 'kubernetes-admin' }, 'kubernetes-admin', ['system:masters']);
    const env = kubectlEnv(dir, kubeconfig);
    kubelet.seen.length = 0;
    let r = await runKubectl(env, ['logs', 'p']);
    assert.is(r.code, 0, r.stderr);
    assert.is(r.stdout, 'line 1\nline 2\n');
    assert.is(kubelet.seen[0]!.cn, 'kube-apiserver-kubelet-client');
    r = await runKubectl(env, ['get', '--raw', '/api/v1/nodes/n1/proxy/healthz']);
    assert.is(r.code, 0, r.stderr);
    assert.is(r.stdout, 'ok');
    r = await runKubectl(env, ['logs', 'ondead']);
    assert.is(r.code, 1);
    assert.is(r.stderr.trim(), `Error from server: Get "https://127.0.0.1:${deadPort}/containerLogs/default/ondead/c": dial tcp 127.0.0.1:${deadPort}: connect: connection refused`);
    r = await runKubectl(env, ['logs', 'denied']);
    assert.is(r.code, 1);
    assert.is(r.stderr.trim(), 'Error from server (Forbidden): Forbidden (user=kube-apiserver-kubelet-client, verb=get, resource=nodes, subresource=proxy) ( pods/log denied)');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test.run();
