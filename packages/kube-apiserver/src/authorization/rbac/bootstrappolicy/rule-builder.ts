// The builders the default policy is written with (kubernetes/kubernetes pkg/apis/rbac/v1/helpers.go:
// NewRule(...).Groups(...).Resources(...).Names(...).URLs(...).RuleOrDie(), NewClusterBinding,
// NewRoleBinding), and addDefaultMetadata of plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go.
// Groups, resources, names and URLs are combined as sets; RuleOrDie sorts every list, which is why
// the golden testdata/*.yaml lists `- ""` before `- events.k8s.io` and `create` before `get`.
import { rbacGroup } from '@tlsboot/api';
import type { ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding, Subject } from '@tlsboot/api';

/** Label and Annotation of policy.go: every default object carries both. */
export const bootstrappingLabel = { 'kubernetes.io/bootstrapping': 'rbac-defaults' } as const;
/** rbacv1.AutoUpdateAnnotationKey: "false" on an existing object stops the reconcile at start. */
export const autoUpdateAnnotationKey = 'rbac.authorization.kubernetes.io/autoupdate';

export const rbacApiVersion = 'rbac.authorization.k8s.io/v1';

/** Go's sort.Strings over a set: byte order, no duplicates (all names here are ASCII). */
function sortedSet(values: readonly string[]): string[] {
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** PolicyRuleBuilder. */
export class PolicyRuleBuilder {
  #verbs: string[];
  #groups: string[] = [];
  #resources: string[] = [];
  #names: string[] = [];
  #urls: string[] = [];

  constructor(verbs: readonly string[]) {
    this.#verbs = [...verbs];
  }

  groups(...groups: string[]): this {
    this.#groups = sortedSet([...this.#groups, ...groups]);
    return this;
  }

  resources(...resources: string[]): this {
    this.#resources = sortedSet([...this.#resources, ...resources]);
    return this;
  }

  names(...names: string[]): this {
    this.#names = sortedSet([...this.#names, ...names]);
    return this;
  }

  urls(...urls: string[]): this {
    this.#urls = sortedSet([...this.#urls, ...urls]);
    return this;
  }

  /**
   * RuleOrDie: a rule with verbs and either resources (then with groups) or non-resource URLs
   * (then with nothing else); every list sorted. A malformed rule is a programming error.
   */
  rule(): PolicyRule {
    if (this.#verbs.length === 0) throw new Error('verbs are required');
    if (this.#urls.length > 0) {
      if (this.#groups.length + this.#resources.length + this.#names.length > 0) throw new Error('non-resource rule may not have apiGroups, resources, or resourceNames');
      return { verbs: sortedSet(this.#verbs), nonResourceURLs: this.#urls };
    }
    if (this.#resources.length === 0) throw new Error('a rule must have either nonResourceURLs or resources');
    if (this.#groups.length === 0) throw new Error('resource rule must have apiGroups');
    const rule: PolicyRule = { verbs: sortedSet(this.#verbs), apiGroups: this.#groups, resources: this.#resources };
    if (this.#names.length > 0) rule.resourceNames = this.#names;
    return rule;
  }
}

/** rbacv1helpers.NewRule(verbs...). */
export function newRule(...verbs: string[]): PolicyRuleBuilder {
  return new PolicyRuleBuilder(verbs);
}

/** Subjects in the order the builder calls add them (Users(), Groups(), SAs()). */
class SubjectsBuilder {
  protected subjects: Subject[] = [];

  users(...users: string[]): this {
    for (const name of users) this.subjects.push({ kind: 'User', apiGroup: rbacGroup, name });
    return this;
  }

  groups(...groups: string[]): this {
    for (const name of groups) this.subjects.push({ kind: 'Group', apiGroup: rbacGroup, name });
    return this;
  }

  /** ServiceAccount subjects carry no apiGroup. */
  sas(namespace: string, ...names: string[]): this {
    for (const name of names) this.subjects.push({ kind: 'ServiceAccount', name, namespace });
    return this;
  }

  protected checked(): Subject[] {
    if (this.subjects.length === 0) throw new Error('subjects are required');
    return this.subjects;
  }
}

/** NewClusterBinding(clusterRoleName): a ClusterRoleBinding named after its ClusterRole. */
export class ClusterRoleBindingBuilder extends SubjectsBuilder {
  constructor(readonly clusterRoleName: string) {
    super();
  }

  binding(): ClusterRoleBinding {
    return {
      apiVersion: rbacApiVersion,
      kind: 'ClusterRoleBinding',
      metadata: { name: this.clusterRoleName },
      subjects: this.checked(),
      roleRef: { apiGroup: rbacGroup, kind: 'ClusterRole', name: this.clusterRoleName },
    };
  }
}

export function newClusterBinding(clusterRoleName: string): ClusterRoleBindingBuilder {
  return new ClusterRoleBindingBuilder(clusterRoleName);
}

/** NewRoleBinding(roleName, namespace): a RoleBinding named after its Role. */
export class RoleBindingBuilder extends SubjectsBuilder {
  constructor(
    readonly roleName: string,
    readonly namespace: string,
  ) {
    super();
  }

  binding(name: string = this.roleName): RoleBinding {
    return {
      apiVersion: rbacApiVersion,
      kind: 'RoleBinding',
      metadata: { name, namespace: this.namespace },
      subjects: this.checked(),
      roleRef: { apiGroup: rbacGroup, kind: 'Role', name: this.roleName },
    };
  }
}

export function newRoleBinding(roleName: string, namespace: string): RoleBindingBuilder {
  return new RoleBindingBuilder(roleName, namespace);
}

/** A map with its keys in Go's order (encoding/json and the YAML printer sort map keys). */
function sortedMap(map: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** addDefaultMetadata: the bootstrapping label and the autoupdate annotation, merged into the object's own. */
export function withDefaultMetadata<T extends ClusterRole | ClusterRoleBinding | Role | RoleBinding>(obj: T): T {
  obj.metadata.labels = sortedMap({ ...obj.metadata.labels, ...bootstrappingLabel });
  obj.metadata.annotations = sortedMap({ ...obj.metadata.annotations, [autoUpdateAnnotationKey]: 'true' });
  return obj;
}

/** A default ClusterRole as policy.go declares one (rules absent for a purely aggregated role). */
export function clusterRole(name: string, rules: PolicyRule[] | undefined, extra: Pick<ClusterRole, 'aggregationRule'> & { labels?: Record<string, string> } = {}): ClusterRole {
  const role: ClusterRole = { apiVersion: rbacApiVersion, kind: 'ClusterRole', metadata: { name } };
  if (extra.labels) role.metadata.labels = extra.labels;
  if (rules !== undefined) role.rules = rules;
  if (extra.aggregationRule) role.aggregationRule = extra.aggregationRule;
  return role;
}

/** A default namespaced Role. */
export function role(namespace: string, name: string, rules: PolicyRule[]): Role {
  return { apiVersion: rbacApiVersion, kind: 'Role', metadata: { name, namespace }, rules };
}
