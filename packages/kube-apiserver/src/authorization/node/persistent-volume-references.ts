/**
 * The secrets a PersistentVolume names, as pvutil.VisitPVSecretNames (kubernetes/kubernetes:
 * pkg/api/v1/persistentvolume/util.go) reads them: each with its namespace (the secret
 * reference's own, else the bound claim's) and whether the kubelet uses it (CSI controller
 * secrets are not kubelet-visible, so they grant the node nothing). Empty names are skipped.
 */

interface SecretRef {
  name?: string;
  namespace?: string;
}

/** The parts of a PersistentVolume (core/v1, JSON) the Node authorizer reads. */
export interface PersistentVolumeView {
  metadata: { name?: string };
  spec?: {
    claimRef?: { namespace?: string; name?: string };
    azureFile?: { secretName?: string; secretNamespace?: string };
    cephfs?: { secretRef?: SecretRef };
    cinder?: { secretRef?: SecretRef };
    flexVolume?: { secretRef?: SecretRef };
    rbd?: { secretRef?: SecretRef };
    scaleIO?: { secretRef?: SecretRef };
    iscsi?: { secretRef?: SecretRef };
    storageos?: { secretRef?: SecretRef };
    csi?: {
      controllerPublishSecretRef?: SecretRef;
      controllerExpandSecretRef?: SecretRef;
      nodePublishSecretRef?: SecretRef;
      nodeStageSecretRef?: SecretRef;
      nodeExpandSecretRef?: SecretRef;
    };
  };
}

export interface PersistentVolumeSecret {
  namespace: string;
  name: string;
  kubeletVisible: boolean;
}

export function persistentVolumeSecretNames(pv: PersistentVolumeView): PersistentVolumeSecret[] {
  const s = pv.spec ?? {};
  const claimNs = s.claimRef?.namespace ?? '';
  const out: PersistentVolumeSecret[] = [];
  const add = (namespace: string, name: string | undefined, kubeletVisible = true): void => {
    if (name !== undefined && name !== '') out.push({ namespace, name, kubeletVisible });
  };
  // "previously persisted PV objects use claimRef namespace" unless the reference has its own
  const refNs = (ref: SecretRef): string => (ref.namespace !== undefined && ref.namespace !== '' ? ref.namespace : claimNs);
  if (s.azureFile) {
    const ns = s.azureFile.secretNamespace !== undefined && s.azureFile.secretNamespace !== '' ? s.azureFile.secretNamespace : claimNs;
    add(ns, s.azureFile.secretName);
  } else if (s.cephfs) {
    if (s.cephfs.secretRef) add(refNs(s.cephfs.secretRef), s.cephfs.secretRef.name);
  } else if (s.cinder) {
    if (s.cinder.secretRef) add(s.cinder.secretRef.namespace ?? '', s.cinder.secretRef.name);
  } else if (s.flexVolume) {
    if (s.flexVolume.secretRef) add(refNs(s.flexVolume.secretRef), s.flexVolume.secretRef.name);
  } else if (s.rbd) {
    if (s.rbd.secretRef) add(refNs(s.rbd.secretRef), s.rbd.secretRef.name);
  } else if (s.scaleIO) {
    if (s.scaleIO.secretRef) add(refNs(s.scaleIO.secretRef), s.scaleIO.secretRef.name);
  } else if (s.iscsi) {
    if (s.iscsi.secretRef) add(refNs(s.iscsi.secretRef), s.iscsi.secretRef.name);
  } else if (s.storageos) {
    if (s.storageos.secretRef) add(s.storageos.secretRef.namespace ?? '', s.storageos.secretRef.name);
  } else if (s.csi) {
    const c = s.csi;
    if (c.controllerPublishSecretRef) add(c.controllerPublishSecretRef.namespace ?? '', c.controllerPublishSecretRef.name, false);
    if (c.controllerExpandSecretRef) add(c.controllerExpandSecretRef.namespace ?? '', c.controllerExpandSecretRef.name, false);
    if (c.nodePublishSecretRef) add(c.nodePublishSecretRef.namespace ?? '', c.nodePublishSecretRef.name);
    if (c.nodeStageSecretRef) add(c.nodeStageSecretRef.namespace ?? '', c.nodeStageSecretRef.name);
    if (c.nodeExpandSecretRef) add(c.nodeExpandSecretRef.namespace ?? '', c.nodeExpandSecretRef.name);
  }
  return out;
}
