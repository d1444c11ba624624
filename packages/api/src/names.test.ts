/**
 * k8s.io/apimachinery/pkg/api/validation/generic.go and path/name.go; name generation as
 * k8s.io/apiserver/pkg/storage/names/generate.go (reference/k8s-csr-kubelet.md §1.7).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SeededRandom, kubernetesRandAlphabet } from '@tlsboot/util';
import {
  generateName,
  isValidPathSegmentName,
  maskTrailingDash,
  maxGeneratedNameLength,
  nameIsDNS1035Label,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
  validateNamespaceName,
  validatePathSegmentName,
} from './names.js';

test('maskTrailingDash replaces the last two characters, as upstream', () => {
  assert.is(maskTrailingDash('csr-'), 'csa');
  assert.is(maskTrailingDash('-'), '-');
  assert.is(maskTrailingDash('abc'), 'abc');
});

test('a generateName prefix may end in a dash; a name may not', () => {
  assert.equal(nameIsDNSSubdomain('csr-', true), []);
  assert.is(nameIsDNSSubdomain('csr-', false).length, 1);
  assert.equal(nameIsDNSLabel('kube-', true), []);
  assert.equal(validateNamespaceName('kube-system', false), []);
  assert.equal(validateNamespaceName('a.b', false), ['must not contain dots']);
  assert.equal(nameIsDNS1035Label('svc-', true), []);
  assert.is(nameIsDNS1035Label('1svc', false).length, 1);
});

test('path segment names: not . or .., no / or %', () => {
  assert.equal(isValidPathSegmentName('.'), ["may not be '.'"]);
  assert.equal(isValidPathSegmentName('..'), ["may not be '..'"]);
  assert.equal(isValidPathSegmentName('a/b%c'), ["may not contain '/'", "may not contain '%'"]);
  assert.equal(isValidPathSegmentName('node-csr-Ab_C'), []);
  assert.equal(validatePathSegmentName('..', true), []);
  assert.equal(validatePathSegmentName('a%', true), ["may not contain '%'"]);
  assert.equal(validatePathSegmentName('..', false), ["may not be '..'"]);
});

test('generateName: prefix + 5 characters of the Kubernetes alphabet, seeded', () => {
  const a = generateName('csr-', new SeededRandom(7));
  const b = generateName('csr-', new SeededRandom(7));
  assert.is(a, b);
  assert.match(a, new RegExp(`^csr-[${kubernetesRandAlphabet}]{5}$`));
  assert.is.not(generateName('csr-', new SeededRandom(8)), a);
});

test('generateName: a long prefix is cut to 58 so the name stays at 63', () => {
  assert.is(maxGeneratedNameLength, 58);
  const name = generateName('x'.repeat(100), new SeededRandom(1));
  assert.is(name.length, 63);
  assert.ok(name.startsWith('x'.repeat(58)));
  assert.is.not(name[58], 'x');
});

test.run();
