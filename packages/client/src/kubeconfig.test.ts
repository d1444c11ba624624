// The kubeconfig format: k8s.io/client-go/tools/clientcmd/api/v1 types and loader.go Load/Write.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isTlsbootError } from '@tlsboot/util';
import { buildKubeconfig, emptyKubeconfig, parseKubeconfig, serializeKubeconfig } from './kubeconfig.js';

const caPem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

function parseError(text: string): string {
  try {
    parseKubeconfig(text, 'f.yaml');
  } catch (err) {
    assert.ok(isTlsbootError(err, 'KUBECONFIG_PARSE'), String(err));
    return (err as Error).message;
  }
  throw new Error('expected a parse error');
}

test('buildKubeconfig writes what `kubectl config set-cluster --embed-certs` … `use-context` writes', () => {
  const config = buildKubeconfig({
    server: 'https://127.0.0.1:6443',
    caPem,
    token: 'abc',
    user: 'admin',
    cluster: 'kubernetes',
    context: 'default',
    namespace: 'kube-system',
  });
  // Byte for byte what kubectl v1.32 wrote for the same four commands (see the kubectl test in
  // kubeconfig-file.test.ts for the live comparison).
  assert.is(
    serializeKubeconfig(config),
    `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUIKLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo=
    server: https://127.0.0.1:6443
  name: kubernetes
contexts:
- context:
    cluster: kubernetes
    namespace: kube-system
    user: admin
  name: default
current-context: default
kind: Config
preferences: {}
users:
- name: admin
  user:
    token: abc
`,
  );
});

test('buildKubeconfig with file references: the kubelet kubeconfig of reference §4.3', () => {
  const config = buildKubeconfig({
    server: 'https://127.0.0.1:6443',
    caFile: '/etc/kubernetes/pki/ca.crt',
    clientCertFile: '/var/lib/kubelet/pki/kubelet-client-current.pem',
    clientKeyFile: '/var/lib/kubelet/pki/kubelet-client-current.pem',
    user: 'default-auth',
    cluster: 'default-cluster',
    context: 'default-context',
    namespace: 'default',
  });
  assert.is(
    serializeKubeconfig(config),
    `apiVersion: v1
clusters:
- cluster:
    certificate-authority: /etc/kubernetes/pki/ca.crt
    server: https://127.0.0.1:6443
  name: default-cluster
contexts:
- context:
    cluster: default-cluster
    namespace: default
    user: default-auth
  name: default-context
current-context: default-context
kind: Config
preferences: {}
users:
- name: default-auth
  user:
    client-certificate: /var/lib/kubelet/pki/kubelet-client-current.pem
    client-key: /var/lib/kubelet/pki/kubelet-client-current.pem
`,
  );
});

test('an empty config is written as clientcmd writes it: null lists, empty current-context', () => {
  assert.is(
    serializeKubeconfig(emptyKubeconfig()),
    'apiVersion: v1\nclusters: null\ncontexts: null\ncurrent-context: ""\nkind: Config\npreferences: {}\nusers: null\n',
  );
});

test('named lists are written sorted by name; omitempty fields vanish, server/cluster/user stay', () => {
  const config = emptyKubeconfig();
  config.clusters.push({ name: 'z', cluster: { server: 'https://z', 'insecure-skip-tls-verify': false } });
  config.clusters.push({ name: 'a', cluster: { server: '', 'insecure-skip-tls-verify': true } });
  config.contexts.push({ name: 'x', context: { cluster: '', user: '', namespace: '' } });
  config.users.push({ name: 'u', user: { token: 'y', tokenFile: '' } });
  assert.is(
    serializeKubeconfig(config),
    `apiVersion: v1
clusters:
- cluster:
    insecure-skip-tls-verify: true
    server: ""
  name: a
- cluster:
    server: https://z
  name: z
contexts:
- context:
    cluster: ""
    user: ""
  name: x
current-context: ""
kind: Config
preferences: {}
users:
- name: u
  user:
    token: "y"
`,
  );
});

