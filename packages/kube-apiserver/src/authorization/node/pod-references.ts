/**
 * The objects a pod names, as the Node authorizer's graph and NodeRestriction read them from the
 * pod's JSON: podutil.VisitPodSecretNames / VisitPodConfigmapNames (kubernetes/kubernetes:
 * pkg/api/v1/pod/util.go, also pkg/api/pod/util.go for the internal type), the PVC of a volume
 * (ephemeral.VolumeClaimName in k8s.io/component-helpers/storage/ephemeral) and the
 * ResourceClaim of a pod claim (resourceclaim.Name in k8s.io/dynamic-resource-allocation).
 * Order follows upstream (image pull secrets, init containers, containers, ephemeral
 * containers, volumes); empty names are skipped (skipEmptyNames).
 */

interface NameRef {
  name?: string;
}

interface ContainerView {
  envFrom?: { secretRef?: NameRef; configMapRef?: NameRef }[];
  env?: { valueFrom?: { secretKeyRef?: NameRef; configMapKeyRef?: NameRef } }[];
}

interface VolumeView {
  name?: string;
  azureFile?: { secretName?: string };
  cephfs?: { secretRef?: NameRef };
  cinder?: { secretRef?: NameRef };
  flexVolume?: { secretRef?: NameRef };
  projected?: { sources?: { secret?: NameRef; configMap?: NameRef; clusterTrustBundle?: unknown }[] };
  rbd?: { secretRef?: NameRef };
  secret?: { secretName?: string };
  scaleIO?: { secretRef?: NameRef };
  iscsi?: { secretRef?: NameRef };
  storageos?: { secretRef?: NameRef };
  csi?: { nodePublishSecretRef?: NameRef };
  configMap?: NameRef;
  persistentVolumeClaim?: { claimName?: string };
  ephemeral?: unknown;
}

/** The parts of a Pod (core/v1, JSON) that reference other objects. */
export interface PodView {
  metadata: { name?: string; namespace?: string; uid?: string; annotations?: Record<string, string>; labels?: Record<string, string> };
  spec?: {
    nodeName?: string;
    serviceAccountName?: string;
    imagePullSecrets?: NameRef[];
    initContainers?: ContainerView[];
    containers?: ContainerView[];
    ephemeralContainers?: ContainerView[];
    volumes?: VolumeView[];
    resourceClaims?: { name?: string; resourceClaimName?: string; resourceClaimTemplateName?: string }[];
  };
  status?: { resourceClaimStatuses?: { name?: string; resourceClaimName?: string | null }[] };
}

/** corev1.MirrorPodAnnotationKey. */
export const mirrorPodAnnotationKey = 'kubernetes.io/config.mirror';

export function isMirrorPod(pod: PodView): boolean {
  return Object.hasOwn(pod.metadata.annotations ?? {}, mirrorPodAnnotationKey);
}

function containers(pod: PodView): ContainerView[] {
  const s = pod.spec ?? {};
  return [...(s.initContainers ?? []), ...(s.containers ?? []), ...(s.ephemeralContainers ?? [])];
}

const named = (names: (string | undefined)[]): string[] => names.filter((n): n is string => n !== undefined && n !== '');

/** VisitPodSecretNames. */
export function podSecretNames(pod: PodView): string[] {
  const out: (string | undefined)[] = (pod.spec?.imagePullSecrets ?? []).map((r) => r.name);
  for (const c of containers(pod)) {
    for (const e of c.envFrom ?? []) if (e.secretRef) out.push(e.secretRef.name);
    for (const e of c.env ?? []) if (e.valueFrom?.secretKeyRef) out.push(e.valueFrom.secretKeyRef.name);
  }
  for (const v of pod.spec?.volumes ?? []) {
    // the first volume source present decides, as upstream's switch does
    if (v.azureFile) out.push(v.azureFile.secretName);
    else if (v.cephfs) out.push(v.cephfs.secretRef?.name);
    else if (v.cinder) out.push(v.cinder.secretRef?.name);
    else if (v.flexVolume) out.push(v.flexVolume.secretRef?.name);
    else if (v.projected) for (const s of v.projected.sources ?? []) out.push(s.secret?.name);
    else if (v.rbd) out.push(v.rbd.secretRef?.name);
    else if (v.secret) out.push(v.secret.secretName);
    else if (v.scaleIO) out.push(v.scaleIO.secretRef?.name);
    else if (v.iscsi) out.push(v.iscsi.secretRef?.name);
    else if (v.storageos) out.push(v.storageos.secretRef?.name);
    else if (v.csi) out.push(v.csi.nodePublishSecretRef?.name);
  }
  return named(out);
}

/** VisitPodConfigmapNames. */
export function podConfigMapNames(pod: PodView): string[] {
  const out: (string | undefined)[] = [];
  for (const c of containers(pod)) {
    for (const e of c.envFrom ?? []) if (e.configMapRef) out.push(e.configMapRef.name);
    for (const e of c.env ?? []) if (e.valueFrom?.configMapKeyRef) out.push(e.valueFrom.configMapKeyRef.name);
  }
  for (const v of pod.spec?.volumes ?? []) {
    if (v.projected) for (const s of v.projected.sources ?? []) out.push(s.configMap?.name);
    else if (v.configMap) out.push(v.configMap.name);
  }
  return named(out);
}

/** The PVC of each volume: a persistentVolumeClaim's claimName, or `<pod>-<volume>` for a generic ephemeral volume. */
export function podClaimNames(pod: PodView): string[] {
  const out: string[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    let claim = '';
    if (v.persistentVolumeClaim) claim = v.persistentVolumeClaim.claimName ?? '';
    else if (v.ephemeral) claim = `${pod.metadata.name ?? ''}-${v.name ?? ''}`;
    if (claim !== '') out.push(claim);
  }
  return out;
}

/**
 * resourceclaim.Name for each pod claim that has one: resourceClaimName as given, or the name the
 * controller recorded in status.resourceClaimStatuses for a template (none yet, or a null name,
 * means no claim to grant).
 */
export function podResourceClaimNames(pod: PodView): string[] {
  const out: string[] = [];
  for (const c of pod.spec?.resourceClaims ?? []) {
    if (c.resourceClaimName !== undefined) out.push(c.resourceClaimName);
    else if (c.resourceClaimTemplateName !== undefined) {
      const st = (pod.status?.resourceClaimStatuses ?? []).find((s) => s.name === c.name);
      if (st?.resourceClaimName) out.push(st.resourceClaimName);
    }
  }
  return out;
}

/** resourceClaimStatusesEqual (graph_populator.go and noderestriction admission.go). */
export function resourceClaimStatusesEqual(a: PodView['status'], b: PodView['status']): boolean {
  const x = a?.resourceClaimStatuses ?? [];
  const y = b?.resourceClaimStatuses ?? [];
  if (x.length !== y.length) return false;
  return x.every((s, i) => s.name === y[i]!.name && (s.resourceClaimName ?? null) === (y[i]!.resourceClaimName ?? null));
}
