import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { serializeKubeconfig } from '@tlsboot/client';
import { bootstrapKubeletKubeconfig } from './bootstrap-kubeconfig.js';
import { validateNodeName } from './join-node.js';

test('bootstrapKubeletKubeconfig is kubeadm CreateWithToken (cmd/kubeadm/app/util/kubeconfig/kubeconfig.go): tls-bootstrap-token-user@<cluster>, embedded CA, token', () => {
  const caPem = '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n';
  const yaml = serializeKubeconfig(bootstrapKubeletKubeconfig({ server: 'https://127.0.0.1:6443', caPem, token: 'abcdef.0123456789abcdef', clusterName: 'tlsboot' }));
  assert.is(
    yaml,
    `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: ${Buffer.from(caPem).toString('base64')}
    server: https://127.0.0.1:6443
  name: tlsboot
contexts:
- context:
    cluster: tlsboot
    user: tls-bootstrap-token-user
  name: tls-bootstrap-token-user@tlsboot
current-context: tls-bootstrap-token-user@tlsboot
kind: Config
preferences: {}
users:
- name: tls-bootstrap-token-user
  user:
    token: abcdef.0123456789abcdef
`,
  );
});

test('validateNodeName is kubeadm ValidateNodeRegistrationOptions (cmd/kubeadm/app/apis/kubeadm/validation/validation.go)', () => {
  assert.is(validateNodeName('node-1'), undefined);
  assert.is(validateNodeName('node-1.example.com'), undefined);
  assert.match(validateNodeName('Node_1') ?? '', /^nodeRegistration\.name: Invalid value: "Node_1": a lowercase RFC 1123 subdomain must consist of/);
  assert.match(validateNodeName('') ?? '', /^nodeRegistration\.name: Required value/);
});

test.run();
