import type { Command } from 'commander';
import { pki } from '@tlsboot/scenario';
import { readInput, writeOutputs, type OutputFile } from '../files.js';
import { usageError, type CliIo } from '../io.js';
import { addSubjectOptions, baseName, collect, examples, ipAddress, keyAlgo, subjectFrom, uri, type SubjectOptions } from '../options.js';

interface CsrOptions extends SubjectOptions {
  dns?: string[];
  ip?: string[];
  email?: string[];
  uri?: string[];
  keyAlgo: pki.KeySpec;
  key?: string;
  outDir: string;
  name: string;
  force?: boolean;
}

/**
 * `tlsboot pki csr`: a PKCS#10 request as Go's x509.CreateCertificateRequest makes it (what the
 * kubelet sends): subject, SANs in an extensionRequest, signed with a new or given key.
 */
export function csrCommand(parent: Command, io: CliIo): Command {
  const command = addSubjectOptions(parent.command('csr').description('create a certificate signing request: NAME.csr and NAME-key.pem'))
    .option('--dns <name>', 'DNS name SAN, repeatable', collect)
    .option('--ip <address>', 'IP address SAN, repeatable', ipAddress)
    .option('--email <address>', 'email address SAN, repeatable', collect)
    .option('--uri <uri>', 'URI SAN, repeatable', uri)
    .option('--key-algo <algo>', `algorithm of the new key: ${pki.keySpecs.join(', ')}`, keyAlgo, pki.defaultKeySpec)
    .option('--key <file>', 'sign with this existing private key (PEM) instead of a new one; NAME-key.pem is then not written')
    .option('--out-dir <dir>', 'directory to write into', '.')
    .requiredOption('--name <name>', 'file name prefix', baseName)
    .option('--force', 'overwrite existing files')
    .action(async (options: CsrOptions) => {
      const subject = subjectFrom(options);
      const sans: pki.SubjectAltNames = {};
      if (options.dns) sans.dnsNames = options.dns;
      if (options.ip) sans.ipAddresses = options.ip;
      if (options.email) sans.emailAddresses = options.email;
      if (options.uri) sans.uris = options.uri;
      if (Object.keys(subject).length === 0 && !pki.hasSubjectAltNames(sans)) {
        usageError(command, 'nothing to request: give a subject (--cn, --o, ...) or a SAN (--dns, --ip, --email, --uri)');
      }
      const keys = options.key
        ? await pki.importPrivateKeyPem(await readInput(io.cwd, options.key), options.key)
        : await pki.generateKeyPair(options.keyAlgo);
      const csr = await pki.createCertificateRequest({ keys, subject, subjectAltNames: sans });
      const files: OutputFile[] = [{ name: `${options.name}.csr`, content: csr.pem }];
      if (!options.key) files.push({ name: `${options.name}-key.pem`, content: await pki.exportPrivateKeyPem(keys), mode: 0o600 });
      const written = await writeOutputs(files, { dir: options.outDir, cwd: io.cwd, force: options.force ?? false });
      io.stdout.write(`wrote ${written[0]}: CSR "${pki.formatSubject(subject)}", ${keys.spec}, ${csr.signatureAlgorithm}\n`);
      if (written[1]) io.stdout.write(`wrote ${written[1]}: private key (mode 0600)\n`);
    });
  return examples(command, [
    'tlsboot pki csr --cn system:node:k8s01 --o system:nodes --name kubelet-client',
    'tlsboot pki csr --cn localhost --dns localhost --ip 127.0.0.1 --name server',
    'tlsboot pki csr --cn admin --o system:masters --key admin-key.pem --name admin',
    'openssl req -in server.csr -noout -text     # look at it',
  ]);
}
