// Security invariants of issue 9 §5 (4–6), proven against a live cluster as `tlsboot up` + `tlsboot
// join --with-proxy` run it (packages/scenario startControlPlane, createToken, joinNode: a kubelet
// and a kube-proxy), with real TLS:
// 4. the CA private key is never served — the apiserver serves no files
//    (cmd/kubeadm/app/phases/certs keeps ca.key on disk only; cluster-info in kube-public holds the
//    CA certificate only: cmd/kubeadm/app/phases/bootstraptoken/clusterinfo/clusterinfo.go), nor does
//    the kubelet (pkg/kubelet/server/server.go);
// 5. TLS below 1.2 is refused — kubeadm's apiserver and kubelet default to Go's crypto/tls server
//    minimum, TLS 1.2 (staging/src/k8s.io/component-base/cli/flag/ciphersuites_flag.go,
//    --tls-min-version default VersionTLS12 since Go 1.22);
// 6. nothing listens beyond 127.0.0.1 — tlsboot's own rule (DESIGN.md: "talks to the others only over
//    real mutual TLS on 127.0.0.1"); upstream binds 0.0.0.0 (--bind-address, --address).
import { createPrivateKey } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JoinedNode, ControlPlane } from '@tlsboot/scenario';
import { createToken, joinNode, startControlPlane } from '@tlsboot/scenario';
import type { KubeProxy } from '@tlsboot/kube-proxy';
import { kubeletNodeState } from '@tlsboot/kubelet';
import { decodePem } from '@tlsboot/pki';
import { realClock, SeededRandom, VirtualClock } from '@tlsboot/util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { eventually } from './support/kcm-cluster.js';
import { handshake, opensslSClient, ownListeners, rawGet, ssListeners } from './support/raw-https.js';
import type { Identity } from './support/raw-https.js';

interface Live {
  workdir: string;
  clock: VirtualClock;
  cp: ControlPlane;
  node: JoinedNode;
  proxy: KubeProxy | undefined;
  kubeletPort: number;
  admin: Identity;
}
let live: Live | undefined;
const L = (): Live => {
  if (!live) throw new Error('cluster not started');
  return live;
};

test.before(async () => {
  const workdir = await mkdtemp(join(tmpdir(), 'tlsboot-security-'));
  const clock = new VirtualClock({ start: realClock.nowMs() });
  const cp = await startControlPlane({ workdir, clock });
  const token = await createToken({ workdir });
  const node = await joinNode({ workdir, node: 'node-1', token, clock, random: new SeededRandom(9), withProxy: true });
  assert.is(await node.clientCertificate, 'system:node:node-1');
  const state = kubeletNodeState(node.kubelet.context);
  let registered = false;
  void state.registered?.then(() => (registered = true));
  // the transport takes the pair at its 10 s check: move the clock until the Node is registered
  await eventually(
    'the node registered',
    async () => {
      if (!registered) await clock.advance(2_000);
      return registered;
    },
    (r) => r,
    20_000,
  );
  const proxy = await node.startKubeProxy();
  const admin = await cp.apiserver.issueClientCertificate({ commonName: 'kubernetes-admin', organizations: ['system:masters'] });
  live = { workdir, clock, cp, node, proxy, kubeletPort: state.server!.port, admin };
});

test.after(async () => {
  if (!live) return;
  await live.node.stop();
  await live.cp.stop();
  await rm(live.workdir, { recursive: true, force: true });
});

/** Every encoding of the CA key a body could carry: PEM lines, DER base64 (one line), base64 of the PEM file (a Secret's data), the private scalar (base64url, base64, hex), whatever the key's format. */
async function caKeyForms(workdir: string): Promise<{ form: string; text: string }[]> {
  const pem = await readFile(join(workdir, 'pki', 'ca.key'), 'utf8');
  const der = decodePem(pem)[0]!;
  const body = pem.split('\n').filter((l) => l !== '' && !l.startsWith('-----'));
  const d = createPrivateKey(pem).export({ format: 'jwk' }).d;
  assert.ok(d, 'the CA key has a private scalar');
  const dBytes = Buffer.from(d, 'base64url');
  return [
    { form: 'PEM', text: pem.trim() },
    ...body.filter((l) => l.length >= 40).map((l, i) => ({ form: `PEM line ${i + 1}`, text: l })),
    { form: 'DER base64', text: Buffer.from(der.der).toString('base64') },
    { form: 'DER hex', text: Buffer.from(der.der).toString('hex') },
    { form: 'base64 of the PEM file', text: Buffer.from(pem).toString('base64') },
    { form: 'private scalar base64url', text: d },
    { form: 'private scalar base64', text: dBytes.toString('base64') },
    { form: 'private scalar hex', text: dBytes.toString('hex') },
  ];
}

