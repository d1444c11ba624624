/**
 * `GET /version`: a k8s.io/apimachinery/pkg/version.Info for v1.32. Simulated: the git fields name
 * no real build; gitVersion carries a `-tlsboot` suffix so nobody mistakes this for a real
 * kube-apiserver.
 */
import { arch, platform } from 'node:process';

export interface VersionInfo {
  major: string;
  minor: string;
  gitVersion: string;
  gitCommit: string;
  gitTreeState: string;
  buildDate: string;
  goVersion: string;
  compiler: string;
  platform: string;
}

const goArch: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386', ppc64: 'ppc64le', s390x: 's390x' };

export function versionInfo(): VersionInfo {
  return {
    major: '1',
    minor: '32',
    gitVersion: 'v1.32.0-tlsboot',
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2024-12-11T00:00:00Z',
    goVersion: 'go1.23.3',
    compiler: 'gc',
    platform: `${platform}/${goArch[arch] ?? arch}`,
  };
}
