import { resolve } from 'node:path';
import type { Command } from 'commander';
import { colorWanted, runPkiWalkthrough } from '@tlsboot/scenario';
import type { CliIo } from '../io.js';
import { examples } from '../options.js';

/** `tlsboot demo`: the narrated PKI walk-through of the article's first section (`npm start`). */
export function demoCommand(parent: Command, io: CliIo): Command {
  const command = parent
    .command('demo')
    .description('walk through the article\'s first section: CA, key, CSR, signing, verification, a real mutual-TLS handshake, the kube-proxy certificate')
    .option('--workdir <dir>', 'write the files here, replacing files of the same names (default: a new temporary directory, kept)')
    .action(async (options: { workdir?: string }) => {
      await runPkiWalkthrough({
        out: (line) => io.stdout.write(`${line}\n`),
        color: colorWanted(io.stdout, io.env),
        ...(options.workdir === undefined ? {} : { workdir: resolve(io.cwd, options.workdir) }),
      });
    });
  return examples(command, ['tlsboot demo', 'tlsboot demo --workdir ./walkthrough && openssl x509 -in walkthrough/kube-proxy.pem -noout -text', 'NO_COLOR=1 tlsboot demo > walkthrough.txt']);
}