interface ApiResource {
  name: string;
  namespaced: boolean;
  verbs: string[];
}

test('invariant 4 (kubeadm phases/certs, clusterinfo.go, kubelet server/server.go): the CA private key is never served — every discovery document, every listable resource, cluster-info, Secrets, the kubelet\'s paths direct and through the apiserver', async () => {
  const { cp, admin, workdir, kubeletPort } = L();
  const forms = await caKeyForms(workdir);
  const ca = await readFile(cp.caPath, 'utf8');
  const bodies: { where: string; status: number; body: string }[] = [];
  const fetchApi = async (path: string) => {
    const r = await rawGet(cp.url, path, ca, admin);
    bodies.push({ where: `apiserver ${path}`, ...r });
    return r;
  };

  for (const p of ['/', '/version', '/healthz', '/healthz?verbose', '/livez?verbose', '/readyz?verbose', '/openapi/v2', '/openapi/v3', '/metrics', '/.well-known/openid-configuration', '/openid/v1/jwks']) await fetchApi(p);
  const paths = new Set<string>();
  const api = JSON.parse((await fetchApi('/api')).body) as { versions: string[] };
  for (const v of api.versions) paths.add(`/api/${v}`);
  const groups = JSON.parse((await fetchApi('/apis')).body) as { groups: { versions: { groupVersion: string }[] }[] };
  for (const g of groups.groups) for (const v of g.versions) paths.add(`/apis/${v.groupVersion}`);
  let listed = 0;
  for (const gv of paths) {
    const doc = JSON.parse((await fetchApi(gv)).body) as { resources: ApiResource[] };
    for (const r of doc.resources) {
      if (r.name.includes('/') || !r.verbs.includes('list')) continue;
      const list = await fetchApi(`${gv}/${r.name}`);
      assert.is(list.status, 200, `${gv}/${r.name}`);
      listed++;
      if (r.namespaced) await fetchApi(`${gv}/namespaces/kube-system/${r.name}`);
    }
  }
  assert.ok(listed >= 15, `listed ${listed} resources`);
  // by name: cluster-info (anyone may read it), every Secret one by one
  const clusterInfo = await fetchApi('/api/v1/namespaces/kube-public/configmaps/cluster-info');
  assert.is(clusterInfo.status, 200);
  const secrets = JSON.parse((await fetchApi('/api/v1/secrets')).body) as { items: { metadata: { namespace: string; name: string } }[] };
  assert.ok(secrets.items.length > 0, 'there are Secrets (the bootstrap token, service-account tokens)');
  for (const s of secrets.items) await fetchApi(`/api/v1/namespaces/${s.metadata.namespace}/secrets/${s.metadata.name}`);
  // the kubelet, direct and through the apiserver's node proxy
  const kubeletPaths = ['/healthz', '/pods', '/metrics', '/stats/summary', '/logs/', '/configz', '/spec/', '/containerLogs/default/x/y'];
  for (const p of kubeletPaths) {
    // the kubelet serves a self-signed kubelet.crt (no serverTLSBootstrap): trust it as it is
    const r = await rawGet(`https://127.0.0.1:${kubeletPort}`, p, ca, admin).catch(() => rawGet(`https://127.0.0.1:${kubeletPort}`, p, undefined, admin));
    bodies.push({ where: `kubelet ${p}`, ...r });
    await fetchApi(`/api/v1/nodes/node-1/proxy${p}`);
  }
  assert.is(bodies.find((b) => b.where === 'kubelet /pods')?.status, 200, 'the admin reached the kubelet (so its bodies were really read)');

  // the check can see encoded material: cluster-info carries the CA certificate, base64 in a kubeconfig
  const caDer = Buffer.from(decodePem(ca)[0]!.der).toString('base64');
  assert.ok(clusterInfo.body.includes(caDer) || clusterInfo.body.includes(Buffer.from(ca).toString('base64')), 'cluster-info holds the CA certificate');
  const leaks = bodies.flatMap((b) => forms.filter((f) => b.body.includes(f.text)).map((f) => `${b.where} (${b.status}): ${f.form}`));
  assert.equal(leaks, [], 'no body contains the CA key');
  assert.ok(bodies.length > 60, `${bodies.length} bodies read`);
});

