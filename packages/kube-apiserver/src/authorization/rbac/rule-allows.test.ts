// TestRuleMatches ported from kubernetes/kubernetes plugin/pkg/auth/authorizer/rbac/rbac_test.go
// (RuleAllows over the upstream table), plus resourceNames and subresource cases.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { PolicyRule } from '@tlsboot/api';
import type { Attributes } from '../interfaces.js';
import { ruleAllows } from './rbac.js';

const request = (verb: string, o: Partial<Attributes>): Attributes => ({
  user: { name: '', groups: [] },
  verb,
  isResourceRequest: true,
  path: '',
  namespace: '',
  apiGroup: '',
  apiVersion: '',
  resource: '',
  subresource: '',
  name: '',
  ...o,
});

// resourceRequest(verb).Group(g).Resource(r).Subresource(s) / nonresourceRequest(verb).URL(u)
const rr = (verb: string, apiGroup: string, resource: string, subresource = '', name = ''): Attributes => request(verb, { apiGroup, resource, subresource, name });
const nr = (verb: string, path: string): Attributes => request(verb, { isResourceRequest: false, path });
const rule = (verbs: string[], o: Partial<PolicyRule>): PolicyRule => ({ verbs, ...o });

const ruleMatchCases: { name: string; rule: PolicyRule; requests: [Attributes, boolean][] }[] = [
  {
    name: 'star verb, exact match other',
    rule: rule(['*'], { apiGroups: ['group1'], resources: ['resource1'] }),
    requests: [
      [rr('verb1', 'group1', 'resource1'), true],
      [rr('verb1', 'group2', 'resource1'), false],
      [rr('verb1', 'group1', 'resource2'), false],
      [rr('verb1', 'group2', 'resource2'), false],
      [rr('verb2', 'group1', 'resource1'), true],
      [rr('verb2', 'group2', 'resource1'), false],
      [rr('verb2', 'group1', 'resource2'), false],
      [rr('verb2', 'group2', 'resource2'), false],
    ],
  },
  {
    name: 'star group, exact match other',
    rule: rule(['verb1'], { apiGroups: ['*'], resources: ['resource1'] }),
    requests: [
      [rr('verb1', 'group1', 'resource1'), true],
      [rr('verb1', 'group2', 'resource1'), true],
      [rr('verb1', 'group1', 'resource2'), false],
      [rr('verb1', 'group2', 'resource2'), false],
      [rr('verb2', 'group1', 'resource1'), false],
      [rr('verb2', 'group2', 'resource1'), false],
      [rr('verb2', 'group1', 'resource2'), false],
      [rr('verb2', 'group2', 'resource2'), false],
    ],
  },
  {
    name: 'star resource, exact match other',
    rule: rule(['verb1'], { apiGroups: ['group1'], resources: ['*'] }),
    requests: [
      [rr('verb1', 'group1', 'resource1'), true],
      [rr('verb1', 'group2', 'resource1'), false],
      [rr('verb1', 'group1', 'resource2'), true],
      [rr('verb1', 'group2', 'resource2'), false],
      [rr('verb2', 'group1', 'resource1'), false],
      [rr('verb2', 'group2', 'resource1'), false],
      [rr('verb2', 'group1', 'resource2'), false],
      [rr('verb2', 'group2', 'resource2'), false],
    ],
  },
  {
    name: 'tuple expansion',
    rule: rule(['verb1', 'verb2'], { apiGroups: ['group1', 'group2'], resources: ['resource1', 'resource2'] }),
    requests: ['verb1', 'verb2'].flatMap((v) => ['group1', 'group2'].flatMap((g) => ['resource1', 'resource2'].map((r): [Attributes, boolean] => [rr(v, g, r), true]))),
  },
  {
    name: 'subresource expansion',
    rule: rule(['*'], { apiGroups: ['*'], resources: ['resource1/subresource1'] }),
    requests: [
      [rr('verb1', 'group1', 'resource1', 'subresource1'), true],
      [rr('verb1', 'group2', 'resource1', 'subresource2'), false],
      [rr('verb1', 'group1', 'resource2', 'subresource1'), false],
      [rr('verb1', 'group2', 'resource2', 'subresource1'), false],
      [rr('verb2', 'group1', 'resource1', 'subresource1'), true],
      [rr('verb2', 'group2', 'resource1', 'subresource2'), false],
      [rr('verb2', 'group1', 'resource2', 'subresource1'), false],
      [rr('verb2', 'group2', 'resource2', 'subresource1'), false],
    ],
  },
  {
    name: 'star nonresource, exact match other',
    rule: rule(['verb1'], { nonResourceURLs: ['*'] }),
    requests: [
      ...['/foo', '/foo/bar', '/foo/baz', '/foo/bar/one', '/foo/baz/one'].map((u): [Attributes, boolean] => [nr('verb1', u), true]),
      ...['/foo', '/foo/bar', '/foo/baz', '/foo/bar/one', '/foo/baz/one'].map((u): [Attributes, boolean] => [nr('verb2', u), false]),
    ],
  },
  {
    name: 'star nonresource subpath',
    rule: rule(['verb1'], { nonResourceURLs: ['/foo/*'] }),
    requests: [
      [nr('verb1', '/foo'), false],
      [nr('verb1', '/foo/bar'), true],
      [nr('verb1', '/foo/baz'), true],
      [nr('verb1', '/foo/bar/one'), true],
      [nr('verb1', '/foo/baz/one'), true],
      [nr('verb1', '/notfoo'), false],
      [nr('verb1', '/notfoo/bar'), false],
      [nr('verb1', '/notfoo/baz'), false],
      [nr('verb1', '/notfoo/bar/one'), false],
      [nr('verb1', '/notfoo/baz/one'), false],
    ],
  },
  {
    name: 'star verb, exact nonresource',
    rule: rule(['*'], { nonResourceURLs: ['/foo', '/foo/bar/one'] }),
    requests: ['verb1', 'verb2'].flatMap((v) => [
      [nr(v, '/foo'), true],
      [nr(v, '/foo/bar'), false],
      [nr(v, '/foo/baz'), false],
      [nr(v, '/foo/bar/one'), true],
      [nr(v, '/foo/baz/one'), false],
    ] as [Attributes, boolean][]),
  },
];

