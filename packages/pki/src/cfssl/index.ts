/**
 * cfssl compatibility: read cfssl CSR JSON and ca-config.json, do what
 * `cfssl gencert … | cfssljson -bare NAME` does, and print what `cfssl certinfo` prints.
 * Upstream: cloudflare/cfssl csr/csr.go, config/config.go, cli/gencert, initca, certinfo,
 * cmd/cfssljson.
 */
export { parseCsrJson, csrSubject, cfsslInitCaExpiry } from './csr-json.js';
export type { CfsslCsrRequest, CfsslCsrName, CfsslCaSection, CfsslKeyAlgo } from './csr-json.js';
export { parseCaConfig, resolveProfile, defaultSigningProfile, cfsslDefaultProfile } from './ca-config.js';
export type { CfsslCaConfig, CfsslSigningProfile } from './ca-config.js';
export { gencert, gencertStdoutJson, csrNoHostMessage } from './gencert.js';
export type { GencertOptions, GencertResult } from './gencert.js';
export { writeBare } from './write-bare.js';
export { certinfo, certinfoJson } from './certinfo.js';
export type { CfsslCertInfo, CfsslCertInfoName } from './certinfo.js';
