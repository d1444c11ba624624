// The case table of TestTokenAuthenticator (plugin/pkg/auth/authenticator/token/bootstrap/
// bootstrap_test.go), plus the cases the code covers and the table does not
// (reference/k8s-authn-authz.md §1.5). Shared by the unit test and the live-server test, so each
// case runs both as a call and through HTTP. Test support only; not exported from the package.

/** The fixtures of bootstrap_test.go. */
export const tokenId = 'foobar';
export const tokenSecret = 'circumnavigation';
export const secretName = `bootstrap-token-${tokenId}`;

/** A Secret of a case: plain (not base64) data, as the Go table writes []byte("…"). */
export interface CaseSecret {
  name: string;
  type?: string;
  data?: Record<string, string>;
  /** Set metadata.deletionTimestamp (live: a finalizer keeps the Secret while it is deleted). */
  deleted?: boolean;
}

export interface AuthenticatorCase {
  name: string;
  secrets: CaseSecret[];
  token: string;
  /** The user and groups on success. */
  wantUser?: { name: string; groups: string[] };
  /** On refusal: upstream's V(3) log line (undefined: refused silently, the token is not a bootstrap token). */
  wantReason?: string;
  /** Expected refusal without a reason. */
  wantSilent?: boolean;
}

const valid = { 'token-id': tokenId, 'token-secret': tokenSecret, 'usage-bootstrap-authentication': 'true' };
const token = `${tokenId}.${tokenSecret}`;
const prefix = `Bootstrap secret kube-system/${secretName} matching bearer token `;

export const upstreamCases: AuthenticatorCase[] = [
  {
    name: 'valid token',
    secrets: [{ name: secretName, data: valid }],
    token,
    wantUser: { name: 'system:bootstrap:foobar', groups: ['system:bootstrappers'] },
  },
  {
    name: 'valid token with extra group',
    secrets: [{ name: secretName, data: { ...valid, 'auth-extra-groups': 'system:bootstrappers:foo' } }],
    token,
    wantUser: { name: 'system:bootstrap:foobar', groups: ['system:bootstrappers', 'system:bootstrappers:foo'] },
  },
  {
    name: 'invalid group',
    secrets: [{ name: secretName, data: { ...valid, 'auth-extra-groups': 'foo' } }],
    token,
    wantReason: `${prefix}has invalid value for key auth-extra-groups: bootstrap group "foo" is invalid (must match \\Asystem:bootstrappers:[a-z0-9:-]{0,255}[a-z0-9]\\z).`,
  },
  {
    name: 'invalid secret name',
    secrets: [{ name: 'bad-name', data: valid }],
    token,
    wantReason: 'No secret of name bootstrap-token-foobar to match bootstrap bearer token',
  },
  {
    name: 'no usage',
    secrets: [{ name: secretName, data: { 'token-id': tokenId, 'token-secret': tokenSecret } }],
    token,
    wantReason: `${prefix}not marked usage-bootstrap-authentication=true.`,
  },
  {
    name: 'wrong token',
    secrets: [{ name: secretName, data: valid }],
    token: `barfoo.${tokenSecret}`,
    wantReason: 'No secret of name bootstrap-token-barfoo to match bootstrap bearer token',
  },
  {
    name: 'deleted token',
    secrets: [{ name: secretName, data: valid, deleted: true }],
    token,
    wantReason: `${prefix}is deleted and awaiting removal`,
  },
  {
    name: 'expired token',
    secrets: [{ name: secretName, data: { ...valid, expiration: '2009-11-10T23:00:00Z' } }],
    token,
    wantReason: 'Expired bootstrap token in kube-system/bootstrap-token-foobar Secret: 2009-11-10T23:00:00Z',
  },
  {
    name: 'not expired token',
    secrets: [{ name: secretName, data: { ...valid, expiration: '2109-11-10T23:00:00Z' } }],
    token,
    wantUser: { name: 'system:bootstrap:foobar', groups: ['system:bootstrappers'] },
  },
  {
    name: 'token id wrong length',
    secrets: [{ name: 'bootstrap-token-foo', data: { ...valid, 'token-id': 'foo' } }],
    token: `foo.${tokenSecret}`,
    wantSilent: true,
  },
];