test('TestRuleMatches (rbac_test.go): RuleAllows over the upstream table', () => {
  for (const c of ruleMatchCases) {
    for (const [request, expected] of c.requests) assert.is(ruleAllows(request, c.rule), expected, `${c.name}: ${JSON.stringify(request)}`);
  }
});

test('RuleAllows: resourceNames (empty matches any name, create has no name), verbs are case-sensitive', () => {
  const named = rule(['get', 'watch', 'create'], { apiGroups: ['certificates.k8s.io'], resources: ['certificatesigningrequests'], resourceNames: ['csr-1'] });
  assert.ok(ruleAllows(rr('get', 'certificates.k8s.io', 'certificatesigningrequests', '', 'csr-1'), named));
  assert.not.ok(ruleAllows(rr('get', 'certificates.k8s.io', 'certificatesigningrequests', '', 'csr-2'), named));
  assert.not.ok(ruleAllows(rr('create', 'certificates.k8s.io', 'certificatesigningrequests'), named));
  assert.ok(ruleAllows(rr('create', 'certificates.k8s.io', 'certificatesigningrequests', 'nodeclient'), rule(['create'], { apiGroups: ['certificates.k8s.io'], resources: ['certificatesigningrequests/nodeclient'] })));
  assert.not.ok(ruleAllows(rr('create', 'certificates.k8s.io', 'certificatesigningrequests'), rule(['create'], { apiGroups: ['certificates.k8s.io'], resources: ['certificatesigningrequests/nodeclient'] })));
  assert.not.ok(ruleAllows(rr('GET', '', 'pods'), rule(['get'], { apiGroups: [''], resources: ['pods'] })));
});

test.run();
