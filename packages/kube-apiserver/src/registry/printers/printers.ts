/** Which printer serves each resource; the rest get rest.defaultTableConvertor. */
import type { ResourceInfo } from '@tlsboot/api';
import { configMapPrinter, namespacePrinter, nodePrinter, podPrinter, secretPrinter, serviceAccountPrinter, servicePrinter } from './core-printers.js';
import { certificateSigningRequestPrinter, leasePrinter, roleBindingPrinter, rolePrinter } from './other-printers.js';
import { defaultTableConvertor } from './table.js';
import type { TableConvertor } from './table.js';

const printers: Record<string, TableConvertor> = {
  '/namespaces': namespacePrinter,
  '/nodes': nodePrinter,
  '/secrets': secretPrinter,
  '/configmaps': configMapPrinter,
  '/serviceaccounts': serviceAccountPrinter,
  '/pods': podPrinter,
  '/services': servicePrinter,
  'certificates.k8s.io/certificatesigningrequests': certificateSigningRequestPrinter,
  'coordination.k8s.io/leases': leasePrinter,
  'rbac.authorization.k8s.io/roles': rolePrinter,
  'rbac.authorization.k8s.io/clusterroles': rolePrinter,
  'rbac.authorization.k8s.io/rolebindings': roleBindingPrinter,
  'rbac.authorization.k8s.io/clusterrolebindings': roleBindingPrinter,
};

export function tableConvertorFor(info: ResourceInfo): TableConvertor {
  return printers[`${info.group}/${info.resource}`] ?? defaultTableConvertor;
}
