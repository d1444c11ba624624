// The matchers and CompactString of kubernetes/kubernetes pkg/apis/rbac/v1/evaluation_helpers.go.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  apiGroupMatches,
  compactString,
  nonResourceURLMatches,
  nonResourceURLPatternMatches,
  policyRuleString,
  resourceMatches,
  resourceNameMatches,
  verbMatches,
} from './evaluation-helpers.js';

test('VerbMatches / APIGroupMatches: exact or *, case-sensitive', () => {
  assert.ok(verbMatches({ verbs: ['get', 'list'] }, 'list'));
  assert.ok(verbMatches({ verbs: ['*'] }, 'escalate'));
  assert.not.ok(verbMatches({ verbs: ['get'] }, 'GET'));
  assert.not.ok(verbMatches({ verbs: [] }, 'get'));
  assert.ok(apiGroupMatches({ verbs: [], apiGroups: [''] }, ''));
  assert.ok(apiGroupMatches({ verbs: [], apiGroups: ['*'] }, 'apps'));
  assert.not.ok(apiGroupMatches({ verbs: [], apiGroups: ['apps'] }, ''));
});

test('ResourceMatches: *, exact combined, */sub only with that subresource', () => {
  const r = (...resources: string[]) => ({ verbs: [], resources });
  assert.ok(resourceMatches(r('*'), 'pods/status', 'status'));
  assert.ok(resourceMatches(r('pods'), 'pods', ''));
  assert.not.ok(resourceMatches(r('pods'), 'pods/status', 'status'));
  assert.ok(resourceMatches(r('pods/status'), 'pods/status', 'status'));
  assert.not.ok(resourceMatches(r('pods/status'), 'pods', ''));
  assert.ok(resourceMatches(r('*/scale'), 'deployments/scale', 'scale'));
  assert.not.ok(resourceMatches(r('*/scale'), 'deployments', ''));
  assert.not.ok(resourceMatches(r('*/scale'), 'deployments/status', 'status'));
  // length check: `*/scale` is not `*/ale`
  assert.not.ok(resourceMatches(r('*/scale'), 'x/ale', 'ale'));
  assert.ok(resourceMatches(r('certificatesigningrequests/nodeclient'), 'certificatesigningrequests/nodeclient', 'nodeclient'));
  assert.not.ok(resourceMatches(r('certificatesigningrequests'), 'certificatesigningrequests/nodeclient', 'nodeclient'));
});

test('ResourceNameMatches: an empty list matches every name, even none', () => {
  assert.ok(resourceNameMatches({ verbs: [] }, ''));
  assert.ok(resourceNameMatches({ verbs: [], resourceNames: [] }, 'x'));
  assert.ok(resourceNameMatches({ verbs: [], resourceNames: ['a', 'x'] }, 'x'));
  assert.not.ok(resourceNameMatches({ verbs: [], resourceNames: ['a'] }, ''));
});

test('NonResourceURLMatches: *, exact, or the prefix before a trailing *', () => {
  assert.ok(nonResourceURLPatternMatches('/apis/*', '/apis/v1'));
  assert.ok(nonResourceURLPatternMatches('/apis/*', '/apis/'));
  assert.not.ok(nonResourceURLPatternMatches('/apis/*', '/apis'));
  assert.ok(nonResourceURLPatternMatches('*', '/anything'));
  assert.ok(nonResourceURLPatternMatches('/healthz', '/healthz'));
  assert.not.ok(nonResourceURLPatternMatches('/healthz', '/healthz/etcd'));
  assert.ok(nonResourceURLPatternMatches('/healthz**', '/healthz/etcd'));
  assert.ok(nonResourceURLMatches({ verbs: [], nonResourceURLs: ['/version', '/api/*'] }, '/api/v1'));
  assert.not.ok(nonResourceURLMatches({ verbs: [] }, '/api'));
});

test('CompactString: only the non-empty fields, %q lists', () => {
  assert.is(compactString({ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] }), '{APIGroups:[""], Resources:["pods"], Verbs:["get" "list"]}');
  assert.is(compactString({ nonResourceURLs: ['/apis'], verbs: ['get'] }), '{NonResourceURLs:["/apis"], Verbs:["get"]}');
  assert.is(compactString({ apiGroups: ['g'], resources: ['r'], resourceNames: ['n'], verbs: ['*'] }), '{APIGroups:["g"], Resources:["r"], ResourceNames:["n"], Verbs:["*"]}');
  assert.is(policyRuleString({ verbs: ['get'], nonResourceURLs: ['/x'] }), 'PolicyRule{NonResourceURLs:["/x"], Verbs:["get"]}');
});

test.run();
