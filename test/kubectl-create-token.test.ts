// The real kubectl (v1.32) against a live tlsboot apiserver: `kubectl create serviceaccount`,
// `kubectl create token` (TokenRequest, kubernetes/kubernetes pkg/registry/core/serviceaccount/
// storage/token.go; kubectl sends it as protobuf) with --duration, --audience and
// --bound-object-*, then the token alone in a kubeconfig for `kubectl auth whoami`
// (pkg/serviceaccount/jwt.go). Skips (with a `skip:` line) when kubectl is not installed.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApiServer } from '@tlsboot/kube-apiserver';
import type { ApiServer } from '@tlsboot/kube-apiserver';
import { realClock } from '@tlsboot/util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { hasKubectl, kubectlEnv, kubectlOk, runKubectl, writeCertKubeconfig, writeTestKubeconfig } from './support/kubectl.js';

let server: ApiServer;
let dir: string;
let env: NodeJS.ProcessEnv;

const kubectl = (...args: string[]): Promise<string> => kubectlOk(env, args);

/** kubectl's stderr when it fails (the command must fail). */
async function kubectlFails(...args: string[]): Promise<string> {
  const r = await runKubectl(env, args);
  if (r.code === 0) throw new Error(`kubectl ${args.join(' ')} succeeded`);
  return r.stderr;
}

/** A kubeconfig with nothing but the bearer token as the user. */
const tokenKubeconfig = (token: string, name: string): Promise<string> => writeTestKubeconfig({ dir, file: name, server, user: name, context: name }, { token });

const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));

test.before(async () => {
  if (!hasKubectl) return;
  // kubectl checks the serving certificate against the wall clock: run on the real clock
  server = await startApiServer({ clock: realClock });
  dir = await mkdtemp(join(tmpdir(), 'tlsboot-kubectl-token-'));
  const { kubeconfig } = await writeCertKubeconfig({ dir, file: 'admin', server, user: 'kubernetes-admin' }, 'kubernetes-admin', ['system:masters']);
  env = kubectlEnv(dir, kubeconfig);
  assert.is(await kubectl('create', 'serviceaccount', 'robot'), 'serviceaccount/robot created\n');
});

test.after(async () => {
  if (!hasKubectl) return;
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

if (!hasKubectl) {
  console.log('skip: kubectl-create-token: `kubectl` is not installed');
} else {
  test('kubectl create token robot: a one-hour bound JWT for the API audience (token.go defaults)', async () => {
    const token = (await kubectl('create', 'token', 'robot')).trim();
    assert.match(token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
    const claims = claimsOf(token);
    assert.equal(claims.aud, ['https://kubernetes.default.svc.cluster.local']);
    assert.is(claims.iss, 'https://kubernetes.default.svc.cluster.local');
    assert.is(claims.sub, 'system:serviceaccount:default:robot');
    assert.is(claims.exp - claims.iat, 3600);
    assert.equal(Object.keys(claims['kubernetes.io']), ['namespace', 'serviceaccount']);
  });

  test('kubectl auth whoami with only the token (no client certificate): the ServiceAccount user (jwt.go)', async () => {
    const token = (await kubectl('create', 'token', 'robot')).trim();
    const out = await kubectl('--kubeconfig', await tokenKubeconfig(token, 'robot'), 'auth', 'whoami', '-o', 'json');
    const review = JSON.parse(out);
    assert.is(review.status.userInfo.username, 'system:serviceaccount:default:robot');
    assert.equal(review.status.userInfo.groups, ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated']);
    assert.equal(review.status.userInfo.extra['authentication.kubernetes.io/credential-id'], [`JTI=${claimsOf(token).jti}`]);
  });

  test('kubectl create token --audience vault --duration 2h: the audience and lifetime asked for; useless against the apiserver', async () => {
    const token = (await kubectl('create', 'token', 'robot', '--audience', 'vault', '--duration', '2h')).trim();
    const claims = claimsOf(token);
    assert.equal(claims.aud, ['vault']);
    assert.is(claims.exp - claims.iat, 7200);
    const err = await kubectlFails('--kubeconfig', await tokenKubeconfig(token, 'vault'), 'auth', 'whoami');
    assert.match(err, /error: You must be logged in to the server \(Unauthorized\)/);
  });

  test('kubectl create token --bound-object-kind Secret: the token names the Secret and dies with it', async () => {
    await kubectl('create', 'secret', 'generic', 'robot-binding');
    const token = (await kubectl('create', 'token', 'robot', '--bound-object-kind', 'Secret', '--bound-object-name', 'robot-binding')).trim();
    assert.is(claimsOf(token)['kubernetes.io'].secret.name, 'robot-binding');
    const kubeconfig = await tokenKubeconfig(token, 'bound');
    assert.match(await kubectl('--kubeconfig', kubeconfig, 'auth', 'whoami'), /system:serviceaccount:default:robot/);
    await kubectl('delete', 'secret', 'robot-binding');
    assert.match(await kubectlFails('--kubeconfig', kubeconfig, 'auth', 'whoami'), /Unauthorized/);
  });

  test('kubectl create token errors carry the server’s words: too short (422), unknown account (404), missing pod (404)', async () => {
    assert.is(
      await kubectlFails('create', 'token', 'robot', '--duration', '1m'),
      'error: failed to create token: TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes\n',
    );
    assert.is(await kubectlFails('create', 'token', 'nobody'), 'error: failed to create token: serviceaccounts "nobody" not found\n');
    assert.is(await kubectlFails('create', 'token', 'robot', '--bound-object-kind', 'Pod', '--bound-object-name', 'web'), 'error: failed to create token: pods "web" not found\n');
  });

  test('a forged token: kubectl only learns Unauthorized', async () => {
    const token = (await kubectl('create', 'token', 'robot')).trim();
    const [h, p] = token.split('.');
    const forged = `${h}.${p}.${Buffer.alloc(64).toString('base64url')}`;
    assert.match(await kubectlFails('--kubeconfig', await tokenKubeconfig(forged, 'forged'), 'auth', 'whoami'), /error: You must be logged in to the server \(Unauthorized\)/);
  });
}

test.run();
