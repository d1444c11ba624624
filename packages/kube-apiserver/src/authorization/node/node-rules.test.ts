// The Node authorizer's static rules equal bootstrappolicy.NodeRules() (kubernetes/kubernetes:
// plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go), as the RBAC helper's copy gives it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { PolicyRule } from '@tlsboot/api';
import { nodeRules as bootstrapNodeRules } from '../rbac/bootstrappolicy/node-rules.js';
import { nodeRules } from './node-rules.js';

const normal = (r: PolicyRule) => ({
  verbs: [...r.verbs].sort(),
  apiGroups: [...(r.apiGroups ?? [])].sort(),
  resources: [...(r.resources ?? [])].sort(),
  resourceNames: [...(r.resourceNames ?? [])].sort(),
  nonResourceURLs: [...(r.nonResourceURLs ?? [])].sort(),
});

test('policy.go NodeRules(): the Node authorizer rules are the system:node rules, in order', () => {
  assert.equal(nodeRules.map(normal), bootstrapNodeRules().map(normal));
});

test.run();
