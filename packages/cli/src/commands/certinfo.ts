import type { Command } from 'commander';
import { pki } from '@tlsboot/scenario';
import { readInput } from '../files.js';
import { usageError, type CliIo } from '../io.js';
import { examples } from '../options.js';

/**
 * `tlsboot pki certinfo`: `cfssl certinfo -cert FILE` (cloudflare/cfssl cli/certinfo), the same
 * JSON fields in the same order. cfssl's -csr, -domain and -serial modes are not offered.
 */
export function certinfoCommand(parent: Command, io: CliIo): Command {
  const command = parent
    .command('certinfo')
    .description('print a certificate as cfssl certinfo does (JSON)')
    .argument('[cert]', 'certificate file (PEM), the same as --cert; "-" reads standard input')
    .option('--cert <file>', 'certificate file (PEM) (cfssl -cert)')
    .action(async (positional: string | undefined, options: { cert?: string }) => {
      if (positional !== undefined && options.cert !== undefined) usageError(command, 'give the certificate once: either -cert FILE or FILE');
      const file = options.cert ?? positional;
      if (file === undefined) usageError(command, 'no certificate given: -cert FILE');
      const source = file === '-' ? 'standard input' : file;
      const cert = pki.parseCertificatePem(await readInput(io.cwd, file, io.stdin), source);
      io.stdout.write(pki.certinfoJson(pki.certinfo(cert)));
    });
  command.addHelpText('after', `\ncfssl's single-dash spellings work too (-cert), as -flag=value or -flag value.`);
  return examples(command, [
    'tlsboot pki certinfo -cert kube-proxy.pem',
    'tlsboot pki certinfo kubelet-client-current.pem | jq .subject',
  ]);
}
