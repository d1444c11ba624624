// Generators of malformed and hostile HTTP requests for the apiserver and the kubelet's HTTPS
// server (issue 9 §1), with fast-check (generation and shrinking). What upstream answers them
// with: k8s.io/apiserver/pkg/endpoints/handlers (rest.go transformDecodeError, create.go),
// k8s.io/apiserver/pkg/server/filters (maxinflight, timeout), k8s.io/apiserver/pkg/endpoints/
// request/requestinfo.go, pkg/registry/certificates/certificates/strategy.go and
// pkg/apis/certificates/validation/validation.go (CSRs), pkg/kubelet/server/server.go (kubelet).
//
// A request is data (FuzzRequest): servers.ts turns it into bytes on a raw TLS socket, so that
// nothing between the generator and the server (Node's http client) cleans it up first.
import fc from 'fast-check';

export type Target = 'apiserver' | 'kubelet';
/** Who sends it: the admin (system:masters), the node (system:node:<node>), the bootstrap token, nobody. */
export type Who = 'admin' | 'node' | 'bootstrap' | 'anonymous';
/** How the body is framed: Content-Length, chunked, both (request smuggling shape), or neither. */
export type Framing = 'length' | 'chunked' | 'both' | 'none';

export interface FuzzRequest {
  /** The generator that made it (the run's figures are by kind). */
  kind: string;
  target: Target;
  who: Who;
  method: string;
  /** The request-target as sent, unencoded beyond what the generator did. */
  path: string;
  headers: [string, string][];
  body: Buffer;
  framing: Framing;
  /** Held open: the headers and part of the body are sent, the rest never (servers.ts bounds it in time). */
  hold?: boolean;
}

/** What the generators need from the running cluster. */
export interface FuzzContext {
  nodeName: string;
  /** A well-formed PEM CERTIFICATE REQUEST (for CSRs that are valid but for one field). */
  csrPem: string;
}

export const fuzzNamespace = 'fuzz';

// ---- building blocks -------------------------------------------------------------------------

const who = fc.constantFrom<Who>('admin', 'admin', 'node', 'bootstrap', 'anonymous');
const target = fc.constantFrom<Target>('apiserver', 'apiserver', 'apiserver', 'kubelet');
const framing = fc.constantFrom<Framing>('length', 'length', 'length', 'chunked', 'both', 'none');

/** Resource collections, cluster-scoped and namespaced, the fuzz writes may land in. */
const collections = [
  '/apis/certificates.k8s.io/v1/certificatesigningrequests',
  `/api/v1/namespaces/${fuzzNamespace}/configmaps`,
  `/api/v1/namespaces/${fuzzNamespace}/secrets`,
  `/api/v1/namespaces/${fuzzNamespace}/serviceaccounts`,
  '/api/v1/namespaces',
  '/api/v1/nodes',
  `/apis/coordination.k8s.io/v1/namespaces/${fuzzNamespace}/leases`,
  `/api/v1/namespaces/${fuzzNamespace}/pods`,
  `/api/v1/namespaces/${fuzzNamespace}/events`,
];
/** Read-only paths every identity may be sent to (lists, gets, discovery, health). */
const readPaths = [
  ...collections,
  '/api/v1/secrets',
  '/api/v1/configmaps',
  '/api/v1/namespaces/kube-system/secrets',
  '/api/v1/namespaces/kube-public/configmaps/cluster-info',
  '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings',
  '/apis/certificates.k8s.io/v1/certificatesigningrequests/x',
  '/apis/certificates.k8s.io/v1/certificatesigningrequests/x/approval',
  '/apis/certificates.k8s.io/v1/certificatesigningrequests/x/status',
  '/api/v1/nodes/NODE',
  '/api/v1/nodes/NODE/status',
  '/api/v1/nodes/NODE/proxy/healthz',
  '/api/v1/nodes/NODE/proxy/pods',
  '/apis/authentication.k8s.io/v1/tokenreviews',
  '/apis/authorization.k8s.io/v1/subjectaccessreviews',
  '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
  '/api', '/apis', '/api/v1', '/apis/certificates.k8s.io', '/apis/certificates.k8s.io/v1', '/version', '/healthz', '/livez', '/readyz', '/openapi/v3', '/openapi/v2', '/metrics', '/',
];
const kubeletPaths = ['/healthz', '/pods', '/pods/', '/metrics', '/metrics/cadvisor', '/stats/summary', '/logs/', '/logs/x', '/configz', '/spec/', '/runningpods/', '/containerLogs/default/x/y', '/exec/default/x/y', '/run/default/x/y', '/attach/default/x/y', '/portForward/default/x', '/checkpoint/default/x/y', '/debug/pprof/', '/'];

