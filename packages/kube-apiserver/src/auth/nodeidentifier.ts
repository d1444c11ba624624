/**
 * The default NodeIdentifier (kubernetes/kubernetes: pkg/auth/nodeidentifier/default.go): a user
 * is a node when its name starts with `system:node:` AND its groups contain `system:nodes`; the
 * node name is what follows the prefix and may be empty (an "unknown node", which the Node
 * authorizer and NodeRestriction refuse with their own messages). Shared by both.
 */
import { nodeUserNamePrefix, nodesGroup } from '@tlsboot/api';

/** The identity fields NodeIdentity reads (user.Info). */
export interface NodeIdentityUser {
  name: string;
  groups: readonly string[];
}

export interface NodeIdentity {
  /** The node name; '' when not a node, or a node user named exactly `system:node:`. */
  name: string;
  isNode: boolean;
}

export function nodeIdentity(user: NodeIdentityUser | undefined | null): NodeIdentity {
  if (user === undefined || user === null || !user.name.startsWith(nodeUserNamePrefix)) return { name: '', isNode: false };
  if (!user.groups.includes(nodesGroup)) return { name: '', isNode: false };
  return { name: user.name.slice(nodeUserNamePrefix.length), isNode: true };
}