test('invariant 5 (component-base ciphersuites_flag.go, Go crypto/tls server default minimum TLS 1.2): TLS 1.0 and 1.1 are refused by the apiserver and the kubelet; 1.2 and 1.3 are agreed', async () => {
  const { cp, kubeletPort } = L();
  for (const [who, port] of [['apiserver', cp.port], ['kubelet', kubeletPort]] as const) {
    for (const old of ['TLSv1', 'TLSv1.1'] as const) {
      const r = await handshake(port, old);
      // the server answers the ClientHello with a protocol_version alert (not a local refusal to offer it)
      assert.ok('code' in r && r.code === 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION', `${who} ${old}: ${JSON.stringify(r)}`);
    }
    assert.equal(await handshake(port, 'TLSv1.2'), { protocol: 'TLSv1.2' }, `${who} TLSv1.2`);
    assert.equal(await handshake(port, 'TLSv1.3'), { protocol: 'TLSv1.3' }, `${who} TLSv1.3`);
  }
});

test('invariant 5 with openssl s_client (-tls1_1 refused, -tls1_2 and -tls1_3 agreed)', async () => {
  const { cp, kubeletPort } = L();
  const probe = await opensslSClient(cp.port, ['-tls1_2']).catch(() => undefined);
  if (!probe || /not found|ENOENT/.test(probe.output)) {
    console.log('skip: openssl not installed (s_client -tls1_1)');
    return;
  }
  for (const [who, port] of [['apiserver', cp.port], ['kubelet', kubeletPort]] as const) {
    const old = await opensslSClient(port, ['-tls1_1', '-cipher', 'DEFAULT@SECLEVEL=0']);
    assert.is.not(old.code, 0, `${who} -tls1_1 exit code`);
    assert.match(old.output, /alert protocol version/, `${who} -tls1_1: ${old.output}`);
    const v12 = await opensslSClient(port, ['-tls1_2']);
    assert.match(v12.output, /Protocol\s*:\s*TLSv1\.2/, `${who} -tls1_2: ${v12.output}`);
    const v13 = await opensslSClient(port, ['-tls1_3']);
    assert.match(v13.output, /New, TLSv1\.3/, `${who} -tls1_3: ${v13.output}`);
  }
});

test('invariant 6 (DESIGN.md: mutual TLS on 127.0.0.1 only): with a control plane, a joined kubelet and a kube-proxy running, every socket this process listens on is bound to 127.0.0.1', async () => {
  const { cp, kubeletPort, proxy } = L();
  assert.ok(proxy, 'the kube-proxy runs');
  const listeners = await ownListeners();
  const ports = listeners.map((l) => l.port);
  assert.ok(ports.includes(cp.port), `the apiserver's port ${cp.port} is among ${JSON.stringify(listeners)}`);
  assert.ok(ports.includes(kubeletPort), `the kubelet's port ${kubeletPort} is among ${JSON.stringify(listeners)}`);
  assert.equal(
    listeners.filter((l) => l.address !== '127.0.0.1' && l.address !== '::ffff:127.0.0.1'),
    [],
    'no listener beyond 127.0.0.1',
  );
  const ss = await ssListeners();
  if (ss === undefined) console.log('skip: ss not installed (cross-check of /proc)');
  else {
    // ss prints "LISTEN 0 511 127.0.0.1:port 0.0.0.0:* users:((…pid=N…))": the local address is the 4th column
    const locals = ss.map((l) => l.trim().split(/\s+/)[3] ?? '');
    for (const port of [cp.port, kubeletPort]) assert.ok(locals.includes(`127.0.0.1:${port}`), `ss shows 127.0.0.1:${port}: ${ss.join('\n')}`);
    assert.equal(locals.filter((a) => !a.startsWith('127.0.0.1:') && !a.startsWith('[::ffff:127.0.0.1]:')), [], ss.join('\n'));
  }
});

test.run();