const segment = fc.oneof(
  fc.constantFrom('.', '..', '', '%2e%2e', '%2F', '%00', '%', '%zz', '~', 'api', 'apis', 'v1', 'namespaces', 'default', 'kube-system', 'nodes', 'secrets', 'proxy', 'status', 'approval', 'watch', '*', 'ÿ', '%C3%28', '%ff'),
  fc.string({ maxLength: 12 }).map((s) => encodeURIComponent(s)),
  fc.stringMatching(/^[a-z0-9.-]{1,20}$/),
);

/** Paths: known ones mangled (dot segments, doubled slashes, percent-encoding), random segments, very long. */
function pathArb(base: readonly string[]): fc.Arbitrary<string> {
  const known = fc.constantFrom(...base);
  const mangled = fc.tuple(known, fc.constantFrom('dots', 'double', 'encode', 'suffix', 'trailing', 'upper')).chain(([p, how]) => {
    switch (how) {
      case 'dots':
        return fc.nat({ max: 5 }).map((n) => `${p}/${'../'.repeat(n)}${p.slice(1)}`);
      case 'double':
        return fc.constant(p.replace(/\//g, '//'));
      case 'encode':
        return fc.constant(p.replace(/[a-z]/g, (c) => (c.charCodeAt(0) % 3 === 0 ? `%${c.charCodeAt(0).toString(16)}` : c)));
      case 'suffix':
        return segment.map((s) => `${p}/${s}`);
      case 'trailing':
        return fc.constant(`${p}/`);
      default:
        return fc.constant(p.toUpperCase());
    }
  });
  const random = fc.array(segment, { minLength: 0, maxLength: 8 }).map((s) => `/${s.join('/')}`);
  const long = fc.tuple(known, fc.integer({ min: 1_000, max: 20_000 })).map(([p, n]) => `${p}/${'a'.repeat(n)}`);
  const weird = fc.constantFrom('*', 'http://127.0.0.1/api', '//api/v1', '/./api/v1/./namespaces', '/api/v1/namespaces/../../apis', '/api/v1/namespaces/%2E%2E/secrets', '/api%2Fv1/nodes', '/api/v1/nodes/%00');
  return fc.oneof({ weight: 4, arbitrary: known }, { weight: 4, arbitrary: mangled }, { weight: 2, arbitrary: random }, { weight: 1, arbitrary: long }, { weight: 1, arbitrary: weird });
}

const garbage = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom('-1', '0', '1e9', '99999999999999999999', 'abc', '', '%', ' ', 'true', 'null', '1.5', '-0', '0x10', '\u0000'),
  fc.integer().map(String),
);
const selector = fc.oneof(
  fc.constantFrom('a=b', 'a!=b', 'a in (b,c)', 'a notin (b)', '!a', 'a', 'a==b', 'a=', '=b', 'a in (', ',,,', 'a=b,c', 'metadata.name=x', 'spec.nodeName=NODE', 'status.phase!=Running', 'spec.signerName=kubernetes.io/kube-apiserver-client-kubelet', 'a>1', 'metadata.namespace==', 'x.y.z=1'),
  fc.string({ maxLength: 30 }),
);
const queryPair = fc.oneof(
  fc.tuple(fc.constantFrom('resourceVersion', 'limit', 'continue', 'watch', 'timeoutSeconds', 'resourceVersionMatch', 'allowWatchBookmarks', 'sendInitialEvents', 'pretty', 'dryRun', 'fieldManager', 'fieldValidation', 'propagationPolicy', 'gracePeriodSeconds', 'orphanDependents', 'follow', 'tailLines', 'verbose', 'exclude'), garbage),
  fc.tuple(fc.constantFrom('labelSelector', 'fieldSelector'), selector),
  fc.tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 })),
);
const queryString = fc.array(queryPair, { minLength: 1, maxLength: 5 }).chain((pairs) =>
  fc.boolean().map((raw) => (raw ? pairs.map(([k, v]) => `${k}=${v.replace(/[\s#]/g, '+')}`).join('&') : new URLSearchParams(pairs).toString())),
);

