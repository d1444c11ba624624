/**
 * meta.k8s.io/v1 Table, what `kubectl get` asks for with
 * `Accept: application/json;as=Table;v=v1;g=meta.k8s.io` (k8s.io/apimachinery/pkg/apis/meta/v1/types.go).
 * Types and the media type only; the columns per kind belong to the apiserver's printers.
 */
import type { ListMeta, ObjectMeta } from './meta.js';

/** The Table media type kubectl 1.32 lists first in its Accept header. */
export const tableMediaType = 'application/json;as=Table;v=v1;g=meta.k8s.io';

export interface TableColumnDefinition {
  name: string;
  /** `string`, `integer`, `number`, `boolean`, `date`. */
  type: string;
  /** e.g. `name` for the Name column. */
  format: string;
  description: string;
  /** 0 shows by default; higher shows with `-o wide`. */
  priority: number;
}

/** metav1.PartialObjectMetadata: what a row's `object` holds by default (includeObject=Metadata). */
export interface PartialObjectMetadata {
  kind: 'PartialObjectMetadata';
  apiVersion: 'meta.k8s.io/v1';
  metadata: ObjectMeta;
}

export interface TableRow {
  cells: unknown[];
  conditions?: { type: 'Completed' | (string & {}); status: 'True' | 'False' | 'Unknown'; reason?: string; message?: string }[];
  object?: unknown;
}

export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: ListMeta;
  columnDefinitions: TableColumnDefinition[];
  rows: TableRow[];
}