/** What AuthenticateToken checks that TestTokenAuthenticator does not (reference §1.5). */
export const extraCases: AuthenticatorCase[] = [
  {
    name: 'wrong type (Opaque)',
    secrets: [{ name: secretName, type: 'Opaque', data: valid }],
    token,
    wantReason: `${prefix}has invalid type, expected bootstrap.kubernetes.io/token.`,
  },
  {
    name: 'no data',
    secrets: [{ name: secretName }],
    token,
    wantReason: `${prefix}has invalid type, expected bootstrap.kubernetes.io/token.`,
  },
  {
    name: 'token-secret mismatch (the presented secret is logged, as upstream does)',
    secrets: [{ name: secretName, data: valid }],
    token: `${tokenId}.circumnavigatio0`,
    wantReason: `${prefix}has invalid value for key token-secret, expected circumnavigatio0.`,
  },
  {
    name: 'token-secret of another length',
    secrets: [{ name: secretName, data: { ...valid, 'token-secret': 'short' } }],
    token,
    wantReason: `${prefix}has invalid value for key token-secret, expected ${tokenSecret}.`,
  },
  {
    name: 'token-id data differs from the name',
    secrets: [{ name: secretName, data: { ...valid, 'token-id': 'barfoo' } }],
    token,
    wantReason: `${prefix}has invalid value for key token-id, expected foobar.`,
  },
  {
    name: 'unparseable expiration is expired',
    secrets: [{ name: secretName, data: { ...valid, expiration: '2109-11-10' } }],
    token,
    wantReason:
      'Unparseable expiration time (2109-11-10) in kube-system/bootstrap-token-foobar Secret: parsing time "2109-11-10" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "T". Treating as expired.',
  },
  {
    name: 'usage-bootstrap-authentication "True" is not "true"',
    secrets: [{ name: secretName, data: { ...valid, 'usage-bootstrap-authentication': 'True' } }],
    token,
    wantReason: `${prefix}not marked usage-bootstrap-authentication=true.`,
  },
  {
    name: 'a space after the comma in auth-extra-groups rejects the token',
    secrets: [{ name: secretName, data: { ...valid, 'auth-extra-groups': 'system:bootstrappers:a, system:bootstrappers:b' } }],
    token,
    wantReason: `${prefix}has invalid value for key auth-extra-groups: bootstrap group " system:bootstrappers:b" is invalid (must match \\Asystem:bootstrappers:[a-z0-9:-]{0,255}[a-z0-9]\\z).`,
  },
  {
    name: 'extra groups sorted and de-duplicated, kubeadm default group',
    secrets: [{ name: secretName, data: { ...valid, 'auth-extra-groups': 'system:bootstrappers:kubeadm:default-node-token,system:bootstrappers:a,system:bootstrappers:a' } }],
    token,
    wantUser: { name: 'system:bootstrap:foobar', groups: ['system:bootstrappers', 'system:bootstrappers:a', 'system:bootstrappers:kubeadm:default-node-token'] },
  },
  {
    name: 'the expiration check comes after the secret check',
    secrets: [{ name: secretName, data: { ...valid, expiration: '2009-11-10T23:00:00Z' } }],
    token: `${tokenId}.aaaaaaaaaaaaaaaa`,
    wantReason: `${prefix}has invalid value for key token-secret, expected aaaaaaaaaaaaaaaa.`,
  },
];

export const allCases: AuthenticatorCase[] = [...upstreamCases, ...extraCases];

/** A case Secret as the API serves it: base64 data, in kube-system unless the name says otherwise. */
export function wireSecret(s: CaseSecret, deletionTimestamp?: string): Record<string, unknown> {
  const metadata: Record<string, unknown> = { name: s.name, namespace: 'kube-system' };
  if (s.deleted && deletionTimestamp) metadata['deletionTimestamp'] = deletionTimestamp;
  const secret: Record<string, unknown> = { apiVersion: 'v1', kind: 'Secret', metadata, type: s.type ?? 'bootstrap.kubernetes.io/token' };
  if (s.data) secret['data'] = Object.fromEntries(Object.entries(s.data).map(([k, v]) => [k, Buffer.from(v).toString('base64')]));
  return secret;
}
