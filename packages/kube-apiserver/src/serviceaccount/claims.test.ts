// Bound-token claims: TestClaims and TestValidatePrivateClaims of kubernetes/kubernetes
// pkg/serviceaccount/claims_test.go (now = 2018-01-01T00:00:00Z = 1514764800, jti "fixed"),
// compared as the JSON the token carries.
import type { KubeObject } from '@tlsboot/api';
import { VirtualClock } from '@tlsboot/util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { boundClaims, boundTokenValidator, parseBoundPrivateClaims } from './claims.js';
import type { BoundPrivateClaims } from './claims.js';
import { goMarshal } from './go-json.js';
import { jwtPayload } from './jwt.js';
import type { ServiceAccountTokenGetter } from './token-getter.js';

const nowUnix = 1514764800;
const now = new Date(nowUnix * 1000);
const clock = new VirtualClock({ start: now });

const obj = (kind: string, name: string, uid: string, namespace?: string): KubeObject => ({ kind, apiVersion: 'v1', metadata: { name, uid, ...(namespace ? { namespace } : {}) } });

test('TestClaims (claims_test.go): sub, aud, iat = nbf = now, exp, jti and the kubernetes.io claim', () => {
  const sa = obj('ServiceAccount', 'mysvcacct', 'mysvcacct-uid', 'myns');
  const pod = obj('Pod', 'mypod', 'mypod-uid', 'myns');
  const sec = obj('Secret', 'mysecret', 'mysecret-uid', 'myns');
  const node = obj('Node', 'mynode', 'mynode-uid');
  const std = (exp: number, aud?: string[]) => `${aud ? `"aud":${goMarshal(aud)},` : ''}"exp":${nowUnix + exp},"iat":${nowUnix},"jti":"fixed"`;
  const saRef = '"serviceaccount":{"name":"mysvcacct","uid":"mysvcacct-uid"}';
  const cases: { name: string; pod?: KubeObject; sec?: KubeObject; node?: KubeObject; exp: number; warnafter?: number; aud: string[]; err?: string; want?: string }[] = [
    { name: 'pod and secret', pod, sec, exp: 0, aud: [], err: 'internal error, token can only be bound to one object type' },
    { name: 'pod', pod, exp: 100, aud: [], want: `{${std(100)},"kubernetes.io":{"namespace":"myns","pod":{"name":"mypod","uid":"mypod-uid"},${saRef}}}` },
    { name: 'secret', sec, exp: 100, aud: ['1'], want: `{${std(100, ['1'])},"kubernetes.io":{"namespace":"myns","secret":{"name":"mysecret","uid":"mysecret-uid"},${saRef}}}` },
    { name: 'no obj binding', exp: 100, aud: ['1', '2'], want: `{${std(100, ['1', '2'])},"kubernetes.io":{"namespace":"myns",${saRef}}}` },
    {
      name: 'warn after provided',
      pod,
      exp: 60 * 60 * 24,
      warnafter: 60 * 60,
      aud: [],
      want: `{${std(60 * 60 * 24)},"kubernetes.io":{"namespace":"myns","pod":{"name":"mypod","uid":"mypod-uid"},${saRef},"warnafter":${nowUnix + 3600}}}`,
    },
    { name: 'node alone', node, exp: 0, aud: [], want: `{${std(0)},"kubernetes.io":{"namespace":"myns","node":{"name":"mynode","uid":"mynode-uid"},${saRef}}}` },
    {
      name: 'node and pod',
      pod,
      node,
      exp: 0,
      aud: [],
      want: `{${std(0)},"kubernetes.io":{"namespace":"myns","node":{"name":"mynode","uid":"mynode-uid"},"pod":{"name":"mypod","uid":"mypod-uid"},${saRef}}}`,
    },
    { name: 'node and secret should error', sec, node, exp: 0, aud: [], err: 'internal error, token can only be bound to one object type' },
    { name: 'ensure JTI is set', exp: 0, aud: [], want: `{${std(0)},"kubernetes.io":{"namespace":"myns",${saRef}}}` },
  ];
  for (const c of cases) {
    const input = { serviceAccount: sa, ...(c.pod ? { pod: c.pod } : {}), ...(c.sec ? { secret: c.sec } : {}), ...(c.node ? { node: c.node } : {}), expirationSeconds: c.exp, warnAfterSeconds: c.warnafter ?? 0, audiences: c.aud, now, jti: 'fixed' };
    if (c.err) {
      assert.throws(() => boundClaims(input), (e: Error) => e.message === c.err, c.name);
      continue;
    }
    const { claims, privateClaims } = boundClaims(input);
    const payload = jwtPayload('', claims, privateClaims);
    // upstream spews the two structs; the payload holds both, nbf and sub too
    assert.is(payload, c.want!.replace(/}$/, `,"nbf":${nowUnix},"sub":"system:serviceaccount:myns:mysvcacct"}`), c.name);
  }
});

