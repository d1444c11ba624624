import type { Command } from 'commander';
import { pki } from '@tlsboot/scenario';
import { readInput } from '../files.js';
import { exitCode, type CliIo } from '../io.js';
import { collect, examples, rfc3339Time, usageName } from '../options.js';

interface VerifyOptions {
  caFile: string;
  untrusted?: string[];
  at?: Date;
  usage?: string[];
}

/**
 * `tlsboot pki verify`: `openssl verify -CAfile` with Go's verdict (crypto/x509 Verify) at a
 * chosen time. Prints `FILE: OK`, or `FILE: CODE: message` and exits 1.
 */
export function verifyCommand(parent: Command, io: CliIo, now: () => Date, setExit: (code: number) => void): Command {
  const command = parent
    .command('verify')
    .description('verify certificates against a CA bundle at a given time, as Go\'s crypto/x509 does')
    .argument('<cert...>', 'certificate files (PEM); the first certificate of each is verified')
    .requiredOption('--ca-file <file>', 'trusted CA certificates (PEM bundle), like openssl verify -CAfile')
    .option('--untrusted <file>', 'intermediate certificates (PEM bundle), repeatable', collect)
    .option('--at <time>', 'verify at this RFC 3339 time instead of now', rfc3339Time)
    .option('--usage <usage>', 'extended key usage the chain must allow, repeatable: "server auth", "client auth", "any", ... (default: any)', usageName)
    .action(async (certFiles: string[], options: VerifyOptions) => {
      const roots = pki.parseCertificatesPem(await readInput(io.cwd, options.caFile), options.caFile);
      const intermediates: pki.Certificate[] = [];
      for (const file of options.untrusted ?? []) intermediates.push(...pki.parseCertificatesPem(await readInput(io.cwd, file), file));
      const leaves: [string, pki.Certificate][] = [];
      for (const file of certFiles) leaves.push([file, pki.parseCertificatePem(await readInput(io.cwd, file), file)]);
      const at = options.at ?? now();
      const usages = options.usage ?? ['any'];
      for (const [file, leaf] of leaves) {
        try {
          await pki.verifyChain(leaf, { roots, intermediates, at, usages });
          io.stdout.write(`${file}: OK\n`);
        } catch (err) {
          if (!(err instanceof pki.PkiError)) throw err;
          io.stdout.write(`${file}: ${err.code}: ${err.message}\n`);
          setExit(exitCode.failure);
        }
      }
    });
  return examples(command, [
    'tlsboot pki verify --ca-file ca.pem server.pem client.pem',
    'tlsboot pki verify --ca-file ca.pem --usage "client auth" kube-proxy.pem',
    'tlsboot pki verify --ca-file ca.pem --at 2035-01-01T00:00:00Z kube-proxy.pem     # will it still be valid?',
    'tlsboot pki verify --ca-file root.pem --untrusted intermediate.pem leaf.pem',
  ]);
}
