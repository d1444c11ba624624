/** authentication.k8s.io/v1 kinds as k8s.io/api/authentication/v1/types.go serializes them. Types only. */
import type { KubeObject } from './meta.js';
import type { ObjectReference } from './core-v1.js';

export interface UserInfo {
  username?: string;
  uid?: string;
  groups?: string[];
  extra?: Record<string, string[]>;
}

export interface TokenReview extends KubeObject {
  spec: { token?: string; audiences?: string[] };
  status?: { authenticated?: boolean; user?: UserInfo; audiences?: string[]; error?: string };
}

/** What `kubectl auth whoami` posts; the server fills status.userInfo. */
export interface SelfSubjectReview extends KubeObject {
  status?: { userInfo?: UserInfo };
}

/** The serviceaccounts/token subresource's body. */
export interface TokenRequest extends KubeObject {
  spec: { audiences: string[]; expirationSeconds?: number; boundObjectRef?: ObjectReference };
  status?: { token: string; expirationTimestamp: string };
}
