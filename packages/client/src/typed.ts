// Typed access to one resource, in the spirit of client-go's generated clientsets
// (k8s.io/client-go/kubernetes/typed/<group>/<version>/<resource>.go and gentype/type.go):
// get, list, create, update, updateStatus, patch, delete and watch on one resource of the
// resource table, optionally in one namespace. The object type is the caller's.
import type {
  CertificateSigningRequest,
  ConfigMap,
  EndpointSlice,
  Event,
  GroupResource,
  KubeList,
  KubeObject,
  Lease,
  Namespace,
  Node,
  Pod,
  ResourceInfo,
  Secret,
  Service,
  ServiceAccount,
  Status,
  WatchEvent,
} from '@tlsboot/api';
import { lookupResource } from '@tlsboot/api';
import { ClientError } from './errors.js';
import { newInformer } from './informer.js';
import type { Informer, InformerOptions } from './informer.js';
import type { Selectors } from './list-watch.js';
import { resourcePath } from './resource-path.js';
import type { DeleteOptions, ListOptions, PatchType, RequestOptions, RestClient } from './rest-client.js';
import { watch } from './watch.js';
import type { WatchOptions } from './watch.js';

/** What a typed client needs of a resource-table entry. */
export type ResourceRef = Pick<ResourceInfo, 'group' | 'version' | 'resource' | 'namespaced'>;

type CallOptions = Omit<RequestOptions, 'body' | 'resource' | 'name'>;

export class ResourceClient<T extends KubeObject = KubeObject> {
  private readonly gr: GroupResource;

  /**
   * `namespace`: for namespaced resources, the namespace every call works in; leave it out to
   * list and watch across all namespaces (calls on one object then take the object's namespace
   * or fail). Ignored for cluster-scoped resources.
   */
  constructor(
    readonly client: RestClient,
    readonly info: ResourceRef,
    readonly namespace?: string,
  ) {
    this.gr = { group: info.group, resource: info.resource };
  }

  /** The collection path, or one object's (and subresource's) path. */
  path(name?: string, subresource?: string, namespace = this.namespace): string {
    const parts: Parameters<typeof resourcePath>[0] = { group: this.info.group, version: this.info.version, resource: this.info.resource };
    if (this.info.namespaced && namespace) parts.namespace = namespace;
    if (name !== undefined) parts.name = name;
    if (subresource !== undefined) parts.subresource = subresource;
    return resourcePath(parts);
  }

  /** The path of one object; namespaced resources need a namespace from the client or the object. */
  private objectPath(name: string, namespace: string | undefined, subresource?: string): string {
    const ns = this.namespace ?? namespace;
    if (this.info.namespaced && !ns) {
      throw new ClientError('REQUEST_INVALID', `${this.info.resource} ${JSON.stringify(name)}: a namespace is required for a namespaced resource`);
    }
    return this.path(name, subresource, ns);
  }

  private target(name?: string): Pick<RequestOptions, 'resource' | 'name'> {
    return name ? { resource: this.gr, name } : { resource: this.gr };
  }

  get(name: string, options: CallOptions = {}): Promise<T> {
    return this.client.get<T>(this.objectPath(name, undefined), { ...options, ...this.target(name) });
  }

  list(list?: ListOptions, options: CallOptions = {}): Promise<KubeList<T>> {
    return this.client.list<KubeList<T>>(this.path(), list, { ...options, ...this.target() });
  }

  /** POST to the collection of the object's namespace (or the client's). */
  create(obj: T, options: CallOptions = {}): Promise<T> {
    const ns = this.namespace ?? obj.metadata?.namespace;
    if (this.info.namespaced && !ns) throw new ClientError('REQUEST_INVALID', `${this.info.resource}: a namespace is required for a namespaced resource`);
    return this.client.create<T>(this.path(undefined, undefined, ns), obj, { ...options, ...this.target() });
  }

  /** PUT the whole object (its metadata.resourceVersion makes it conditional). */
  update(obj: T, options: CallOptions = {}): Promise<T> {
    const name = this.nameOf(obj);
    return this.client.update<T>(this.objectPath(name, obj.metadata.namespace), obj, { ...options, ...this.target(name) });
  }

