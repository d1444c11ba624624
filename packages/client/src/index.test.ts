// The public surface of @tlsboot/client, used the way README.md shows it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as client from './index.js';

test('index exports the documented surface, and nothing internal', () => {
  assert.equal(Object.keys(client).sort(), [
    'ClientError',
    'CsrError',
    'DelayingQueue',
    'ExponentialBackoffManager',
    'Informer',
    'Queue',
    'RateLimitingQueue',
    'Reflector',
    'ResourceClient',
    'RestClient',
    'bucketRateLimiter',
    'buildKubeconfig',
    'certificateSigningRequests',
    'certificateWaitDecision',
    'configMaps',
    'createsThroughV1',
    'decodeWatchEvent',
    'defaultControllerRateLimiter',
    'defaultPageSize',
    'durationToExpirationSeconds',
    'emptyKubeconfig',
    'encodeQuery',
    'endpointSlices',
    'ensureCompatible',
    'errorFromResponse',
    'events',
    'exponentialFailureRateLimiter',
    'groupVersionPath',
    'itemFastSlowRateLimiter',
    'leases',
    'listAllPages',
    'listWatchFor',
    'loadKubeconfig',
    'maxOfRateLimiter',
    'metaNamespaceKey',
    'nameFieldSelector',
    'namespaces',
    'newCertificateSigningRequest',
    'newGenericServerResponse',
    'newInformer',
    'nodes',
    'parseKubeconfig',
    'patchContentTypes',
    'pods',
    'requestCertificate',
    'resolveContext',
    'resolveLocalPaths',
    'resourceClient',
    'resourcePath',
    'restClientFromKubeconfig',
    'restClientOptions',
    'secrets',
    'serializeKubeconfig',
    'serviceAccounts',
    'services',
    'setCluster',
    'setContext',
    'setCredentials',
    'useContext',
    'waitForCertificate',
    'watch',
    'withMaxWaitRateLimiter',
    'writeKubeconfig',
  ]);
});

test('the README example: build, write, load and resolve a kubeconfig', async () => {
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const path = join(mkdtempSync(join(tmpdir(), 'tlsboot-readme-')), 'admin.kubeconfig');
  const caPem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
  await client.writeKubeconfig(
    path,
    client.buildKubeconfig({ server: 'https://127.0.0.1:6443', caPem, token: 't0k3n', user: 'admin', cluster: 'tlsboot', context: 'admin@tlsboot' }),
  );
  const ctx = await client.resolveContext(await client.loadKubeconfig(path));
  assert.equal([ctx.server, ctx.ca, ctx.token, ctx.namespace], ['https://127.0.0.1:6443', caPem, 't0k3n', 'default']);
});

test.run();
