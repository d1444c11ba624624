/**
 * `tlsboot token create`: what `kubeadm token create` does (cmd/kubeadm/app/cmd/token.go
 * RunCreateToken; phases/bootstraptoken/node/token.go CreateNewTokens; apiclient
 * CreateOrUpdateSecret): check the token argument, default and validate the token as kubeadm's
 * configuration does (TTL 24h, usages signing and authentication, group
 * system:bootstrappers:kubeadm:default-node-token), refuse an id that exists, then write the
 * `kube-system/bootstrap-token-<id>` Secret through the API with the admin credentials and return
 * the token.
 */
import {
  bootstrapTokenSecretName,
  bootstrapTokenToSecret,
  defaultTokenDurationMs,
  defaultTokenGroups,
  defaultTokenUsages,
  generateBootstrapToken,
  goQuote,
  isAlreadyExists,
  namespaceSystem,
  newBootstrapTokenString,
} from '@tlsboot/api';
import type { Secret } from '@tlsboot/api';
import { secrets } from '@tlsboot/client';
import type { RestClient } from '@tlsboot/client';
import { errorMessage, realClock, systemRandom } from '@tlsboot/util';
import type { Random } from '@tlsboot/util';
import { adminClient, unreachableHint } from './admin-client.js';
import type { TokenCommandOptions } from './admin-client.js';
import { TokenError } from './errors.js';
import { validateBootstrapToken } from './validate-token.js';

export interface CreateTokenOptions extends TokenCommandOptions {
  /** The token to write, `[a-z0-9]{6}.[a-z0-9]{16}`; a random one when absent. */
  token?: string;
  /** `--ttl`: default 24h; 0 or less never expires. */
  ttlMs?: number;
  /** `--usages`: default signing, authentication. */
  usages?: readonly string[];
  /** `--groups`: default system:bootstrappers:kubeadm:default-node-token. */
  groups?: readonly string[];
  /** `--description`. */
  description?: string;
  /** The clock the TTL counts from (kubeadm: the machine's time.Now()); default the wall clock. */
  now?: () => Date;
  /** Where a generated token comes from; default the system's randomness. */
  random?: Random;
  /** An admin client to use (the scenario runner's) instead of one from `workdir`'s admin.kubeconfig; not closed. */
  client?: RestClient;
}

export async function createToken(options: CreateTokenOptions): Promise<string> {
  let given: { id: string; secret: string } | undefined;
  if (options.token !== undefined && options.token !== '') {
    try {
      given = newBootstrapTokenString(options.token);
    } catch (err) {
      throw new TokenError('INVALID_ARGUMENT', errorMessage(err), { cause: err });
    }
  }
  const client = options.client ?? (await adminClient(options));
  try {
    const token = given ?? newBootstrapTokenString(generateBootstrapToken(options.random ?? systemRandom()));
    const usages = [...(options.usages ?? defaultTokenUsages)];
    const groups = [...(options.groups ?? defaultTokenGroups)];
    const problem = validateBootstrapToken({ token: `${token.id}.${token.secret}`, usages, groups });
    if (problem !== undefined) throw new TokenError('INVALID_ARGUMENT', problem);

    const api = secrets<Secret>(client, namespaceSystem);
    const name = bootstrapTokenSecretName(token.id);
    const existing = await api.get(name).catch(() => undefined); // kubeadm only refuses when the GET succeeds
    if (existing !== undefined) throw new TokenError('EXISTS', `a token with id ${goQuote(token.id)} already exists`);

    const secret = bootstrapTokenToSecret(
      { token, ttlMs: options.ttlMs ?? defaultTokenDurationMs, usages, groups, ...(options.description ? { description: options.description } : {}) },
      (options.now ?? (() => realClock.now()))(),
    );
    try {
      await api.create(secret);
    } catch (err) {
      if (!isAlreadyExists(err)) throw wrapCreate(name, 'create', err, options.workdir);
      try {
        await api.update(secret);
      } catch (updateErr) {
        throw wrapCreate(name, 'update', updateErr, options.workdir);
      }
    }
    return `${token.id}.${token.secret}`;
  } finally {
    if (client !== options.client) await client.close();
  }
}

function wrapCreate(name: string, verb: 'create' | 'update', err: unknown, workdir: string): TokenError {
  return new TokenError(
    'API',
    `failed to create or update bootstrap token with name ${name}: unable to ${verb} Secret: ${errorMessage(err)}${unreachableHint(err, workdir)}`,
    { cause: err },
  );
}
