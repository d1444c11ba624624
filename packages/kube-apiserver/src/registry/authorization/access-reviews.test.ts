// The access reviews as pure calls: validation (k/k pkg/apis/authorization/validation/
// validation_test.go TestValidateSARSpec, TestValidateSelfSAR, TestValidateLocalSAR), the
// attributes (pkg/registry/authorization/util/helpers_test.go), the REST Create of each review
// (subjectaccessreview, localsubjectaccessreview, selfsubjectaccessreview, selfsubjectrulesreview
// rest.go) and the Go JSON decoding of their bodies.
import { errorToAPIStatus, newFieldPath } from '@tlsboot/api';
import type { KubeObject } from '@tlsboot/api';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Attributes, AuthorizationResult, Authorizer, RuleResolver } from '../../authorization/interfaces.js';
import { alwaysAllowAuthorizer, alwaysDenyAuthorizer } from '../../authorization/always.js';
import { privilegedGroupsAuthorizer } from '../../authorization/privileged-groups.js';
import { unionAuthorizer } from '../../authorization/union.js';
import { localSubjectAccessReview } from './local-subject-access-review.js';
import { authorizationAttributesFrom, buildEvaluationError, resourceAttributesFrom } from './review-attributes.js';
import { selfSubjectAccessReview } from './self-subject-access-review.js';
import { selfSubjectRulesReview } from './self-subject-rules-review.js';
import { subjectAccessReview } from './subject-access-review.js';
import { validateLocalSubjectAccessReview, validateSelfSubjectAccessReview, validateSubjectAccessReview, validateSubjectAccessReviewSpec } from './validation.js';

/** The integration tests' sarAuthorizer (test/integration/auth/accessreview_test.go), minus the error. */
const sarAuthorizer: Authorizer = {
  name: 'sar',
  authorize: (a: Attributes): AuthorizationResult => (a.user.name === 'dave' ? { decision: 'NoOpinion', reason: 'no' } : { decision: 'Allow', reason: "you're not dave" }),
};
const denier: Authorizer = { name: 'denier', authorize: () => ({ decision: 'Deny', reason: 'explicitly denied' }) };

const statusOf = async (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (err: unknown) => errorToAPIStatus(err),
  );

test('validation_test.go TestValidateSARSpec: successes and the first error of each failure', () => {
  assert.equal(validateSubjectAccessReviewSpec({ resourceAttributes: {}, user: 'me' }, newFieldPath('spec')), []);
  assert.equal(validateSubjectAccessReviewSpec({ nonResourceAttributes: {}, groups: ['my-group'] }, newFieldPath('spec')), []);
  const cases: [string, Parameters<typeof validateSubjectAccessReviewSpec>[0], string][] = [
    ['neither request', { user: 'me' }, 'spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified'],
    [
      'both requests',
      { resourceAttributes: {}, nonResourceAttributes: {}, user: 'me' },
      'spec.nonResourceAttributes: Invalid value: authorization.NonResourceAttributes{Path:"", Verb:""}: cannot be specified in combination with resourceAttributes',
    ],
    ['no subject', { resourceAttributes: {} }, 'spec.user: Invalid value: "": at least one of user or group must be specified'],
  ];
  for (const [name, spec, msg] of cases) {
    assert.is(validateSubjectAccessReviewSpec(spec, newFieldPath('spec'))[0]?.error(), msg, name);
    assert.is(validateSubjectAccessReview({}, spec)[0]?.error(), msg, name);
    assert.is(validateLocalSubjectAccessReview({}, spec)[0]?.error(), msg, name);
  }
});

test('validation_test.go TestValidateSelfSAR and TestValidateLocalSAR', () => {
  assert.equal(validateSelfSubjectAccessReview({}, { resourceAttributes: {} }), []);
  assert.is(validateSelfSubjectAccessReview({}, {})[0]?.error(), 'spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified');
  assert.match(validateSelfSubjectAccessReview({}, { resourceAttributes: {}, nonResourceAttributes: {} })[0]!.error(), /cannot be specified in combination with resourceAttributes$/);
  assert.equal(validateLocalSubjectAccessReview({}, { resourceAttributes: {}, user: 'user' }), []);
  assert.match(validateLocalSubjectAccessReview({ name: 'a' }, { resourceAttributes: {}, user: 'user' })[0]!.error(), /^metadata: Invalid value: v1\.ObjectMeta\{Name:"a", GenerateName:"", .*\}: must be empty except for namespace$/);
  assert.is(validateLocalSubjectAccessReview({ namespace: 'a' }, { resourceAttributes: {}, user: 'user' })[0]!.error(), 'spec.resourceAttributes.namespace: Invalid value: "": must match metadata.namespace');
  assert.is(
    validateLocalSubjectAccessReview({ namespace: 'a' }, { nonResourceAttributes: {}, user: 'user' })[0]!.error(),
    'spec.nonResourceAttributes: Invalid value: authorization.NonResourceAttributes{Path:"", Verb:""}: disallowed on this kind of request',
  );
});

