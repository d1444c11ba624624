/**
 * `kubeadm token list` text output (cmd/kubeadm/app/cmd/token.go: formatBootstrapToken,
 * tokenTextPrinter): columns TOKEN TTL EXPIRES USAGES DESCRIPTION EXTRA GROUPS, the TTL as
 * ShortHumanDuration of the time left (`<forever>` without expiration, `<invalid>` once past),
 * EXPIRES in RFC 3339 as written (`<never>`), `<none>` for no usages, description or groups,
 * fields padded with `%-9s`, `%-22s` and `%-56s`. Each token goes through its own tabwriter
 * (minwidth 10, padding 3), so the header aligns with the first token and each later token with
 * itself, as kubeadm prints them.
 */
import { bootstrapTokenStringText, formatRFC3339, millisecondsUntil } from '@tlsboot/api';
import type { BootstrapToken } from '@tlsboot/api';
import { shortHumanDuration } from './short-human-duration.js';
import { tabwrite } from './tabwriter.js';

export const tokenListColumns: readonly string[] = ['TOKEN', 'TTL', 'EXPIRES', 'USAGES', 'DESCRIPTION', 'EXTRA GROUPS'];

/** Go's `%-Ns`: left-aligned, padded with spaces to N runes. */
const padRight = (s: string, n: number): string => s + ' '.repeat(Math.max(0, n - [...s].length));

/** formatBootstrapToken: one tab-separated line. */
export function formatBootstrapToken(token: BootstrapToken, now: Date): string {
  let ttl = '<forever>';
  let expires = '<never>';
  if (token.expires !== undefined) {
    ttl = shortHumanDuration(millisecondsUntil(token.expires, now));
    expires = formatRFC3339(token.expires);
  }
  const usages = (token.usages ?? []).join(',') || '<none>';
  const description = token.description || '<none>';
  const groups = (token.groups ?? []).join(',') || '<none>';
  return `${bootstrapTokenStringText(token.token)}\t${padRight(ttl, 9)}\t${expires}\t${padRight(usages, 22)}\t${padRight(description, 56)}\t${groups}\n`;
}

/** What the text printer writes for these tokens: nothing at all when there are none (not even the header). */
export function formatTokenList(tokens: readonly BootstrapToken[], now: Date): string {
  const tabwriter = { minwidth: 10, padding: 3 };
  return tokens
    .map((token, i) => tabwrite((i === 0 ? `${tokenListColumns.join('\t')}\n` : '') + formatBootstrapToken(token, now), tabwriter))
    .join('');
}
