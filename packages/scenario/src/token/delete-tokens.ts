/**
 * `tlsboot token delete <id|token>…`: what `kubeadm token delete` does (cmd/kubeadm/app/cmd/token.go
 * RunDeleteTokens): each argument is a token id or a whole token (its id is used); the Secret
 * `kube-system/bootstrap-token-<id>` is deleted, one after the other, stopping at the first
 * failure. Returns the lines kubeadm prints, `bootstrap token "<id>" deleted`, for the ones done.
 */
import { bootstrapTokenIdPattern, bootstrapTokenPattern, bootstrapTokenSecretName, goQuote, isValidBootstrapTokenId, matchBootstrapToken, namespaceSystem } from '@tlsboot/api';
import { secrets } from '@tlsboot/client';
import { errorMessage } from '@tlsboot/util';
import { adminClient, unreachableHint } from './admin-client.js';
import type { TokenCommandOptions } from './admin-client.js';
import { TokenError } from './errors.js';

/** `missing argument; 'token delete' is missing token of form "\A…\z" or "\A…\z"`: kubeadm's message for no arguments. */
export const missingTokenMessage = `missing argument; 'token delete' is missing token of form ${goQuote(bootstrapTokenPattern)} or ${goQuote(bootstrapTokenIdPattern)}`;

/**
 * Deletes the tokens; `printed` receives each `bootstrap token "<id>" deleted` line as it
 * happens, so a failure half-way still reports what was deleted.
 */
export async function deleteTokens(options: TokenCommandOptions & { tokens: readonly string[]; printed?: (line: string) => void }): Promise<string[]> {
  if (options.tokens.length === 0) throw new TokenError('INVALID_ARGUMENT', missingTokenMessage);
  const client = await adminClient(options);
  const lines: string[] = [];
  try {
    for (const arg of options.tokens) {
      let id = arg;
      if (!isValidBootstrapTokenId(arg)) {
        const parsed = matchBootstrapToken(arg);
        if (!parsed) throw new TokenError('INVALID_ARGUMENT', `given token didn't match pattern ${goQuote(bootstrapTokenPattern)} or ${goQuote(bootstrapTokenIdPattern)}`);
        id = parsed.id;
      }
      try {
        await secrets(client, namespaceSystem).delete(bootstrapTokenSecretName(id));
      } catch (err) {
        throw new TokenError('API', `failed to delete bootstrap token ${goQuote(id)}: ${errorMessage(err)}${unreachableHint(err, options.workdir)}`, { cause: err });
      }
      const line = `bootstrap token ${goQuote(id)} deleted`;
      lines.push(line);
      options.printed?.(line);
    }
    return lines;
  } finally {
    await client.close();
  }
}