/** Header values: mostly printable; control characters make the server's parser answer (400). */
const headerValue = fc.oneof(fc.stringMatching(/^[ -~]{0,40}$/), fc.string({ maxLength: 20 }));
const randomHeader = fc.oneof(
  fc.tuple(fc.constantFrom('Content-Type'), fc.constantFrom('application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf', 'application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml', 'text/plain', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', '*/*', ';;;', '')),
  fc.tuple(fc.constantFrom('Accept'), fc.constantFrom('application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf', 'application/json;as=Table;v=v1;g=meta.k8s.io', 'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io', 'application/json;stream=watch', 'text/html', 'image/png', '*/*;q=0', 'application/*', ',,,', '')),
  fc.tuple(fc.constantFrom('Content-Encoding'), fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-garbage')),
  fc.tuple(fc.constantFrom('Accept-Encoding'), fc.constantFrom('gzip', 'deflate, gzip;q=0', '*')),
  fc.tuple(fc.constantFrom('Impersonate-User', 'Impersonate-Group', 'Impersonate-Uid', 'Impersonate-Extra-x'), fc.constantFrom('system:admin', 'system:node:NODE', 'system:masters', '', 'x')),
  fc.tuple(fc.constantFrom('Authorization'), fc.constantFrom('Bearer ', 'Bearer abcdef.0123456789abcdef', 'Basic YTpi', 'Bearer x.y.z', 'Bearer', 'garbage')),
  fc.tuple(fc.constantFrom('Expect'), fc.constantFrom('100-continue', 'x')),
  fc.tuple(fc.constantFrom('X-Stream-Protocol-Version', 'Upgrade', 'Connection-Extra', 'X-Remote-User', 'Origin', 'traceparent'), headerValue),
  fc.tuple(fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,15}$/), headerValue),
);

// ---- bodies ----------------------------------------------------------------------------------

function objectFor(path: string, ctx: FuzzContext): Record<string, unknown> {
  if (path.includes('certificatesigningrequests'))
    return { apiVersion: 'certificates.k8s.io/v1', kind: 'CertificateSigningRequest', metadata: { generateName: 'fuzz-' }, spec: { request: Buffer.from(ctx.csrPem).toString('base64'), signerName: 'kubernetes.io/kube-apiserver-client', usages: ['client auth'] } };
  if (path.endsWith('/configmaps')) return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'fuzz-' }, data: { a: 'b' } };
  if (path.endsWith('/secrets')) return { apiVersion: 'v1', kind: 'Secret', metadata: { generateName: 'fuzz-' }, stringData: { a: 'b' } };
  if (path.endsWith('/serviceaccounts')) return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { generateName: 'fuzz-' } };
  if (path.endsWith('/namespaces')) return { apiVersion: 'v1', kind: 'Namespace', metadata: { generateName: 'fuzz-' } };
  if (path.endsWith('/nodes')) return { apiVersion: 'v1', kind: 'Node', metadata: { generateName: 'fuzz-' } };
  if (path.endsWith('/leases')) return { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { generateName: 'fuzz-' }, spec: { holderIdentity: 'x' } };
  if (path.endsWith('/pods')) return { apiVersion: 'v1', kind: 'Pod', metadata: { generateName: 'fuzz-' }, spec: { nodeName: ctx.nodeName, containers: [{ name: 'c', image: 'i' }] } };
  return { apiVersion: 'v1', kind: 'Event', metadata: { generateName: 'fuzz-' }, involvedObject: { kind: 'Node', name: ctx.nodeName }, reason: 'Fuzz' };
}

const wrongValue = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, 1e308, '', 'x', [], {}, [1, 'a'], { a: { b: [] } }, '\u0000', 'ÿ'.repeat(300)),
  fc.string({ maxLength: 30 }),
  fc.integer(),
);
/** Dotted field paths of the objects above (and some nobody knows) to overwrite with a wrong type. */
const fieldPaths = ['apiVersion', 'kind', 'metadata', 'metadata.name', 'metadata.generateName', 'metadata.namespace', 'metadata.labels', 'metadata.labels.a', 'metadata.annotations', 'metadata.resourceVersion', 'metadata.uid', 'metadata.creationTimestamp', 'metadata.deletionTimestamp', 'metadata.ownerReferences', 'metadata.finalizers', 'metadata.managedFields', 'spec', 'spec.request', 'spec.signerName', 'spec.usages', 'spec.expirationSeconds', 'spec.username', 'spec.groups', 'spec.extra', 'spec.containers', 'spec.nodeName', 'spec.holderIdentity', 'spec.renewTime', 'status', 'status.conditions', 'status.certificate', 'data', 'data.a', 'stringData', 'type', 'involvedObject', 'unknownField'];

function setPath(obj: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const keys = path.split('.');
  let at: Record<string, unknown> = obj;
  for (const k of keys.slice(0, -1)) {
    const next = at[k];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) at[k] = {};
    at = at[k] as Record<string, unknown>;
  }
  at[keys[keys.length - 1]!] = value;
  return obj;
}

/** Bodies for one collection path. */
function bodyArb(path: string, ctx: FuzzContext): fc.Arbitrary<{ kind: string; body: Buffer; contentType: string }> {
  const json = (kind: string, b: Buffer | string) => ({ kind, body: Buffer.isBuffer(b) ? b : Buffer.from(b), contentType: 'application/json' });
  const valid = JSON.stringify(objectFor(path, ctx));
  const randomBytes = fc.uint8Array({ maxLength: 300 }).map((b) => json('random-body', Buffer.from(b)));
  const randomText = fc.oneof(fc.string({ maxLength: 200 }), fc.json({ maxDepth: 4 })).map((s) => json('random-body', s));
  const truncated = fc.nat({ max: valid.length - 1 }).map((n) => json('truncated-body', valid.slice(0, n)));
  const wrongTypes = fc.array(fc.tuple(fc.constantFrom(...fieldPaths), wrongValue), { minLength: 1, maxLength: 3 }).map((edits) => {
    const obj = objectFor(path, ctx);
    for (const [p, v] of edits) setPath(obj, p, v);
    return json('wrong-types', JSON.stringify(obj));
  });
  const invalidUtf8 = fc.tuple(fc.constantFrom('metadata.generateName', 'metadata.labels.a', 'metadata.annotations.a', 'data.a', 'spec.signerName', 'spec.username', 'unknownField'), fc.constantFrom([0xff], [0xc3, 0x28], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xc0, 0xaf], [0x80])).map(([p, bytes]) => {
    const marker = 'XXUTF8XX';
    const text = JSON.stringify(setPath(objectFor(path, ctx), p, `fuzz-${marker}`));
    const [before, after] = text.split(marker) as [string, string];
    return json('invalid-utf8', Buffer.concat([Buffer.from(before), Buffer.from(bytes), Buffer.from(after)]));
  });
  const deep = fc.tuple(fc.constantFrom(50, 1_000, 5_000, 10_000, 10_001, 100_000, 1_000_000), fc.constantFrom('array', 'object', 'labels')).map(([depth, shape]) => {
    const open = shape === 'array' ? '[' : '{"a":';
    const close = shape === 'array' ? ']' : '}';
    const nested = `${open.repeat(depth)}1${close.repeat(depth)}`;
    const text = shape === 'labels' ? valid.replace('"metadata":{', `"metadata":{"labels":${nested},`) : shape === 'array' ? `{"kind":${nested}}` : nested;
    return json('deep-json', text);
  });
  const yaml = fc.constantFrom('a: [', 'kind: Secret\nmetadata: {name: x}\ndata: !!binary ???', '&a [*a]', 'a: &x\n  b: *x', '- - - -', '--- \n...\n', 'metadata:\n  name: "x\n').map((s) => ({ kind: 'random-body', body: Buffer.from(s), contentType: 'application/yaml' }));
  const arbs: fc.Arbitrary<{ kind: string; body: Buffer; contentType: string }>[] = [randomBytes, randomText, truncated, wrongTypes, invalidUtf8, deep, yaml];
  if (path.includes('certificatesigningrequests')) arbs.push(csrBodyArb(ctx), csrBodyArb(ctx));
  return fc.oneof(...arbs);
}

/** CSRs whose spec.request is garbage DER, the wrong PEM type, a truncated PEM, or random signers, usages and expiry. */
function csrBodyArb(ctx: FuzzContext): fc.Arbitrary<{ kind: string; body: Buffer; contentType: string }> {
  const der = Buffer.from(ctx.csrPem.split('\n').filter((l) => l && !l.startsWith('-----')).join(''), 'base64');
  const pem = (type: string, bytes: Buffer) => `-----BEGIN ${type}-----\n${bytes.toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END ${type}-----\n`;
  const request = fc.oneof(
    fc.uint8Array({ minLength: 0, maxLength: 400 }).map((b) => pem('CERTIFICATE REQUEST', Buffer.from(b))),
    fc.nat({ max: der.length - 1 }).map((n) => pem('CERTIFICATE REQUEST', der.subarray(0, n))),
    fc.tuple(fc.nat({ max: der.length - 1 }), fc.integer({ min: 0, max: 255 })).map(([i, b]) => {
      const d = Buffer.from(der);
      d[i] = b;
      return pem('CERTIFICATE REQUEST', d);
    }),
    fc.constantFrom('CERTIFICATE', 'PRIVATE KEY', 'NEW CERTIFICATE REQUEST', 'EC PRIVATE KEY', 'PUBLIC KEY', 'certificate request').map((t) => pem(t, der)),
    fc.nat({ max: ctx.csrPem.length - 1 }).map((n) => ctx.csrPem.slice(0, n)),
    fc.constant(ctx.csrPem + ctx.csrPem),
    fc.constant(ctx.csrPem),
  );
  const signer = fc.constantFrom('kubernetes.io/kube-apiserver-client', 'kubernetes.io/kube-apiserver-client-kubelet', 'kubernetes.io/kubelet-serving', 'kubernetes.io/legacy-unknown', 'example.com/x', '', 'no-slash', 'a/b/c', '/x', 'x/');
  const usages = fc.oneof(fc.constant(['client auth']), fc.constant(['digital signature', 'key encipherment', 'client auth']), fc.constant(['server auth', 'client auth']), fc.array(fc.constantFrom('client auth', 'server auth', 'signing', 'any', 'bogus', ''), { maxLength: 4 }));
  const expiry = fc.oneof(fc.constant(undefined), fc.constantFrom(0, 1, 599, 600, 2 ** 31, -5));
  const requestField = fc.oneof({ weight: 4, arbitrary: request.map((p) => Buffer.from(p).toString('base64')) }, { weight: 1, arbitrary: fc.constantFrom('!!!not base64', '', 'AAAA', ctx.csrPem) });
  const conditions = fc.oneof(fc.constant(undefined), fc.constant([{ type: 'Approved', status: 'True', reason: 'Fuzz' }]), fc.constant([{ type: 'Approved', status: 'True' }, { type: 'Denied', status: 'True' }]));
  return fc.record({ request: requestField, signer, usages, expiry, conditions, certificate: fc.boolean() }).map((r) => {
    const obj: Record<string, unknown> = {
      apiVersion: 'certificates.k8s.io/v1',
      kind: 'CertificateSigningRequest',
      metadata: { generateName: 'fuzz-' },
      spec: { request: r.request, signerName: r.signer, usages: r.usages, ...(r.expiry === undefined ? {} : { expirationSeconds: r.expiry }) },
    };
    if (r.conditions || r.certificate) obj['status'] = { ...(r.conditions ? { conditions: r.conditions } : {}), ...(r.certificate ? { certificate: Buffer.from(ctx.csrPem).toString('base64') } : {}) };
    return { kind: 'csr-garbage', body: Buffer.from(JSON.stringify(obj)), contentType: 'application/json' };
  });
}

// ---- requests --------------------------------------------------------------------------------

const methods = fc.oneof({ weight: 8, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE') }, { weight: 2, arbitrary: fc.constantFrom('HEAD', 'OPTIONS', 'TRACE', 'CONNECT', 'PROPFIND', 'get', 'FOO', 'G ET', 'POST\u0000', 'M-SEARCH', 'PURGE') });

/** A request with a mutated body posted (or put) to a collection. */
function bodyRequest(ctx: FuzzContext): fc.Arbitrary<FuzzRequest> {
  return fc.constantFrom(...collections).chain((path) =>
    fc.record({ who, framing, verb: fc.constantFrom('POST', 'POST', 'POST', 'PUT', 'PATCH'), b: bodyArb(path, ctx), extra: fc.array(randomHeader, { maxLength: 2 }) }).map(({ who, framing, verb, b, extra }) => {
      const p = verb === 'POST' ? path : `${path}/fuzz-x`;
      const contentType = verb === 'PATCH' ? 'application/merge-patch+json' : b.contentType;
      return { kind: b.kind, target: 'apiserver' as const, who, method: verb, path: p, headers: [['Content-Type', contentType] as [string, string], ...extra], body: b.body, framing };
    }),
  );
}

/** Several MiB of JSON: past --max-request-body-bytes (3 MiB) the apiserver answers 413. */
const hugeRequest: fc.Arbitrary<FuzzRequest> = fc.record({ who, mib: fc.constantFrom(2, 3.5, 4, 8), framing: fc.constantFrom<Framing>('length', 'chunked') }).map(({ who, mib, framing }) => {
  const size = Math.floor(mib * 1024 * 1024);
  const body = Buffer.alloc(size, 0x61);
  body.write('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"generateName":"fuzz-"},"data":{"a":"', 0);
  body.write('"}}', size - 3);
  return { kind: 'huge-body', target: 'apiserver', who, method: 'POST', path: `/api/v1/namespaces/${fuzzNamespace}/configmaps`, headers: [['Content-Type', 'application/json']], body, framing };
});

const pathRequest = (t: Target, base: readonly string[]): fc.Arbitrary<FuzzRequest> =>
  fc.record({ who, method: fc.constantFrom('GET', 'GET', 'GET', 'DELETE', 'POST'), path: pathArb(base) }).map((r) => ({ kind: t === 'kubelet' ? 'kubelet-path' : 'path', target: t, ...r, headers: [], body: Buffer.alloc(0), framing: 'length' as const }));

const verbRequest = (t: Target, base: readonly string[]): fc.Arbitrary<FuzzRequest> =>
  fc.record({ who, method: methods, path: fc.constantFrom(...base), body: fc.oneof(fc.constant(''), fc.json({ maxDepth: 2 })) }).map((r) => ({ kind: t === 'kubelet' ? 'kubelet-verb' : 'verb', target: t, who: r.who, method: r.method, path: r.path, headers: [['Content-Type', 'application/json']], body: Buffer.from(r.body), framing: 'length' as const }));

const queryRequest = (t: Target, base: readonly string[]): fc.Arbitrary<FuzzRequest> =>
  fc.record({ who, path: fc.constantFrom(...base), q: queryString }).map((r) => ({ kind: t === 'kubelet' ? 'kubelet-query' : 'query', target: t, who: r.who, method: 'GET', path: `${r.path}?${r.q}`, headers: [], body: Buffer.alloc(0), framing: 'length' as const }));

const headerRequest = (t: Target, base: readonly string[]): fc.Arbitrary<FuzzRequest> =>
  fc.record({ who, method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH'), path: fc.constantFrom(...base), headers: fc.array(randomHeader, { minLength: 1, maxLength: 5 }), body: fc.oneof(fc.constant('{}'), fc.json({ maxDepth: 2 }), fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b).toString('latin1'))), framing }).map((r) => ({
    kind: t === 'kubelet' ? 'kubelet-headers' : 'headers',
    target: t,
    who: r.who,
    method: r.method,
    path: r.path,
    headers: r.headers,
    body: Buffer.from(r.body, 'latin1'),
    framing: r.framing,
  }));

const heldRequest = (t: Target, base: readonly string[]): fc.Arbitrary<FuzzRequest> =>
  fc.record({ who, path: fc.constantFrom(...base), framing: fc.constantFrom<Framing>('length', 'chunked'), sent: fc.nat({ max: 50 }) }).map((r) => ({
    kind: t === 'kubelet' ? 'kubelet-held-open' : 'held-open',
    target: t,
    who: r.who,
    method: 'POST',
    path: r.path,
    headers: [['Content-Type', 'application/json']],
    body: Buffer.from('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"fuzz-held"}}'.slice(0, r.sent)),
    framing: r.framing,
    hold: true,
  }));

/** Writes and deletions as the admin stay inside the fuzz namespace or on fuzz-* names, so that the cluster under test keeps its token, node and policy. */
function keepClusterIntact(r: FuzzRequest): FuzzRequest {
  if (r.who !== 'admin' || r.method === 'GET' || r.method === 'POST' && r.kind !== 'verb' && r.kind !== 'path' && r.kind !== 'headers') return r;
  if (r.path.includes(`/namespaces/${fuzzNamespace}/`) && !r.path.includes('..') || /\/fuzz-[^/]*$/.test(r.path.split('?')[0]!)) return r;
  return { ...r, who: 'node' };
}

/** Every request kind, weighted; `node` replaces NODE in paths. */
export function fuzzRequestArb(ctx: FuzzContext): fc.Arbitrary<FuzzRequest> {
  const api = readPaths.map((p) => p.replace('NODE', ctx.nodeName));
  const kub = kubeletPaths;
  const apiserver = fc.oneof(
    { weight: 10, arbitrary: bodyRequest(ctx) },
    { weight: 4, arbitrary: pathRequest('apiserver', api) },
    { weight: 3, arbitrary: verbRequest('apiserver', api) },
    { weight: 4, arbitrary: queryRequest('apiserver', api) },
    { weight: 3, arbitrary: headerRequest('apiserver', api) },
    { weight: 1, arbitrary: fc.oneof({ weight: 1, arbitrary: hugeRequest }, { weight: 4, arbitrary: heldRequest('apiserver', collections) }) },
  );
  const kubelet = fc.oneof(
    { weight: 3, arbitrary: pathRequest('kubelet', kub) },
    { weight: 2, arbitrary: verbRequest('kubelet', kub) },
    { weight: 2, arbitrary: queryRequest('kubelet', kub) },
    { weight: 2, arbitrary: headerRequest('kubelet', kub) },
    { weight: 1, arbitrary: heldRequest('kubelet', kub) },
  );
  return target.chain((t) => (t === 'apiserver' ? apiserver : kubelet)).map((r) => keepClusterIntact({ ...r, path: r.path.replace(/NODE/g, ctx.nodeName) }));
}