test('a node named only by a pod (the Node object is missing): the ref has no uid', () => {
  const { privateClaims } = boundClaims({
    serviceAccount: obj('ServiceAccount', 'sa', 'sa-uid', 'ns'),
    pod: obj('Pod', 'p', 'p-uid', 'ns'),
    node: { kind: 'Node', apiVersion: 'v1', metadata: { name: 'worker-1' } },
    expirationSeconds: 600,
    warnAfterSeconds: 0,
    audiences: ['api'],
    now,
    jti: 'j',
  });
  assert.equal((privateClaims['kubernetes.io'] as Record<string, unknown>)['node'], { name: 'worker-1' });
});

/** fakeGetter of claims_test.go: NotFound for anything it does not hold. */
function fakeGetter(sa?: KubeObject, secret?: KubeObject, pod?: KubeObject, node?: KubeObject): ServiceAccountTokenGetter {
  const one = (o: KubeObject | undefined, resource: string) => (_a: string, b?: string) => (o ? Promise.resolve(o) : Promise.reject(new Error(`${resource} "${b ?? _a}" not found`)));
  return { getServiceAccount: one(sa, 'serviceaccounts'), getSecret: one(secret, 'secrets'), getPod: one(pod, 'pods'), getNode: (n) => one(node, 'nodes')(n) };
}

test('TestValidatePrivateClaims (claims_test.go): expiry, lookups, uids, deletion within and beyond the leeway', async () => {
  const serviceAccount = obj('ServiceAccount', 'saname', 'sauid', 'ns');
  const secret = obj('Secret', 'secretname', 'secretuid', 'ns');
  const pod = obj('Pod', 'podname', 'poduid', 'ns');
  const node = obj('Node', 'nodename', 'nodeuid');
  const priv = (extra: Partial<BoundPrivateClaims> & { saUID?: string } = {}): BoundPrivateClaims => {
    const { saUID, ...rest } = extra;
    return { serviceAccount: { name: 'saname', uid: saUID ?? 'sauid' }, namespace: 'ns', ...rest };
  };
  type Case = { name: string; getter: ServiceAccountTokenGetter; private: BoundPrivateClaims; expiry?: number; notBefore?: number; expectErr: string };
  const cases: Case[] = [
    { name: 'good', getter: fakeGetter(serviceAccount), private: priv(), expectErr: '' },
    { name: 'expired', getter: fakeGetter(serviceAccount), private: priv(), expiry: nowUnix - 1000 * 3600, expectErr: 'service account token has expired' },
    { name: 'not yet valid', getter: fakeGetter(serviceAccount), private: priv(), notBefore: nowUnix + 1000 * 3600, expectErr: 'service account token is not valid yet' },
    { name: 'missing serviceaccount', getter: fakeGetter(), private: priv(), expectErr: 'serviceaccounts "saname" not found' },
    { name: 'missing secret', getter: fakeGetter(serviceAccount), private: priv({ secret: { name: 'secretname', uid: 'secretuid' } }), expectErr: 'service account token has been invalidated' },
    { name: 'missing pod', getter: fakeGetter(serviceAccount), private: priv({ pod: { name: 'podname', uid: 'poduid' } }), expectErr: 'service account token has been invalidated' },
    { name: 'missing node', getter: fakeGetter(serviceAccount), private: priv({ node: { name: 'nodename', uid: 'nodeuid' } }), expectErr: 'service account token has been invalidated' },
    { name: 'different uid serviceaccount', getter: fakeGetter(serviceAccount), private: priv({ saUID: 'sauidold' }), expectErr: 'service account UID (sauid) does not match claim (sauidold)' },
    {
      name: 'different uid secret',
      getter: fakeGetter(serviceAccount, secret),
      private: priv({ secret: { name: 'secretname', uid: 'secretuidold' } }),
      expectErr: 'secret UID (secretuid) does not match service account secret ref claim (secretuidold)',
    },
    {
      name: 'different uid pod',
      getter: fakeGetter(serviceAccount, undefined, pod),
      private: priv({ pod: { name: 'podname', uid: 'poduidold' } }),
      expectErr: 'pod UID (poduid) does not match service account pod ref claim (poduidold)',
    },
  ];
  const deletionCases: { name: string; time?: number; expectErr?: boolean }[] = [
    { name: 'valid' },
    { name: 'deleted now', time: nowUnix },
    { name: 'deleted near past', time: nowUnix - 1 },
    { name: 'deleted near future', time: nowUnix + 1 },
    { name: 'deleted now-leeway', time: nowUnix - 60 },
    { name: 'deleted now-leeway-1', time: nowUnix - 61, expectErr: true },
  ];
  const deleted = (o: KubeObject, t?: number): KubeObject => (t === undefined ? o : { ...o, metadata: { ...o.metadata, deletionTimestamp: new Date(t * 1000).toISOString().replace('.000', '') } });
  for (const d of deletionCases) {
    const saErr = d.expectErr ? 'service account ns/saname has been deleted' : '';
    const err = d.expectErr ? 'service account token has been invalidated' : '';
    cases.push(
      { name: `${d.name} serviceaccount`, getter: fakeGetter(deleted(serviceAccount, d.time)), private: priv(), expectErr: saErr },
      { name: `${d.name} secret`, getter: fakeGetter(serviceAccount, deleted(secret, d.time)), private: priv({ secret: { name: 'secretname', uid: 'secretuid' } }), expectErr: err },
      { name: `${d.name} pod`, getter: fakeGetter(serviceAccount, undefined, deleted(pod, d.time)), private: priv({ pod: { name: 'podname', uid: 'poduid' } }), expectErr: err },
      { name: `${d.name} node`, getter: fakeGetter(serviceAccount, undefined, undefined, deleted(node, d.time)), private: priv({ node: { name: 'nodename', uid: 'nodeuid' } }), expectErr: err },
    );
  }
  for (const c of cases) {
    const v = boundTokenValidator(c.getter, clock);
    const claims = { exp: c.expiry ?? nowUnix, nbf: c.notBefore ?? 0 };
    const got = await v.validate('', claims, c.private).then(
      () => '',
      (e: Error) => e.message,
    );
    assert.is(got, c.expectErr, c.name);
  }
});

