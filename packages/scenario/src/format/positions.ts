import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

/**
 * From a field path (the segments of an ajv instancePath, or of a walk over the loaded data) to
 * where it was written in the YAML text, and to the dotted form users read
 * (`spec.steps[2].advance`).
 */

export type PathSegment = string | number;

/** `spec.steps[2].advance`; keys that are not identifiers are quoted: `labels["tlsboot.dev/x"]`. */
export function fieldPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const seg of segments) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** The segments of an RFC 6901 JSON Pointer; array indexes become numbers where `data` has arrays. */
export function pointerSegments(pointer: string, data: unknown): PathSegment[] {
  if (pointer === '') return [];
  const out: PathSegment[] = [];
  let here: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(here)) {
      out.push(Number(seg));
      here = here[Number(seg)];
    } else {
      out.push(seg);
      here = here !== null && typeof here === 'object' ? (here as Record<string, unknown>)[seg] : undefined;
    }
  }
  return out;
}

export interface Position {
  line: number;
  column: number;
}

/** Positions inside one parsed YAML document. */
export class DocumentPositions {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  /** Where a character offset is, 1-based. */
  at(offset: number): Position {
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }

  /** Where the value at `segments` was written (the deepest existing node on the way). */
  value(segments: readonly PathSegment[]): Position {
    return this.at(this.walk(segments).node?.range?.[0] ?? 0);
  }

  /** Where the key `key` of the map at `segments` was written; the map itself when absent. */
  key(segments: readonly PathSegment[], key: string): Position {
    const { node, complete } = this.walk(segments);
    if (complete && isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
      const keyNode = pair?.key as Node | undefined;
      if (keyNode?.range) return this.at(keyNode.range[0]);
    }
    return this.at(node?.range?.[0] ?? 0);
  }

  private walk(segments: readonly PathSegment[]): { node: Node | undefined; complete: boolean } {
    let node = (this.doc.contents ?? undefined) as Node | undefined;
    for (const seg of segments) {
      let next: unknown;
      if (isMap(node)) next = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg))?.value;
      else if (isSeq(node)) next = node.items[Number(seg)];
      if (!next || typeof next !== 'object' || !('range' in next)) return { node, complete: false };
      node = next as Node;
    }
    return { node, complete: true };
  }
}
