import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { negotiateInput, negotiateOutput, negotiatePatchType, parseAccept } from './negotiation.js';

const kubectlGet = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
const kubectlDiscovery =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

test('kubectl get asks for a Table first', () => {
  assert.is(negotiateOutput(kubectlGet, { table: true }), 'table');
  // an endpoint without tables falls through to plain JSON
  assert.is(negotiateOutput(kubectlGet), 'json');
});

test('kubectl discovery asks for the aggregated document first', () => {
  assert.is(negotiateOutput(kubectlDiscovery, { aggregatedDiscovery: true }), 'discovery');
  assert.is(negotiateOutput(kubectlDiscovery), 'json');
  // v2beta1 alone is not served: legacy JSON
  assert.is(negotiateOutput('application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json', { aggregatedDiscovery: true }), 'json');
});

test('empty, wildcard, yaml and q-values', () => {
  assert.is(negotiateOutput(undefined), 'json');
  assert.is(negotiateOutput('*/*'), 'json');
  assert.is(negotiateOutput('application/yaml'), 'yaml');
  assert.is(negotiateOutput('application/yaml;q=0.5, application/json'), 'json');
  assert.equal(parseAccept('a/b;q=0, c/d').map((r) => r.type), ['c']);
});

test('protobuf only is 406 with the upstream message', () => {
  try {
    negotiateOutput('application/vnd.kubernetes.protobuf');
    assert.unreachable();
  } catch (err) {
    assert.is((err as Error).message, 'only the following media types are accepted: application/json, application/yaml');
    assert.is((err as { statusCode: number }).statusCode, 406);
  }
});

test('a remembered answer is per endpoint kind, and a 406 stays a 406', () => {
  for (let i = 0; i < 3; i++) {
    assert.is(negotiateOutput(kubectlGet, { table: true }), 'table');
    assert.is(negotiateOutput(kubectlGet, { aggregatedDiscovery: true }), 'json');
    assert.is(negotiateOutput(kubectlDiscovery, { aggregatedDiscovery: true }), 'discovery');
    assert.throws(() => negotiateOutput('application/vnd.kubernetes.protobuf', { table: true }), (err: { statusCode?: number }) => err.statusCode === 406);
  }
});

test('request bodies: JSON by default, YAML, 415 for the rest', () => {
  assert.is(negotiateInput(undefined), 'json');
  assert.is(negotiateInput('application/json; charset=utf-8'), 'json');
  assert.is(negotiateInput('application/yaml'), 'yaml');
  assert.is(negotiateInput('application/vnd.kubernetes.protobuf'), 'protobuf');
  assert.throws(() => negotiateInput('text/plain'), /the body of the request was in an unknown format - accepted media types include: application\/json, application\/yaml/);
  assert.is(negotiatePatchType('application/merge-patch+json'), 'application/merge-patch+json');
  assert.throws(() => negotiatePatchType('application/json'), /accepted media types include: application\/json-patch\+json, application\/merge-patch\+json, application\/strategic-merge-patch\+json/);
});

test.run();