test('validated info: pod name and uid, the node a pod names (not looked up), the node of a node-bound token, JTI credential id', async () => {
  const sa = obj('ServiceAccount', 'sa', 'sa-uid', 'ns');
  const v = boundTokenValidator(fakeGetter(sa, undefined, obj('Pod', 'p', 'p-uid', 'ns'), obj('Node', 'n', 'n-uid')), clock);
  const base = { serviceAccount: { name: 'sa', uid: 'sa-uid' }, namespace: 'ns' };
  assert.equal(await v.validate('', { jti: 'abc' }, { ...base, pod: { name: 'p', uid: 'p-uid' }, node: { name: 'gone', uid: '' } }), {
    namespace: 'ns',
    name: 'sa',
    uid: 'sa-uid',
    podName: 'p',
    podUID: 'p-uid',
    nodeName: 'gone',
    nodeUID: '',
    credentialID: 'JTI=abc',
  });
  assert.equal(await v.validate('', {}, { ...base, node: { name: 'n', uid: 'n-uid' } }), { namespace: 'ns', name: 'sa', uid: 'sa-uid', nodeName: 'n', nodeUID: 'n-uid' });
  await v.validate('', {}, { ...base, node: { name: 'n', uid: 'old' } }).then(
    () => assert.unreachable(),
    (e: Error) => assert.is(e.message, 'node UID (n-uid) does not match service account node ref claim (old)'),
  );
  await v.validate('', { iat: nowUnix + 3600 }, base).then(
    () => assert.unreachable(),
    (e: Error) => assert.is(e.message, 'service account token is issued in the future'),
  );
});

test('private claims decoding: absent kubernetes.io is empty; wrong types refused', () => {
  assert.equal(parseBoundPrivateClaims({}), { namespace: '', serviceAccount: { name: '', uid: '' } });
  assert.equal(parseBoundPrivateClaims({ 'kubernetes.io': { namespace: 'ns', serviceaccount: { name: 'a', uid: 'u' }, pod: { name: 'p' }, warnafter: 5 } }), {
    namespace: 'ns',
    serviceAccount: { name: 'a', uid: 'u' },
    pod: { name: 'p', uid: '' },
    warnAfter: 5,
  });
  assert.throws(() => parseBoundPrivateClaims({ 'kubernetes.io': 'x' }), /cannot unmarshal string/);
  assert.throws(() => parseBoundPrivateClaims({ 'kubernetes.io': { namespace: 1 } }), /cannot unmarshal number into Go struct field privateClaims\.kubernetes\.io\.namespace of type string/);
});

test.run();
