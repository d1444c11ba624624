// Discovery routing and negotiation (the documents themselves are tested in the api package).
import { aggregatedDiscoveryMediaType, resources } from '@tlsboot/api';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { serveDiscovery } from './discovery.js';

test('the aggregated form only when asked for, with its media type', () => {
  const agg = serveDiscovery('/apis', `${aggregatedDiscoveryMediaType},application/json`, resources, '127.0.0.1:6443')!;
  assert.is(agg.contentType, aggregatedDiscoveryMediaType);
  assert.is((agg.body as { kind: string }).kind, 'APIGroupDiscoveryList');
  const legacy = serveDiscovery('/apis', 'application/json', resources, '127.0.0.1:6443')!;
  assert.is(legacy.contentType, 'application/json');
  assert.is((legacy.body as { kind: string }).kind, 'APIGroupList');
  assert.equal((serveDiscovery('/api/', undefined, resources, 'h:1')!.body as { serverAddressByClientCIDRs: unknown }).serverAddressByClientCIDRs, [{ clientCIDR: '0.0.0.0/0', serverAddress: 'h:1' }]);
});

test('group and group-version documents; unknown ones are undefined', () => {
  assert.is((serveDiscovery('/apis/rbac.authorization.k8s.io', undefined, resources, 'h:1')!.body as { kind: string }).kind, 'APIGroup');
  assert.is((serveDiscovery('/apis/coordination.k8s.io/v1', undefined, resources, 'h:1')!.body as { groupVersion: string }).groupVersion, 'coordination.k8s.io/v1');
  assert.is(serveDiscovery('/apis/nothing.example/v1', undefined, resources, 'h:1'), undefined);
  assert.is(serveDiscovery('/api/v2', undefined, resources, 'h:1'), undefined);
  assert.is(serveDiscovery('/healthz', undefined, resources, 'h:1'), undefined);
});

test.run();