  /** PUT to a subresource: `status`, `approval`. */
  updateSubresource(obj: T, subresource: string, options: CallOptions = {}): Promise<T> {
    const name = this.nameOf(obj);
    return this.client.update<T>(this.objectPath(name, obj.metadata.namespace, subresource), obj, { ...options, ...this.target(name) });
  }

  updateStatus(obj: T, options: CallOptions = {}): Promise<T> {
    return this.updateSubresource(obj, 'status', options);
  }

  patch(name: string, patch: unknown, type: PatchType, options: CallOptions & { subresource?: string } = {}): Promise<T> {
    const { subresource, ...rest } = options;
    return this.client.patch<T>(this.objectPath(name, undefined, subresource), patch, type, { ...rest, ...this.target(name) });
  }

  /** The deleted object, or the Success Status the server answers for most resources. */
  delete(name: string, deleteOptions?: DeleteOptions, options: CallOptions = {}): Promise<T | Status> {
    return this.client.delete<T | Status>(this.objectPath(name, undefined), deleteOptions, { ...options, ...this.target(name) });
  }

  watch(options: WatchOptions = {}, signal?: AbortSignal): AsyncGenerator<WatchEvent<T>, void, undefined> {
    return watch<T>(this.client, this.path(), options, signal);
  }

  /** An informer over this resource (in this namespace, or all of them). */
  informer(options: InformerOptions & Selectors): Informer<T> {
    return newInformer<T>(this.client, this.path(), { name: this.info.resource, ...options });
  }

  private nameOf(obj: T): string {
    const name = obj.metadata?.name;
    if (!name) throw new ClientError('REQUEST_INVALID', `${this.info.resource}: the object has no metadata.name`);
    return name;
  }
}

function tableEntry(group: string, version: string, resource: string): ResourceRef {
  const info = lookupResource(group, version, resource);
  if (!info) throw new ClientError('REQUEST_INVALID', `the resource table has no ${resource} in ${group || 'core'}/${version}`);
  return info;
}

/** A typed client for any entry of the resource table. */
export function resourceClient<T extends KubeObject = KubeObject>(client: RestClient, info: ResourceRef, namespace?: string): ResourceClient<T> {
  return new ResourceClient<T>(client, info, namespace);
}

export const namespaces = <T extends KubeObject = Namespace>(c: RestClient) => new ResourceClient<T>(c, tableEntry('', 'v1', 'namespaces'));
export const nodes = <T extends KubeObject = Node>(c: RestClient) => new ResourceClient<T>(c, tableEntry('', 'v1', 'nodes'));
export const secrets = <T extends KubeObject = Secret>(c: RestClient, ns?: string) => new ResourceClient<T>(c, tableEntry('', 'v1', 'secrets'), ns);
export const configMaps = <T extends KubeObject = ConfigMap>(c: RestClient, ns?: string) =>
  new ResourceClient<T>(c, tableEntry('', 'v1', 'configmaps'), ns);
export const serviceAccounts = <T extends KubeObject = ServiceAccount>(c: RestClient, ns?: string) =>
  new ResourceClient<T>(c, tableEntry('', 'v1', 'serviceaccounts'), ns);
export const pods = <T extends KubeObject = Pod>(c: RestClient, ns?: string) => new ResourceClient<T>(c, tableEntry('', 'v1', 'pods'), ns);
export const services = <T extends KubeObject = Service>(c: RestClient, ns?: string) => new ResourceClient<T>(c, tableEntry('', 'v1', 'services'), ns);
export const events = <T extends KubeObject = Event>(c: RestClient, ns?: string) => new ResourceClient<T>(c, tableEntry('', 'v1', 'events'), ns);
export const leases = <T extends KubeObject = Lease>(c: RestClient, ns?: string) =>
  new ResourceClient<T>(c, tableEntry('coordination.k8s.io', 'v1', 'leases'), ns);
export const endpointSlices = <T extends KubeObject = EndpointSlice>(c: RestClient, ns?: string) =>
  new ResourceClient<T>(c, tableEntry('discovery.k8s.io', 'v1', 'endpointslices'), ns);
export const certificateSigningRequests = <T extends KubeObject = CertificateSigningRequest>(c: RestClient) =>
  new ResourceClient<T>(c, tableEntry('certificates.k8s.io', 'v1', 'certificatesigningrequests'));
