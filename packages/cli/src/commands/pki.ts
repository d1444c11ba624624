import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { caCommand } from './ca.js';
import { certinfoCommand } from './certinfo.js';
import { csrCommand } from './csr.js';
import { gencertCommand } from './gencert.js';
import { verifyCommand } from './verify.js';

export interface CommandContext {
  io: CliIo;
  /** The clock reading commands issue and verify at. */
  now: () => Date;
  /** Raises the process exit code (a verification failure that still printed its results). */
  setExit: (code: number) => void;
}

/** `tlsboot pki`: what people do with openssl and cfssl when they set a cluster up by hand. */
export function pkiCommand(program: Command, ctx: CommandContext): Command {
  const pki = program
    .command('pki')
    .description('keys, CSRs, a CA, cfssl gencert/certinfo, chain verification')
    .addHelpText(
      'after',
      `
cfssl's single-dash flags work as cfssl spells them (-ca=ca.pem, -ca ca.pem, -initca).

Examples (the article's kube-proxy step):
  tlsboot pki gencert -initca ca-csr.json --bare ca
  tlsboot pki gencert -ca=ca.pem -ca-key=ca-key.pem -config=ca-config.json -profile=kubernetes kube-proxy-csr.json --bare kube-proxy
  tlsboot pki certinfo -cert kube-proxy.pem
  tlsboot pki verify --ca-file ca.pem kube-proxy.pem
`,
    );
  caCommand(pki, ctx.io, ctx.now);
  csrCommand(pki, ctx.io);
  gencertCommand(pki, ctx.io, ctx.now);
  certinfoCommand(pki, ctx.io);
  verifyCommand(pki, ctx.io, ctx.now, ctx.setExit);
  return pki;
}