test('metadata must be empty: %#v of the ObjectMeta; an empty map or a null creationTimestamp is still empty', () => {
  assert.equal(validateSubjectAccessReview({ creationTimestamp: null as never, labels: {} }, { resourceAttributes: {}, user: 'u' }), []);
  const [err] = validateSubjectAccessReview({ name: 'x', labels: { b: '2', a: '1' } }, { resourceAttributes: {}, user: 'u' });
  assert.is(
    err!.error(),
    'metadata: Invalid value: v1.ObjectMeta{Name:"x", GenerateName:"", Namespace:"", SelfLink:"", UID:"", ResourceVersion:"", Generation:0, CreationTimestamp:time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC), DeletionTimestamp:<nil>, DeletionGracePeriodSeconds:(*int64)(nil), Labels:map[string]string{"a":"1", "b":"2"}, Annotations:map[string]string(nil), OwnerReferences:[]v1.OwnerReference(nil), Finalizers:[]string(nil), ManagedFields:[]v1.ManagedFieldsEntry(nil)}: must be empty',
  );
});

test('selector attributes: raw and requirements together, neither, and requirement checks (validation.go)', () => {
  const errs = validateSubjectAccessReviewSpec(
    {
      user: 'u',
      resourceAttributes: {
        fieldSelector: { rawSelector: 'a=b', requirements: [{ key: 'a', operator: 'In', values: ['b'] }] },
        labelSelector: { requirements: [{ key: 'x', operator: 'In' }, { key: 'y', operator: 'Exists', values: ['v'] }] },
      },
    },
    newFieldPath('spec'),
  );
  assert.equal(
    errs.map((e) => e.error()),
    [
      'spec.resourceAttributes.fieldSelector.rawSelector: Invalid value: "a=b": may not specified at the same time as requirements',
      "spec.resourceAttributes.labelSelector.requirements[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      "spec.resourceAttributes.labelSelector.requirements[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
    ],
  );
  assert.equal(
    validateSubjectAccessReviewSpec({ user: 'u', resourceAttributes: { fieldSelector: {} } }, newFieldPath('spec')).map((e) => e.error()),
    ['spec.resourceAttributes.fieldSelector.requirements: Required value: when spec.resourceAttributes.fieldSelector is specified, requirements or rawSelector is required'],
  );
});

test('helpers.go: AuthorizationAttributesFrom takes the subject as given; an empty version is "*"', () => {
  const { attributes } = authorizationAttributesFrom({
    user: 'alice',
    groups: ['devs'],
    uid: '42',
    extra: { scopes: ['a'] },
    resourceAttributes: { namespace: 'ns', verb: 'get', group: 'apps', resource: 'deployments', subresource: 'scale', name: 'web' },
  });
  assert.equal(attributes, {
    user: { name: 'alice', groups: ['devs'], uid: '42', extra: { scopes: ['a'] } },
    verb: 'get',
    isResourceRequest: true,
    path: '',
    namespace: 'ns',
    apiGroup: 'apps',
    apiVersion: '*',
    resource: 'deployments',
    subresource: 'scale',
    name: 'web',
  });
  const nonResource = authorizationAttributesFrom({ user: 'bob', nonResourceAttributes: { path: '/healthz', verb: 'get' } }).attributes;
  assert.equal([nonResource.isResourceRequest, nonResource.path, nonResource.verb, nonResource.user.groups], [false, '/healthz', 'get', []]);
});

test('helpers.go: selectors reach the attributes; what does not parse is reported by BuildEvaluationError', () => {
  const user = { name: 'u', groups: [] };
  const ok = resourceAttributesFrom(user, { verb: 'list', resource: 'pods', fieldSelector: { rawSelector: 'spec.nodeName=n1' }, labelSelector: { requirements: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] } });
  assert.equal([ok.attributes.fieldSelector, ok.attributes.labelSelector, buildEvaluationError(undefined, ok)], ['spec.nodeName=n1', 'app in (api,web)', '']);
  const partial = resourceAttributesFrom(user, {
    verb: 'list',
    resource: 'pods',
    fieldSelector: { requirements: [{ key: 'spec.nodeName', operator: 'In', values: ['n1'] }, { key: 'x', operator: 'Exists' }] },
    labelSelector: { rawSelector: 'a in (' },
  });
  assert.is(partial.attributes.fieldSelector, 'spec.nodeName=n1');
  assert.is(partial.attributes.labelSelector, undefined);
  assert.is(buildEvaluationError('webhook down', partial), 'webhook down; spec.resourceAttributes.fieldSelector partially ignored due to parse error; spec.resourceAttributes.labelSelector ignored due to parse error');
});

