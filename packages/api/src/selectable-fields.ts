/**
 * What a field selector can see of an object, per resource: the field-label conversion the
 * apiserver applies to a selector (runtime.Scheme ConvertFieldLabel: `field label not supported: X`)
 * and the field set each registry's GetAttrs exposes (generic.ObjectMetaFieldsSet plus the
 * resource's own, e.g. k/k pkg/registry/core/pod/strategy.go ToSelectableFields).
 */
import { ApiError } from './errors.js';
import type { FieldSelector, Fields } from './fields.js';
import type { KubeObject } from './meta.js';
import type { ResourceInfo } from './resources.js';

/**
 * ConvertFieldLabel: the label a selector may use for this resource (an alias such as pods'
 * `spec.host` becomes `spec.nodeName`), or FIELD_LABEL_NOT_SUPPORTED
 * `field label not supported: <label>` (the apiserver answers 400 with that text).
 */
export function convertFieldLabel(info: ResourceInfo, label: string): string {
  const renamed = Object.hasOwn(info.fieldLabelAliases, label) ? info.fieldLabelAliases[label]! : label;
  if (renamed !== label || info.fieldSelectors.includes(label)) return renamed;
  throw new ApiError('FIELD_LABEL_NOT_SUPPORTED', `field label not supported: ${label}`);
}

/** A parsed field selector with every label converted for `info` (throws as convertFieldLabel). */
export function convertFieldSelector(info: ResourceInfo, selector: FieldSelector): FieldSelector {
  return selector.transform((field, value) => [convertFieldLabel(info, field), value]);
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null ? (v as Obj) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The flat field set a field selector is matched against for `object` of resource `info`. */
export function selectableFields(info: ResourceInfo, object: KubeObject): Fields {
  const f: Record<string, string> = { 'metadata.name': object.metadata.name ?? '' };
  if (info.namespaced) f['metadata.namespace'] = object.metadata.namespace ?? '';
  const spec = obj(object['spec']);
  const status = obj(object['status']);
  switch (`${info.group}/${info.resource}`) {
    case '/pods': {
      const podIPs = Array.isArray(status['podIPs']) ? (status['podIPs'] as unknown[]) : [];
      f['spec.nodeName'] = str(spec['nodeName']);
      f['spec.restartPolicy'] = str(spec['restartPolicy']);
      f['spec.schedulerName'] = str(spec['schedulerName']);
      f['spec.serviceAccountName'] = str(spec['serviceAccountName']);
      f['spec.hostNetwork'] = String(spec['hostNetwork'] === true);
      f['status.phase'] = str(status['phase']);
      f['status.podIP'] = podIPs.length > 0 ? str(obj(podIPs[0])['ip']) : '';
      f['status.nominatedNodeName'] = str(status['nominatedNodeName']);
      break;
    }
    case '/nodes':
      f['spec.unschedulable'] = String(spec['unschedulable'] === true);
      break;
    case '/namespaces':
      f['status.phase'] = str(status['phase']);
      break;
    case '/secrets':
      f['type'] = str(object['type']);
      break;
    case '/services':
      f['spec.clusterIP'] = str(spec['clusterIP']);
      f['spec.type'] = str(spec['type']);
      break;
    case '/events':
    case 'events.k8s.io/events': {
      // One stored object, two spellings: core v1 (involvedObject, source) and events.k8s.io/v1 (regarding, deprecatedSource).
      const ref = obj(object['involvedObject'] ?? object['regarding']);
      const reporting = str(object['reportingComponent'] ?? object['reportingController']);
      const source = str(obj(object['source'] ?? object['deprecatedSource'])['component']);
      f['involvedObject.kind'] = str(ref['kind']);
      f['involvedObject.namespace'] = str(ref['namespace']);
      f['involvedObject.name'] = str(ref['name']);
      f['involvedObject.uid'] = str(ref['uid']);
      f['involvedObject.apiVersion'] = str(ref['apiVersion']);
      f['involvedObject.resourceVersion'] = str(ref['resourceVersion']);
      f['involvedObject.fieldPath'] = str(ref['fieldPath']);
      f['reason'] = str(object['reason']);
      f['reportingComponent'] = reporting;
      f['source'] = source !== '' ? source : reporting;
      f['type'] = str(object['type']);
      break;
    }
    case 'certificates.k8s.io/certificatesigningrequests':
      f['spec.signerName'] = str(spec['signerName']);
      break;
  }
  return f;
}
