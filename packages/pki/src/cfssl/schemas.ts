/**
 * JSON Schemas (draft-07, validated with ajv) of the two cfssl input files tlsboot reads. They
 * accept the fields tlsboot implements, with the names and JSON types of cfssl's Go structs, and
 * refuse every other field (cfssl itself ignores unknown fields silently, which hides typos such
 * as "usage" for "usages"). `null` is accepted wherever Go's json decoder accepts it for a
 * slice or pointer field, and means "absent".
 */

const string = { type: 'string' } as const;
const stringList = { type: ['array', 'null'], items: string } as const;

/**
 * cfssl CSR JSON — csr.CertificateRequest (cloudflare/cfssl csr/csr.go), read by
 * `cfssl gencert [-initca] CSRJSON`.
 */
export const csrJsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    /** Subject common name; Kubernetes reads it as the user name. */
    CN: string,
    /**
     * Subject attributes. Each entry appends its non-empty values to the subject's lists, in
     * order (csr.CertificateRequest.Name): several entries give several O (groups) etc.
     */
    names: {
      type: ['array', 'null'],
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          C: { ...string, description: 'country' },
          ST: { ...string, description: 'state or province' },
          L: { ...string, description: 'locality' },
          O: { ...string, description: 'organization (a Kubernetes group)' },
          OU: { ...string, description: 'organizational unit' },
        },
      },
    },
    /** Subject alternative names: IPs, emails, URIs, else DNS names (csr.Generate). */
    hosts: stringList,
    /** The key to generate; default {"algo": "ecdsa", "size": 256} (csr.NewKeyRequest). */
    key: {
      type: ['object', 'null'],
      additionalProperties: false,
      properties: {
        algo: { ...string, description: 'ecdsa | rsa | ed25519' },
        size: { type: 'integer', description: 'ecdsa: 256, 384, 521; rsa: 2048, 3072, 4096; ignored for ed25519' },
      },
    },
    /** Only with -initca (csr.CAConfig): the CA certificate's lifetime and path length. */
    ca: {
      type: ['object', 'null'],
      additionalProperties: false,
      properties: {
        expiry: { ...string, description: 'Go duration; default 43800h (initca.CAPolicy)' },
        pathlen: { type: 'integer', minimum: -1, description: 'BasicConstraints pathLenConstraint; 0 means unlimited unless pathlenzero' },
        pathlenzero: { type: 'boolean', description: 'with pathlen 0: a path length of exactly 0' },
      },
    },
  },
} as const;

/** One signing profile — config.SigningProfile (cloudflare/cfssl config/config.go). */
const signingProfileSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    /** Key usages and extended key usages by cfssl name (config.KeyUsage, config.ExtKeyUsage). */
    usages: stringList,
    /** Certificate lifetime, a Go duration ("87600h"); required, "0" falls back to the default profile's. */
    expiry: string,
    /** How far NotBefore is set back from now, a Go duration; default 5m. */
    backdate: string,
    /** config.CAConstraint: issue intermediate CAs. */
    ca_constraint: {
      type: 'object',
      additionalProperties: false,
      properties: {
        is_ca: { type: 'boolean' },
        max_path_len: { type: 'integer', minimum: -1 },
        max_path_len_zero: { type: 'boolean' },
      },
    },
  },
} as const;

/** ca-config.json — config.Config, read by `cfssl gencert -config`. */
export const caConfigSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['signing'],
  properties: {
    signing: {
      type: 'object',
      additionalProperties: false,
      properties: {
        /** Used without -profile, and for what a named profile leaves out (its expiry when "0"). */
        default: signingProfileSchema,
        /** Named profiles, chosen with -profile NAME. */
        profiles: { type: ['object', 'null'], additionalProperties: signingProfileSchema },
      },
    },
  },
} as const;
