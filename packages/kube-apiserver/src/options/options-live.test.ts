// A live apiserver configured by its command line (cmd/kube-apiserver/app/options → server):
// pkg/kubeapiserver/options/authentication.go (--anonymous-auth) and authorization.go (--authorization-mode).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestServer } from '../server/testing.js';
import { parseKubeApiServerFlags } from './options.js';

test('--authorization-mode=AlwaysAllow --anonymous-auth=false: anonymous gets 401, any authenticated user is allowed', async () => {
  const t = await startTestServer(await parseKubeApiServerFlags(['--authorization-mode=AlwaysAllow', '--anonymous-auth=false']));
  try {
    const anonymous = await t.request('GET', '/api/v1/namespaces/kube-system/secrets', { identity: null });
    assert.is(anonymous.status, 401);
    assert.is(anonymous.json?.reason, 'Unauthorized');
    const nobody = await t.server.issueClientCertificate({ commonName: 'nobody' });
    const allowed = await t.request('GET', '/api/v1/namespaces/kube-system/secrets', { identity: nobody });
    assert.is(allowed.status, 200, allowed.text);
  } finally {
    await t.close();
  }
});

test('no flags: kubeadm defaults (Node,RBAC, anonymous on): anonymous is 403 system:anonymous, not 401', async () => {
  const t = await startTestServer(await parseKubeApiServerFlags([]));
  try {
    const anonymous = await t.request('GET', '/api/v1/namespaces/kube-system/secrets', { identity: null });
    assert.is(anonymous.status, 403);
    assert.match(anonymous.json?.message ?? '', 'system:anonymous');
  } finally {
    await t.close();
  }
});

test.run();
