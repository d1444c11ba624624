/**
 * `tlsboot token list`: what `kubeadm token list` does (cmd/kubeadm/app/cmd/token.go
 * RunListTokens): list the Secrets of kube-system with the field selector
 * `type=bootstrap.kubernetes.io/token`, read each with BootstrapTokenFromSecret, and print the
 * readable ones; a Secret kubeadm cannot read is reported on its own and skipped.
 */
import { bootstrapTokenFromSecret, namespaceSystem, secretTypeBootstrapToken } from '@tlsboot/api';
import type { BootstrapToken, Secret } from '@tlsboot/api';
import { secrets } from '@tlsboot/client';
import { errorMessage } from '@tlsboot/util';
import { adminClient, unreachableHint } from './admin-client.js';
import type { TokenCommandOptions } from './admin-client.js';
import { TokenError } from './errors.js';

export interface TokenList {
  /** The readable tokens, in the order the API listed their Secrets. */
  tokens: BootstrapToken[];
  /** One message per Secret that could not be read as a token (kubeadm prints these to stderr). */
  errors: string[];
}

export async function listTokens(options: TokenCommandOptions): Promise<TokenList> {
  const client = await adminClient(options);
  try {
    let items: Secret[];
    try {
      items = (await secrets<Secret>(client, namespaceSystem).list({ fieldSelector: `type=${secretTypeBootstrapToken}` })).items;
    } catch (err) {
      throw new TokenError('API', `failed to list bootstrap tokens: ${errorMessage(err)}${unreachableHint(err, options.workdir)}`, { cause: err });
    }
    const result: TokenList = { tokens: [], errors: [] };
    for (const secret of items) {
      try {
        result.tokens.push(bootstrapTokenFromSecret(secret));
      } catch (err) {
        result.errors.push(errorMessage(err));
      }
    }
    return result;
  } finally {
    await client.close();
  }
}
