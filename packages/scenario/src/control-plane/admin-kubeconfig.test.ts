import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseKubeconfig, resolveContext, serializeKubeconfig } from '@tlsboot/client';
import { adminContext, adminKubeconfig, adminUser, clusterName } from './admin-kubeconfig.js';

const input = { server: 'https://127.0.0.1:6443', caPem: 'CA PEM\n', clientCertPem: 'CERT PEM\n', clientKeyPem: 'KEY PEM\n' };

test('kubeadm names: user kubernetes-admin in system:masters, context <user>@<cluster>', () => {
  assert.is(adminUser.commonName, 'kubernetes-admin');
  assert.equal([...adminUser.organizations], ['system:masters']);
  assert.is(adminContext, 'kubernetes-admin@tlsboot');
  assert.is(clusterName, 'tlsboot');
});

test('admin.kubeconfig embeds the CA and the client pair and makes the admin context current', async () => {
  const config = parseKubeconfig(serializeKubeconfig(adminKubeconfig(input)), 'admin.kubeconfig');
  assert.is(config['current-context'], 'kubernetes-admin@tlsboot');
  assert.equal(config.clusters, [{ name: 'tlsboot', cluster: { server: input.server, 'certificate-authority-data': Buffer.from(input.caPem).toString('base64') } }]);
  assert.equal(config.contexts, [{ name: 'kubernetes-admin@tlsboot', context: { cluster: 'tlsboot', user: 'kubernetes-admin' } }]);
  const ctx = await resolveContext(config);
  assert.is(ctx.server, input.server);
  assert.is(ctx.ca, input.caPem);
  assert.is(ctx.clientCert, input.clientCertPem);
  assert.is(ctx.clientKey, input.clientKeyPem);
});

test.run();
