import type { Command } from 'commander';
import { pki } from '@tlsboot/scenario';
import { Hour } from '@tlsboot/util';
import { writeOutputs } from '../files.js';
import { usageError, type CliIo } from '../io.js';
import { addSubjectOptions, baseName, examples, goDuration, keyAlgo, subjectFrom, type SubjectOptions } from '../options.js';

interface CaOptions extends SubjectOptions {
  keyAlgo: pki.KeySpec;
  validity: number;
  outDir: string;
  name: string;
  force?: boolean;
}

/**
 * `tlsboot pki ca`: a self-signed CA as client-go's certutil.NewSelfSignedCACert makes it
 * (kubeadm's cluster CA): BasicConstraints CA:TRUE, KeyUsage digitalSignature|keyEncipherment|
 * certSign, ten years by default.
 */
export function caCommand(parent: Command, io: CliIo, now: () => Date): Command {
  const command = addSubjectOptions(parent.command('ca').description('create a self-signed CA: NAME.pem and NAME-key.pem'))
    .option('--key-algo <algo>', `key algorithm: ${pki.keySpecs.join(', ')}`, keyAlgo, pki.defaultKeySpec)
    .option('--validity <duration>', 'lifetime, as a Go duration', goDuration, 87_600 * Hour)
    .option('--out-dir <dir>', 'directory to write into', '.')
    .option('--name <name>', 'file name prefix', baseName, 'ca')
    .option('--force', 'overwrite existing files')
    .action(async (options: CaOptions) => {
      if (!options.cn) usageError(command, 'a CA needs a name: give --cn');
      const subject = subjectFrom(options);
      const ca = await pki.createCertificateAuthority({ subject, keySpec: options.keyAlgo, validityMs: options.validity, now: now() });
      const written = await writeOutputs(
        [
          { name: `${options.name}.pem`, content: ca.certificate.pem },
          { name: `${options.name}-key.pem`, content: await pki.exportPrivateKeyPem(ca.keys), mode: 0o600 },
        ],
        { dir: options.outDir, cwd: io.cwd, force: options.force ?? false },
      );
      const cert = ca.certificate;
      io.stdout.write(`wrote ${written[0]}: CA "${pki.formatSubject(cert.subject)}", ${cert.keySpec}, valid ${pki.formatRFC3339(cert.notBefore)} to ${pki.formatRFC3339(cert.notAfter)}\n`);
      io.stdout.write(`wrote ${written[1]}: private key (mode 0600)\n`);
    });
  return examples(command, [
    'tlsboot pki ca --cn kubernetes --o k8s',
    'tlsboot pki ca --cn my-ca --key-algo rsa-2048 --validity 8760h --out-dir pki --name cluster-ca',
  ]);
}
