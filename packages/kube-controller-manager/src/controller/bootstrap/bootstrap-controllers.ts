/**
 * Descriptors and start functions of the bootstrap-token controllers (kubernetes/kubernetes
 * cmd/kube-controller-manager/app/bootstrap.go: startBootstrapSignerController,
 * startTokenCleanerController). Both are disabled by default: kubeadm turns them on with
 * `--controllers=*,bootstrapsigner,tokencleaner`.
 */
import type { ControllerContext, ControllerDescriptor, RunningController } from '../../controller-context.js';
import { bootstrapSignerControllerName, tokenCleanerControllerName } from '../../names.js';
import { BootstrapSigner } from './bootstrapsigner.js';
import { TokenCleaner } from './tokencleaner.js';

/** ClientOrDie("bootstrap-signer"). */
export const bootstrapSignerServiceAccount = 'bootstrap-signer';
/** ClientOrDie("token-cleaner"). */
export const tokenCleanerServiceAccount = 'token-cleaner';

export async function startBootstrapSignerController(ctx: ControllerContext): Promise<RunningController> {
  const signer = new BootstrapSigner({
    client: await ctx.clientFor(bootstrapSignerServiceAccount),
    secrets: ctx.informers.secrets(),
    configMaps: ctx.informers.configMaps(),
    clock: ctx.clock,
    emit: ctx.emit,
    handleError: ctx.handleError,
  });
  void signer.run().catch(ctx.handleError);
  return { stop: () => signer.stop() };
}

export async function startTokenCleanerController(ctx: ControllerContext): Promise<RunningController> {
  const cleaner = new TokenCleaner({
    client: await ctx.clientFor(tokenCleanerServiceAccount),
    secrets: ctx.informers.secrets(),
    clock: ctx.clock,
    emit: ctx.emit,
    handleError: ctx.handleError,
  });
  void cleaner.run().catch(ctx.handleError);
  return { stop: () => cleaner.stop() };
}

export const bootstrapSignerControllerDescriptor: ControllerDescriptor = {
  name: bootstrapSignerControllerName,
  aliases: ['bootstrapsigner'],
  enabledByDefault: false,
  serviceAccount: bootstrapSignerServiceAccount,
  init: startBootstrapSignerController,
};

export const tokenCleanerControllerDescriptor: ControllerDescriptor = {
  name: tokenCleanerControllerName,
  aliases: ['tokencleaner'],
  enabledByDefault: false,
  serviceAccount: tokenCleanerServiceAccount,
  init: startTokenCleanerController,
};
