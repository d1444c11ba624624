// TestCovers* and TestNonResourceURLCovers ported from kubernetes/kubernetes
// staging/src/k8s.io/component-helpers/auth/rbac/validation/policy_comparator_test.go, plus
// CompactRules (pkg/registry/rbac/validation/policy_compact.go).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { PolicyRule } from '@tlsboot/api';
import { covers, nonResourceURLCovers } from './policy-comparator.js';
import { compactRules } from './policy-compact.js';

interface EscalationTest {
  name: string;
  owner: PolicyRule[];
  servant: PolicyRule[];
  covered: boolean;
  uncovered: PolicyRule[];
}

const r = (apiGroups: string[], verbs: string[], resources: string[], resourceNames?: string[]): PolicyRule => ({ apiGroups, verbs, resources, ...(resourceNames ? { resourceNames } : {}) });
const u = (nonResourceURLs: string[], verbs: string[]): PolicyRule => ({ nonResourceURLs, verbs });

const cases: EscalationTest[] = [
  { name: 'ExactMatch', owner: [r(['v1'], ['get'], ['builds'])], servant: [r(['v1'], ['get'], ['builds'])], covered: true, uncovered: [] },
  { name: 'SubresourceWildcard', owner: [r(['v1'], ['get'], ['*/scale'])], servant: [r(['v1'], ['get'], ['foo/scale'])], covered: true, uncovered: [] },
  {
    name: 'MultipleRulesCoveringSingleRule',
    owner: [r(['v1'], ['delete'], ['deployments']), r(['v1'], ['delete'], ['builds']), r(['v1'], ['update'], ['builds', 'deployments'])],
    servant: [r(['v1'], ['delete', 'update'], ['builds', 'deployments'])],
    covered: true,
    uncovered: [],
  },
  {
    name: 'MultipleAPIGroupsCoveringSingleRule',
    owner: ['group1', 'group2'].flatMap((g) => [r([g], ['delete'], ['deployments']), r([g], ['delete'], ['builds']), r([g], ['update'], ['builds', 'deployments'])]),
    servant: [r(['group1', 'group2'], ['delete', 'update'], ['builds', 'deployments'])],
    covered: true,
    uncovered: [],
  },
  {
    name: 'SingleAPIGroupsCoveringMultiple',
    owner: [r(['group1', 'group2'], ['delete', 'update'], ['builds', 'deployments'])],
    servant: ['group1', 'group2'].flatMap((g) => [r([g], ['delete'], ['deployments']), r([g], ['delete'], ['builds']), r([g], ['update'], ['builds', 'deployments'])]),
    covered: true,
    uncovered: [],
  },
  {
    name: 'MultipleRulesMissingSingleVerbResourceCombination',
    owner: [r(['v1'], ['delete', 'update'], ['builds', 'deployments']), r(['v1'], ['delete'], ['pods'])],
    servant: [r(['v1'], ['delete', 'update'], ['builds', 'deployments', 'pods'])],
    covered: false,
    uncovered: [r(['v1'], ['update'], ['pods'])],
  },
  { name: 'APIGroupStarCoveringMultiple', owner: [r(['*'], ['get'], ['roles'])], servant: [r(['group1', 'group2'], ['get'], ['roles'])], covered: true, uncovered: [] },
  { name: 'EnumerationNotCoveringAPIGroupStar', owner: [r(['dummy-group'], ['get'], ['roles'])], servant: [r(['*'], ['get'], ['roles'])], covered: false, uncovered: [r(['*'], ['get'], ['roles'])] },
  { name: 'APIGroupStarCoveringStar', owner: [r(['*'], ['get'], ['roles'])], servant: [r(['*'], ['get'], ['roles'])], covered: true, uncovered: [] },
  { name: 'VerbStarCoveringMultiple', owner: [r(['v1'], ['*'], ['roles'])], servant: [r(['v1'], ['watch', 'list'], ['roles'])], covered: true, uncovered: [] },
  {
    name: 'EnumerationNotCoveringVerbStar',
    owner: [r(['v1'], ['get', 'list', 'watch', 'create', 'update', 'delete', 'exec'], ['roles'])],
    servant: [r(['v1'], ['*'], ['roles'])],
    covered: false,
    uncovered: [r(['v1'], ['*'], ['roles'])],
  },
  { name: 'VerbStarCoveringStar', owner: [r(['v1'], ['*'], ['roles'])], servant: [r(['v1'], ['*'], ['roles'])], covered: true, uncovered: [] },
  { name: 'ResourceStarCoveringMultiple', owner: [r(['v1'], ['get'], ['*'])], servant: [r(['v1'], ['get'], ['resourcegroup:deployments'])], covered: true, uncovered: [] },
  {
    name: 'EnumerationNotCoveringResourceStar',
    owner: [r(['v1'], ['get'], ['roles', 'resourcegroup:deployments'])],
    servant: [r(['v1'], ['get'], ['*'])],
    covered: false,
    uncovered: [r(['v1'], ['get'], ['*'])],
  },
  { name: 'ResourceStarCoveringStar', owner: [r(['v1'], ['get'], ['*'])], servant: [r(['v1'], ['get'], ['*'])], covered: true, uncovered: [] },
  { name: 'ResourceNameEmptyCoveringMultiple', owner: [r(['v1'], ['get'], ['pods'], [])], servant: [r(['v1'], ['get'], ['pods'], ['foo', 'bar'])], covered: true, uncovered: [] },
  {
    name: 'EnumerationNotCoveringResourceNameEmpty',
    owner: [r(['v1'], ['get'], ['pods'], ['foo', 'bar'])],
    servant: [r(['v1'], ['get'], ['pods'], [])],
    covered: false,
    uncovered: [r(['v1'], ['get'], ['pods'])],
  },
  { name: 'NonResourceURLs', owner: [u(['/apis'], ['*'])], servant: [u(['/apis'], ['*'])], covered: true, uncovered: [] },
  { name: 'NonResourceURLsStar', owner: [u(['*'], ['*'])], servant: [u(['/apis', '/apis/v1', '/'], ['*'])], covered: true, uncovered: [] },
  { name: 'NonResourceURLsStarAfterPrefixDoesntCover', owner: [u(['/apis/*'], ['*'])], servant: [u(['/apis', '/apis/v1'], ['get'])], covered: false, uncovered: [u(['/apis'], ['get'])] },
  { name: 'NonResourceURLsStarAfterPrefix', owner: [u(['/apis/*'], ['*'])], servant: [u(['/apis/v1/foo', '/apis/v1'], ['get'])], covered: true, uncovered: [] },
  {
    name: 'NonResourceURLsWithOtherFields',
    owner: [{ ...r(['v1'], ['get'], ['builds']), nonResourceURLs: ['/apis'] }],
    servant: [{ ...r(['v1'], ['get'], ['builds']), nonResourceURLs: ['/apis'] }],
    covered: true,
    uncovered: [],
  },
  {
    name: 'NonResourceURLsWithOtherFieldsFailure',
    owner: [r(['v1'], ['get'], ['builds'])],
    servant: [{ ...r(['v1'], ['get'], ['builds']), nonResourceURLs: ['/apis'] }],
    covered: false,
    uncovered: [u(['/apis'], ['get'])],
  },
];

