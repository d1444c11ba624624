// The kubelet API's authenticator: k8s.io/apiserver/pkg/authentication/authenticatorfactory
// DelegatingAuthenticatorConfig.New as cmd/kubelet/app/auth.go BuildAuth builds it (v1.32):
// x509 client certificates verified against authentication.x509.clientCAFile (at the kubelet's
// clock time: the TLS handshake requests a certificate and accepts any), then bearer tokens through
// a TokenReview (authentication.webhook.enabled) posted with the kubelet's own credentials; the
// system:authenticated group added; then — only when enabled and nothing failed — anonymous.
// Differs: the 2-minute TokenReview cache (cacheTTL) is not kept.
import type { TokenReview } from '@tlsboot/api';
import type { RestClient } from '@tlsboot/client';
import { verifyChain } from '@tlsboot/pki';
import type { Certificate } from '@tlsboot/pki';
import type { Clock } from '@tlsboot/util';
import type { KubeletRequestAttributes } from './auth.js';

export type KubeletUser = KubeletRequestAttributes['user'];

/** authenticated, not mine (try the next), or error (401 whatever follows). */
export type KubeletAuthenticationResult = { kind: 'authenticated'; user: KubeletUser; by: string } | { kind: 'not-mine' } | { kind: 'error'; message: string };

export interface KubeletAuthRequest {
  /** Client certificates the peer presented, leaf first. */
  peerCertificates: readonly Certificate[];
  authorization?: string | undefined;
}

export interface KubeletAuthenticatorOptions {
  clock: Clock;
  /** authentication.x509.clientCAFile, parsed; none → no x509 authenticator. */
  clientCAs?: readonly Certificate[];
  /** authentication.webhook.enabled: the client that posts TokenReviews. */
  tokenReviewClient?: () => RestClient;
  /** authentication.anonymous.enabled (KubeletConfiguration default false). */
  anonymous?: boolean;
}

export function newKubeletAuthenticator(o: KubeletAuthenticatorOptions): (req: KubeletAuthRequest) => Promise<KubeletAuthenticationResult> {
  return async (req) => {
    let result: KubeletAuthenticationResult = { kind: 'not-mine' };
    if (o.clientCAs?.length) result = await x509(req, o.clientCAs, o.clock);
    if (result.kind === 'not-mine' && o.tokenReviewClient) result = await webhookToken(req, o.tokenReviewClient);
    if (result.kind === 'authenticated') return { ...result, user: withAuthenticatedGroup(result.user) };
    if (result.kind === 'not-mine' && o.anonymous) {
      return { kind: 'authenticated', by: 'anonymous', user: { name: 'system:anonymous', groups: ['system:unauthenticated'] } };
    }
    return result;
  };
}

async function x509(req: KubeletAuthRequest, roots: readonly Certificate[], clock: Clock): Promise<KubeletAuthenticationResult> {
  const [leaf, ...intermediates] = req.peerCertificates;
  if (!leaf) return { kind: 'not-mine' };
  try {
    await verifyChain(leaf, { roots, intermediates, at: clock.now(), usages: ['client auth'] });
  } catch (err) {
    return { kind: 'error', message: `verifying certificate ${leaf.serialNumber} failed: ${(err as Error).message}` };
  }
  return { kind: 'authenticated', by: 'x509', user: { name: leaf.subject.commonName ?? '', groups: [...(leaf.subject.organizations ?? [])] } };
}

async function webhookToken(req: KubeletAuthRequest, client: () => RestClient): Promise<KubeletAuthenticationResult> {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.authorization ?? '');
  if (!m) return { kind: 'not-mine' };
  const review: TokenReview = { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token: m[1]! } } as TokenReview;
  let answer: TokenReview;
  try {
    answer = await client().create<TokenReview>('/apis/authentication.k8s.io/v1/tokenreviews', review);
  } catch (err) {
    return { kind: 'error', message: `token review failed: ${(err as Error).message}` };
  }
  const s = answer.status;
  if (!s?.authenticated) return { kind: 'error', message: s?.error || 'token not authenticated' };
  const u = s.user ?? {};
  return {
    kind: 'authenticated',
    by: 'webhook',
    user: { name: u.username ?? '', groups: u.groups ?? [], ...(u.uid ? { uid: u.uid } : {}), ...(u.extra ? { extra: u.extra } : {}) },
  };
}

/** group.NewAuthenticatedGroupAdder: system:authenticated, unless already there or the user is anonymous. */
function withAuthenticatedGroup(user: KubeletUser): KubeletUser {
  if (user.name === 'system:anonymous' || user.groups.includes('system:authenticated')) return user;
  return { ...user, groups: [...user.groups, 'system:authenticated'] };
}