test('parse: YAML and JSON give the same config; an empty file is an empty config', () => {
  const built = buildKubeconfig({ server: 'https://h:1', caPem, clientCertPem: 'C', clientKeyPem: 'K', user: 'u', cluster: 'c', context: 'x' });
  const yaml = serializeKubeconfig(built);
  assert.equal(parseKubeconfig(yaml, 'f'), built);
  assert.equal(parseKubeconfig(JSON.stringify(built), 'f'), built);
  assert.equal(parseKubeconfig('', 'f'), emptyKubeconfig());
  assert.equal(parseKubeconfig('# only a comment\n', 'f'), emptyKubeconfig());
});

test('parse: YAML 1.1 scalars, as go-yaml v2 reads them (a context named y is a boolean)', () => {
  // kubectl v1.32: `json: cannot unmarshal bool into Go struct field NamedContext.contexts.name of type string`
  const message = parseError('contexts:\n- name: y\n  context: {cluster: c, user: u}\n');
  assert.is(message, 'error loading config file "f.yaml": contexts[0].name: expected a string, got a boolean');
  assert.is(parseKubeconfig('contexts:\n- name: "y"\n  context: {cluster: c, user: u}\n', 'f').contexts[0]?.name, 'y');
});

test('parse: wrong types name the file and the field path', () => {
  assert.is(parseError('clusters: {}\n'), 'error loading config file "f.yaml": clusters: expected a list, got a mapping');
  assert.is(
    parseError('clusters:\n- name: c\n  cluster:\n    server: 8080\n'),
    'error loading config file "f.yaml": clusters[0].cluster.server: expected a string, got a number',
  );
  assert.is(
    parseError('clusters:\n- name: c\n  cluster:\n    insecure-skip-tls-verify: "true"\n'),
    'error loading config file "f.yaml": clusters[0].cluster.insecure-skip-tls-verify: expected true or false, got a string',
  );
  assert.is(parseError('- a\n'), 'error loading config file "f.yaml": the document: expected a mapping, got a list');
});

test('parse: *-data fields must be standard base64, as encoding/json decodes []byte', () => {
  assert.is(
    parseError('users:\n- name: u\n  user:\n    client-key-data: abc$\n'),
    'error loading config file "f.yaml": users[0].user.client-key-data: illegal base64 data at input byte 3',
  );
  assert.match(parseError('users:\n- name: u\n  user:\n    client-key-data: abc\n'), /illegal base64 data/);
});

test('parse: kind and apiVersion other than Config/v1 are refused; absent ones default', () => {
  assert.is(parseError('apiVersion: v2\nkind: Config\n'), 'error loading config file "f.yaml": no kind "Config" is registered for version "v2"');
  assert.is(parseError('kind: Pod\n'), 'error loading config file "f.yaml": no kind "Pod" is registered for version "v1"');
  assert.equal(parseKubeconfig('current-context: x\n', 'f')['current-context'], 'x');
});

test('parse: a name listed twice with different contents is refused, identical twins collapse (conversion.go)', () => {
  assert.is(
    parseError('users:\n- name: u\n  user: {token: a}\n- name: u\n  user: {token: b}\n'),
    'error loading config file "f.yaml": users: duplicate name "u" in list',
  );
  assert.is(parseKubeconfig('users:\n- name: u\n  user: {token: a}\n- name: u\n  user: {token: a}\n', 'f').users.length, 1);
});

test('parse: syntax errors say yaml and name the file', () => {
  assert.match(parseError('clusters: [\n'), /^error loading config file "f\.yaml": yaml: /);
});

test('parse: unknown fields are dropped, as encoding/json drops them', () => {
  const config = parseKubeconfig('users:\n- name: u\n  user:\n    exec: {command: x}\n    token: t\n', 'f');
  assert.equal(config.users, [{ name: 'u', user: { token: 't' } }]);
});

test.run();