/** The rule with its fields in one order, so rules compare whatever order they were written in. */
const canonical = (p: PolicyRule): string => JSON.stringify([p.apiGroups, p.resources, p.resourceNames, p.nonResourceURLs, p.verbs]);

for (const c of cases) {
  test(`TestCovers${c.name} (policy_comparator_test.go)`, () => {
    const got = covers(c.owner, c.servant);
    assert.is(got.covered, c.covered);
    // rulesMatch: the same rules, in any order
    assert.is(got.uncovered.length, c.uncovered.length);
    for (const want of c.uncovered) assert.ok(got.uncovered.some((g) => canonical(g) === canonical(want)), `missing ${JSON.stringify(want)}`);
  });
}

test('TestNonResourceURLCovers (policy_comparator_test.go)', () => {
  const table: [string, string, boolean][] = [
    ['*', '', true],
    ['*', '/', true],
    ['*', '/api', true],
    ['/*', '', false],
    ['/*', '/', true],
    ['/*', '/foo', true],
    ['/api', '/api', true],
    ['/apis', '/api', false],
    ['/api/v1', '/api', false],
    ['/api/v1', '/api/v1', true],
    ['/api/*', '/api/v1', true],
    ['/api/*', '/api', false],
    ['/api/*/*', '/api/v1', false],
    ['/*/v1/*', '/api/v1', false],
  ];
  for (const [owner, requested, want] of table) assert.is(nonResourceURLCovers(owner, requested), want, `nonResourceURLCovers(${owner}, ${requested})`);
});

test('CompactRules (policy_compact.go): simple rules merge their verbs per group/resource, others stay', () => {
  const out = compactRules([r([''], ['get'], ['pods']), r([''], ['list'], ['pods']), r(['apps'], ['get'], ['pods']), r([''], ['get'], ['pods'], ['x']), u(['/x'], ['get'])]);
  assert.equal(out, [r([''], ['get'], ['pods'], ['x']), u(['/x'], ['get']), r([''], ['get', 'list'], ['pods']), r(['apps'], ['get'], ['pods'])]);
});

test.run();
