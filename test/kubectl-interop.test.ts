// The real kubectl (v1.32) against a live tlsboot apiserver: version, api-resources, get ns,
// create -f of a multi-document manifest, get -o json, delete, get csr, auth whoami, and
// get --watch. Skips (with a `skip:` line) when kubectl is not installed. Each run uses its own
// kubeconfig and discovery cache (KUBECACHEDIR), so nothing leaks between runs.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApiServer } from '@tlsboot/kube-apiserver';
import type { ApiServer } from '@tlsboot/kube-apiserver';
import { createCertificateRequest, generateKeyPair } from '@tlsboot/pki';
import { realClock } from '@tlsboot/util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { hasKubectl, kubectlEnv, kubectlOk, runKubectl, writeCertKubeconfig } from './support/kubectl.js';

let server: ApiServer;
let dir: string;
let env: NodeJS.ProcessEnv;

const kubectl = (...args: string[]): Promise<string> => kubectlOk(env, args);

test.before(async () => {
  if (!hasKubectl) return;
  // kubectl checks the serving certificate against the wall clock: run on the real clock
  server = await startApiServer({ clock: realClock });
  dir = await mkdtemp(join(tmpdir(), 'tlsboot-kubectl-'));
  const { kubeconfig } = await writeCertKubeconfig({ dir, file: 'admin', server, user: 'kubernetes-admin' }, 'kubernetes-admin', ['system:masters']);
  env = kubectlEnv(dir, kubeconfig);
});

test.after(async () => {
  if (!hasKubectl) return;
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

if (!hasKubectl) {
  console.log('skip: kubectl-interop: `kubectl` is not installed');
} else {
  test('kubectl version shows the simulated v1.32 server', async () => {
    const out = await kubectl('version');
    assert.match(out, /Server Version: v1\.32\.0-tlsboot/);
  });

  test('kubectl api-resources lists every group with short names', async () => {
    const out = await kubectl('api-resources');
    assert.match(out, /^certificatesigningrequests\s+csr\s+certificates\.k8s\.io\/v1\s+false\s+CertificateSigningRequest$/m);
    assert.match(out, /^namespaces\s+ns\s+v1\s+false\s+Namespace$/m);
    assert.match(out, /^leases\s+coordination\.k8s\.io\/v1\s+true\s+Lease$/m);
  });

  test('kubectl get ns: the four system namespaces, Active', async () => {
    const out = await kubectl('get', 'ns');
    const rows = out.trim().split('\n');
    assert.match(rows[0]!, /^NAME\s+STATUS\s+AGE$/);
    assert.equal(rows.slice(1).map((r) => r.split(/\s+/).slice(0, 2).join(' ')), ['default Active', 'kube-node-lease Active', 'kube-public Active', 'kube-system Active']);
  });

  test('kubectl create -f of a multi-document manifest (with default validation), get -o json, delete', async () => {
    const manifest = join(dir, 'objects.yaml');
    await writeFile(
      manifest,
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\nstringData:\n  password: hunter2\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: demo\n',
    );
    assert.is(await kubectl('create', '-f', manifest), 'secret/x created\nconfigmap/settings created\n');
    const secret = JSON.parse(await kubectl('get', 'secret', 'x', '-o', 'json'));
    assert.is(secret.kind, 'Secret');
    assert.is(Buffer.from(secret.data.password, 'base64').toString(), 'hunter2');
    // apply on top (a strategic merge patch computed from kubectl's compiled-in types)
    await writeFile(manifest, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: applied\n');
    assert.match(await kubectl('apply', '-f', manifest), /^configmap\/settings configured\n$/);
    assert.is(JSON.parse(await kubectl('get', 'configmap', 'settings', '-o', 'json')).data.mode, 'applied');
    assert.is(await kubectl('delete', 'secret', 'x'), 'secret "x" deleted\n');
    const gone = await runKubectl(env, ['get', 'secret', 'x']);
    assert.equal([gone.code, gone.stderr], [1, 'Error from server (NotFound): secrets "x" not found\n']);
  });

  test('kubectl get csr prints the upstream columns', async () => {
    const keys = await generateKeyPair();
    const request = await createCertificateRequest({ keys, subject: { commonName: 'system:node:n1', organizations: ['system:nodes'] } });
    const csr = join(dir, 'csr.json');
    await writeFile(
      csr,
      JSON.stringify({
        apiVersion: 'certificates.k8s.io/v1',
        kind: 'CertificateSigningRequest',
        metadata: { name: 'node-csr-demo' },
        spec: { request: Buffer.from(request.pem).toString('base64'), signerName: 'kubernetes.io/kube-apiserver-client-kubelet', usages: ['digital signature', 'client auth'] },
      }),
    );
    await kubectl('create', '-f', csr);
    const rows = (await kubectl('get', 'csr')).trim().split('\n');
    assert.match(rows[0]!, /^NAME\s+AGE\s+SIGNERNAME\s+REQUESTOR\s+REQUESTEDDURATION\s+CONDITION$/);
    assert.match(rows[1]!, /^node-csr-demo\s+\d+s\s+kubernetes\.io\/kube-apiserver-client-kubelet\s+kubernetes-admin\s+<none>\s+Pending$/);
  });

  test('kubectl auth whoami (a protobuf SelfSubjectReview)', async () => {
    const out = await kubectl('auth', 'whoami');
    assert.match(out, /Username\s+kubernetes-admin/);
    assert.match(out, /Groups\s+\[system:masters system:authenticated\]/);
  });

  test('kubectl get secrets --watch receives events', async () => {
    const child = spawn('kubectl', ['get', 'secrets', '--watch', '--output-watch-events'], { env });
    let out = '';
    const seen = (re: RegExp) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (re.test(out)) resolve();
        };
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          check();
        });
        child.on('exit', () => reject(new Error(`kubectl exited; output so far:\n${out}`)));
        check();
      });
    try {
      // the initial list (empty) prints nothing; wait until the watch is open by retrying creates
      await kubectl('create', 'secret', 'generic', 'watched', '--from-literal=a=1');
      await seen(/ADDED\s+watched\s+Opaque\s+1/);
      await kubectl('label', 'secret', 'watched', 'x=y');
      await seen(/MODIFIED\s+watched/);
      await kubectl('delete', 'secret', 'watched');
      await seen(/DELETED\s+watched/);
    } finally {
      child.kill();
    }
  });
}

test.run();
