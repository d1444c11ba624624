/**
 * Table responses (meta.k8s.io/v1), what `kubectl get` asks for: one convertor per kind with the
 * columns of k/k pkg/printers/internalversion/printers.go, and rest.defaultTableConvertor
 * (k8s.io/apiserver/pkg/registry/rest/table.go: Name, Created At) for kinds without a printer.
 * Rows carry the object as PartialObjectMetadata by default (includeObject=Metadata), the whole
 * object with includeObject=Object, nothing with None (handlers/response.go asTable).
 */
import { newBadRequest } from '@tlsboot/api';
import type { KubeObject, ListMeta, Table, TableColumnDefinition, TableRow } from '@tlsboot/api';

/** metav1.ObjectMeta{}.SwaggerDoc()["name"]. */
export const nameDescription =
  'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names';
/** metav1.ObjectMeta{}.SwaggerDoc()["creationTimestamp"]. */
export const creationTimestampDescription =
  'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata';

export const nameColumn: TableColumnDefinition = { name: 'Name', type: 'string', format: 'name', description: nameDescription, priority: 0 };
export const ageColumn: TableColumnDefinition = { name: 'Age', type: 'string', format: '', description: creationTimestampDescription, priority: 0 };

/** A column: name, type, description; priority 1 shows only with `-o wide`. */
export function column(name: string, type: string, description: string, priority = 0): TableColumnDefinition {
  return { name, type, format: '', description, priority };
}

/** The printer of one kind: its columns and one row of cells per object, at the apiserver's time `now`. */
export interface TableConvertor {
  readonly columns: readonly TableColumnDefinition[];
  cells(obj: KubeObject, now: Date): unknown[];
}

/** rest.NewDefaultTableConvertor: Name and the creation time as RFC 3339. */
export const defaultTableConvertor: TableConvertor = {
  columns: [nameColumn, { name: 'Created At', type: 'date', format: '', description: creationTimestampDescription, priority: 0 }],
  cells: (obj) => [obj.metadata.name ?? '', obj.metadata.creationTimestamp ?? null],
};

export type IncludeObject = 'None' | 'Metadata' | 'Object';

/** The `includeObject` query parameter; anything else is 400 `unrecognized includeObject value: "x"`. */
export function parseIncludeObject(value: string | null): IncludeObject {
  if (value === null || value === '' || value === 'Metadata') return 'Metadata';
  if (value === 'None' || value === 'Object') return value;
  throw newBadRequest(`unrecognized includeObject value: ${JSON.stringify(value)}`);
}

export interface TableOptions {
  includeObject: IncludeObject;
  /** TableOptions.NoHeaders: leave out columnDefinitions. */
  noHeaders?: boolean;
  /** The object's kind and apiVersion, stamped on whole objects (includeObject=Object). */
  typeMeta: { kind: string; apiVersion: string };
}

function rowObject(obj: KubeObject, options: TableOptions): unknown {
  switch (options.includeObject) {
    case 'None':
      return undefined;
    case 'Object': {
      const { kind: _k, apiVersion: _a, ...rest } = obj;
      return { ...options.typeMeta, ...rest };
    }
    default:
      return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
  }
}

/** A Table of `objects`; `meta` is the list's ListMeta (or the single object's resourceVersion). */
export function toTable(convertor: TableConvertor, objects: readonly KubeObject[], meta: ListMeta, now: Date, options: TableOptions): Table {
  const rows: TableRow[] = objects.map((obj) => {
    const row: TableRow = { cells: convertor.cells(obj, now) };
    const o = rowObject(obj, options);
    if (o !== undefined) row.object = o;
    return row;
  });
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: meta,
    columnDefinitions: options.noHeaders ? [] : convertor.columns.map((c) => ({ ...c })),
    rows,
  };
}