const sar = (spec: Record<string, unknown>, metadata: Record<string, unknown> = {}): KubeObject => ({ apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', metadata, spec });

test('subjectaccessreview/rest.go: allowed and denied answers echo the spec in Go field order', async () => {
  const allowed = await subjectAccessReview(sar({ user: 'alice', resourceAttributes: { resource: 'pods', verb: 'list', version: 'v1' }, extra: { z: ['1'], a: ['2'] } }), sarAuthorizer);
  assert.is(
    JSON.stringify(allowed),
    '{"kind":"SubjectAccessReview","apiVersion":"authorization.k8s.io/v1","metadata":{"creationTimestamp":null},"spec":{"resourceAttributes":{"verb":"list","version":"v1","resource":"pods"},"user":"alice","extra":{"a":["2"],"z":["1"]}},"status":{"allowed":true,"reason":"you\'re not dave"}}',
  );
  const denied = await subjectAccessReview(sar({ user: 'dave', resourceAttributes: { resource: 'pods', verb: 'list' } }), sarAuthorizer);
  assert.equal(denied['status'], { allowed: false, reason: 'no' });
  const explicit = await subjectAccessReview(sar({ groups: ['g'], nonResourceAttributes: { path: '/x', verb: 'get' } }), denier);
  assert.equal(explicit['status'], { allowed: false, denied: true, reason: 'explicitly denied' });
});

test('subjectaccessreview/rest.go: 422 with the empty kind the internal object has', async () => {
  const status = await statusOf(subjectAccessReview(sar({ resourceAttributes: { verb: 'get', resource: 'pods' } }), sarAuthorizer));
  assert.equal(status, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: '.authorization.k8s.io "" is invalid: spec.user: Invalid value: "": at least one of user or group must be specified',
    reason: 'Invalid',
    details: {
      group: 'authorization.k8s.io',
      causes: [{ reason: 'FieldValueInvalid', message: 'Invalid value: "": at least one of user or group must be specified', field: 'spec.user' }],
    },
    code: 422,
  });
  const two = await statusOf(subjectAccessReview(sar({}), sarAuthorizer));
  assert.is(
    two?.message,
    '.authorization.k8s.io "" is invalid: [spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified, spec.user: Invalid value: "": at least one of user or group must be specified]',
  );
});

test('a body field of the wrong JSON type is the decoder\'s 400', async () => {
  const status = await statusOf(subjectAccessReview(sar({ user: 5, resourceAttributes: {} }), sarAuthorizer));
  assert.equal([status?.code, status?.message], [400, 'SubjectAccessReview in version "v1" cannot be handled as a SubjectAccessReview: json: cannot unmarshal number into Go struct field SubjectAccessReviewSpec.spec.user of type string']);
  const nested = await statusOf(subjectAccessReview(sar({ user: 'u', resourceAttributes: { verb: ['get'] } }), sarAuthorizer));
  assert.is(nested?.message, 'SubjectAccessReview in version "v1" cannot be handled as a SubjectAccessReview: json: cannot unmarshal array into Go struct field ResourceAttributes.spec.resourceAttributes.verb of type string');
  const groups = await statusOf(subjectAccessReview(sar({ groups: 'g', resourceAttributes: {} }), sarAuthorizer));
  assert.match(groups!.message!, /cannot unmarshal string into Go struct field SubjectAccessReviewSpec\.spec\.groups of type \[\]string$/);
});

test('localsubjectaccessreview/rest.go: namespace taken from metadata; a different attributes namespace is 422', async () => {
  const lsar = (ns: string, attrs: Record<string, unknown>): KubeObject => ({ apiVersion: 'authorization.k8s.io/v1', kind: 'LocalSubjectAccessReview', metadata: { namespace: 'foo' }, spec: { user: 'alice', ...attrs } });
  const ok = await localSubjectAccessReview(lsar('foo', { resourceAttributes: { namespace: 'foo', verb: 'list', resource: 'pods' } }), 'foo', sarAuthorizer);
  assert.equal([ok.metadata, ok['status']], [{ namespace: 'foo', creationTimestamp: null }, { allowed: true, reason: "you're not dave" }]);
  const conflict = await statusOf(localSubjectAccessReview(lsar('foo', { resourceAttributes: { namespace: 'bar', verb: 'list', resource: 'pods' } }), 'foo', sarAuthorizer));
  assert.is(conflict?.message, '.authorization.k8s.io "" is invalid: spec.resourceAttributes.namespace: Invalid value: "bar": must match metadata.namespace');
  const missing = await statusOf(localSubjectAccessReview(lsar('foo', { resourceAttributes: { verb: 'list', resource: 'pods' } }), 'foo', sarAuthorizer));
  assert.is(missing?.message, '.authorization.k8s.io "" is invalid: spec.resourceAttributes.namespace: Invalid value: "": must match metadata.namespace');
});

test('selfsubjectaccessreview/rest.go: the caller is the subject; kubectl\'s empty version asks about every version', async () => {
  let seen: Attributes | undefined;
  const spy: Authorizer = { name: 'spy', authorize: (a) => ((seen = a), { decision: 'NoOpinion', reason: '' }) };
  const review: KubeObject = { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', metadata: { creationTimestamp: null as never }, spec: { resourceAttributes: { namespace: 'default', verb: 'create', resource: 'secrets' } } };
  const answer = await selfSubjectAccessReview(review, { name: 'alice', groups: ['devs', 'system:authenticated'] }, spy);
  assert.is(
    JSON.stringify(answer),
    '{"kind":"SelfSubjectAccessReview","apiVersion":"authorization.k8s.io/v1","metadata":{"creationTimestamp":null},"spec":{"resourceAttributes":{"namespace":"default","verb":"create","resource":"secrets"}},"status":{"allowed":false}}',
  );
  assert.equal([seen?.user.name, seen?.apiVersion, seen?.namespace], ['alice', '*', 'default']);
  const invalid = await statusOf(selfSubjectAccessReview({ ...review, spec: {} }, { name: 'alice', groups: [] }, spy));
  assert.is(invalid?.message, '.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified');
});

test('selfsubjectrulesreview/rest.go: the union of the rule resolvers; no namespace is 400', async () => {
  const resolver: Authorizer & RuleResolver = {
    name: 'rules',
    authorize: () => ({ decision: 'NoOpinion', reason: '' }),
    rulesFor: (user, namespace) => ({
      resourceRules: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'], resourceNames: [] }],
      nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/healthz'] }],
      incomplete: namespace !== 'default',
      ...(user.name === 'broken' ? { evaluationError: 'clusterrole.rbac.authorization.k8s.io "x" not found' } : {}),
    }),
  };
  const chain = unionAuthorizer([privilegedGroupsAuthorizer(['system:masters']), resolver, alwaysDenyAuthorizer()]);
  const review = (namespace?: string): KubeObject => ({ apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', metadata: {}, spec: namespace === undefined ? {} : { namespace } });
  assert.is(
    JSON.stringify(await selfSubjectRulesReview(review('default'), { name: 'alice', groups: [] }, chain)),
    '{"kind":"SelfSubjectRulesReview","apiVersion":"authorization.k8s.io/v1","metadata":{"creationTimestamp":null},"spec":{},"status":{"resourceRules":[{"verbs":["get"],"apiGroups":[""],"resources":["pods"]}],"nonResourceRules":[{"verbs":["get"],"nonResourceURLs":["/healthz"]}],"incomplete":false}}',
  );
  const broken = await selfSubjectRulesReview(review('kube-system'), { name: 'broken', groups: [] }, chain);
  assert.equal(broken['status'], {
    resourceRules: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }],
    nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/healthz'] }],
    incomplete: true,
    evaluationError: 'clusterrole.rbac.authorization.k8s.io "x" not found',
  });
  const empty = await selfSubjectRulesReview(review('default'), { name: 'admin', groups: ['system:masters'] }, unionAuthorizer([privilegedGroupsAuthorizer(['system:masters'])]));
  assert.equal(empty['status'], { resourceRules: [], nonResourceRules: [], incomplete: false });
  const all = await selfSubjectRulesReview(review('default'), { name: 'x', groups: [] }, unionAuthorizer([alwaysAllowAuthorizer()]));
  assert.equal(all['status'], { resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }], nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }], incomplete: false });
  const status = await statusOf(selfSubjectRulesReview(review(), { name: 'alice', groups: [] }, chain));
  assert.equal([status?.code, status?.reason, status?.message], [400, 'BadRequest', 'no namespace on request']);
});

test('union.go NewRuleResolvers: rules concatenated in order, incomplete if any, errors aggregated', async () => {
  const r = (name: string, incomplete: boolean, evaluationError?: string): Authorizer & RuleResolver => ({
    name,
    authorize: () => ({ decision: 'NoOpinion', reason: '' }),
    rulesFor: () => ({ resourceRules: [{ verbs: [name] }], nonResourceRules: [], incomplete, ...(evaluationError ? { evaluationError } : {}) }),
  });
  const u = unionAuthorizer([r('a', false, 'e1'), { name: 'plain', authorize: () => ({ decision: 'NoOpinion', reason: '' }) }, r('b', true, 'e2'), r('c', false, 'e1')]);
  assert.equal(await u.rulesFor({ name: 'x', groups: [] }, 'ns'), { resourceRules: [{ verbs: ['a'] }, { verbs: ['b'] }, { verbs: ['c'] }], nonResourceRules: [], incomplete: true, evaluationError: '[e1, e2]' });
});

test.run();
