import { basename, dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { pki } from '@tlsboot/scenario';
import { readInput } from '../files.js';
import { usageError, type CliIo } from '../io.js';
import { examples } from '../options.js';

interface GencertOptions {
  initca?: boolean;
  ca?: string;
  caKey?: string;
  config?: string;
  profile?: string;
  hostname?: string;
  bare?: string;
}

/** signer.SplitHosts: "" → no override; otherwise split on ",". */
function splitHosts(list: string | undefined): string[] | undefined {
  return list === undefined || list === '' ? undefined : list.split(',');
}

/**
 * `tlsboot pki gencert`: `cfssl gencert` (cloudflare/cfssl cli/gencert/gencert.go). Prints
 * cfssl's stdout JSON for `| cfssljson -bare NAME`, or with --bare NAME writes what cfssljson
 * would (NAME.pem, NAME-key.pem, NAME.csr). cfssl's [WARNING]s go to stderr.
 */
export function gencertCommand(parent: Command, io: CliIo, now: () => Date): Command {
  const command = parent
    .command('gencert')
    .description('generate a key and a certificate from a cfssl CSR JSON, as cfssl gencert does')
    .argument('<csr-json>', 'cfssl CSR JSON file (CN, names, hosts, key, ca); "-" reads standard input')
    .option('--initca', 'make a self-signed CA from the CSR JSON (cfssl -initca)')
    .option('--ca <file>', 'CA certificate to sign with (cfssl -ca)')
    .option('--ca-key <file>', 'CA private key (cfssl -ca-key)')
    .option('--config <file>', 'cfssl ca-config.json with the signing profiles (cfssl -config)')
    .option('--profile <name>', 'signing profile of --config (cfssl -profile); default: its "default"')
    .option('--hostname <hosts>', 'comma-separated hosts that replace the CSR JSON\'s "hosts" (cfssl -hostname)')
    .option('--bare <name>', 'write NAME.pem, NAME-key.pem (0600) and NAME.csr instead of printing JSON, like | cfssljson -bare NAME')
    .action(async (csrFile: string, options: GencertOptions) => {
      if (options.initca && options.caKey) usageError(command, '-initca with -ca-key (re-issuing a CA with its existing key) is not supported; leave out -ca-key');
      if (!options.initca && !options.ca) usageError(command, 'need a CA certificate (provide one with -ca), or -initca');
      if (!options.initca && !options.caKey) usageError(command, 'need a CA key (provide one with -ca-key)');
      if (options.profile && !options.config && !options.initca) usageError(command, `-profile ${options.profile} needs the -config file that defines it`);
      const request = pki.parseCsrJson(await readInput(io.cwd, csrFile, io.stdin), csrFile === '-' ? 'standard input' : csrFile);
      // Known difference: cfssl keeps the JSON's hosts in the CSR and puts -hostname's in the
      // certificate only; here both carry -hostname's hosts.
      const hosts = splitHosts(options.hostname);
      if (hosts) request.hosts = hosts;
      const gencertOptions: pki.GencertOptions = { request, now: now() };
      if (options.initca) {
        gencertOptions.initca = true;
      } else {
        const [caPem, keyPem] = [await readInput(io.cwd, options.ca!), await readInput(io.cwd, options.caKey!)];
        gencertOptions.ca = await pki.loadCertificateAuthority(caPem, keyPem, { cert: options.ca!, key: options.caKey! });
        if (options.config) {
          const config = pki.parseCaConfig(await readInput(io.cwd, options.config), options.config);
          gencertOptions.profile = pki.resolveProfile(config, options.profile);
        }
      }
      const result = await pki.gencert(gencertOptions);
      for (const warning of result.warnings) io.stderr.write(`[WARNING] ${warning}\n`);
      if (options.bare === undefined) {
        io.stdout.write(pki.gencertStdoutJson(result));
        return;
      }
      const target = resolve(io.cwd, options.bare);
      await pki.writeBare(dirname(target), basename(target), result);
      const shown = [`${options.bare}.pem`, `${options.bare}-key.pem (0600)`, `${options.bare}.csr`];
      io.stdout.write(`wrote ${shown.join(', ')}: "${pki.formatSubject(result.certificate.subject)}", valid until ${pki.formatRFC3339(result.certificate.notAfter)}\n`);
    });
  command.addHelpText('after', `\ncfssl's single-dash spellings work too (-initca, -ca, -ca-key, -config, -profile, -hostname), as -flag=value or -flag value.`);
  return examples(command, [
    'tlsboot pki gencert -initca ca-csr.json --bare ca',
    'tlsboot pki gencert -ca=ca.pem -ca-key=ca-key.pem -config=ca-config.json -profile=kubernetes kube-proxy-csr.json --bare kube-proxy',
    'tlsboot pki gencert -ca=ca.pem -ca-key=ca-key.pem -config=ca-config.json -profile=kubernetes kube-proxy-csr.json | cfssljson -bare kube-proxy',
    'tlsboot pki gencert -ca ca.pem -ca-key ca-key.pem -hostname=127.0.0.1,localhost server-csr.json --bare server',
  ]);
}
