/**
 * The discovery endpoints (k8s.io/apiserver/pkg/endpoints/discovery and discovery/aggregated):
 * `/api` and `/apis` in the aggregated apidiscovery.k8s.io/v2 form when the client asks for it
 * (kubectl 1.32 does, first), otherwise the legacy APIVersions / APIGroupList; `/api/v1`,
 * `/apis/<group>` and `/apis/<group>/<version>`. The documents come from the api package's
 * builders over the served resource table.
 */
import { aggregatedDiscoveryMediaType, apiGroup, apiGroupDiscoveryList, apiGroupList, apiResourceList, apiVersions } from '@tlsboot/api';
import type { ResourceInfo } from '@tlsboot/api';
import { negotiateOutput } from '../handlers/negotiation.js';

export interface DiscoveryAnswer {
  body: unknown;
  contentType: string;
}

/**
 * The discovery document at `path`, or undefined when the path is not a discovery path (or names
 * a group or version that is not served). `serverAddress` is the `host:port` reported in
 * serverAddressByClientCIDRs.
 */
export function serveDiscovery(path: string, accept: string | undefined, table: readonly ResourceInfo[], serverAddress: string): DiscoveryAnswer | undefined {
  const p = path.length > 1 ? path.replace(/\/+$/, '') : path;
  if (p === '/api' || p === '/apis') {
    if (negotiateOutput(accept, { aggregatedDiscovery: true }) === 'discovery') {
      return { body: apiGroupDiscoveryList(p, table), contentType: aggregatedDiscoveryMediaType };
    }
    const body = p === '/api' ? apiVersions([{ clientCIDR: '0.0.0.0/0', serverAddress }]) : apiGroupList(table);
    return { body, contentType: 'application/json' };
  }
  const parts = p.split('/').filter((s) => s !== '');
  if (parts[0] === 'api' && parts.length === 2) {
    negotiateOutput(accept);
    const list = apiResourceList(parts[1]!, table);
    return list && { body: list, contentType: 'application/json' };
  }
  if (parts[0] === 'apis' && parts.length === 2) {
    negotiateOutput(accept);
    const group = apiGroup(parts[1]!, table);
    return group && { body: group, contentType: 'application/json' };
  }
  if (parts[0] === 'apis' && parts.length === 3) {
    negotiateOutput(accept);
    const list = apiResourceList(`${parts[1]}/${parts[2]}`, table);
    return list && { body: list, contentType: 'application/json' };
  }
  return undefined;
}
