// pkg/auth/nodeidentifier/default_test.go TestDefaultNodeIdentifier_NodeIdentity, ported.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { nodeIdentity } from './nodeidentifier.js';

const cases: { name: string; user: { name: string; groups: string[] } | null; expectNodeName: string; expectIsNode: boolean }[] = [
  { name: 'nil user', user: null, expectNodeName: '', expectIsNode: false },
  { name: 'node username without group', user: { name: 'system:node:foo', groups: [] }, expectNodeName: '', expectIsNode: false },
  { name: 'node group without username', user: { name: 'foo', groups: ['system:nodes'] }, expectNodeName: '', expectIsNode: false },
  { name: 'node group and username', user: { name: 'system:node:foo', groups: ['system:nodes'] }, expectNodeName: 'foo', expectIsNode: true },
  // not in the upstream table: what default.go gives for the bare prefix (the "unknown node" case)
  { name: 'bare prefix in system:nodes is a node with no name', user: { name: 'system:node:', groups: ['system:nodes'] }, expectNodeName: '', expectIsNode: true },
  { name: 'prefix match is case-sensitive', user: { name: 'System:Node:foo', groups: ['system:nodes'] }, expectNodeName: '', expectIsNode: false },
];

for (const c of cases) {
  test(`default_test.go NodeIdentity: ${c.name}`, () => {
    assert.equal(nodeIdentity(c.user), { name: c.expectNodeName, isNode: c.expectIsNode });
  });
}

test.run();
