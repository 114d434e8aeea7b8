/**
 * Where each node of a parsed spec starts, kept after the YAML parser's tree is gone.
 *
 * Diagnostics name a JSON pointer; the line and column shown with it come from the parser's
 * tree. That tree is large (about 190 MB for GitHub's 13 MB spec), and diagnostics arrive until
 * the last guard is written. This index holds only what locating needs: per node, the offset it
 * is located at, its kind and where its children are, in typed arrays, and a key per map entry.
 * It is built once, right after parsing, so the tree is garbage before anything else runs. As
 * plain data it can also be posted from the thread that parsed the spec (generator/cli/worker.ts).
 */
import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import { parsePointer } from './diagnostics.js';

export interface PositionData {
  /** Per node: the offset it is located at (a map entry at its key), or -1 for none. */
  at: Int32Array;
  kind: Uint8Array;
  /** Per node: its first child; a node's children have consecutive numbers. */
  firstChild: Int32Array;
  childCount: Int32Array;
  /** Per node that is a map entry: its key as text, as a pointer token spells it. */
  keys: Array<string | undefined>;
}

const LEAF = 0;
const MAP = 1;
const LIST = 2;

export class PositionIndex {
  private constructor(private readonly index: PositionData) {}

  /** The index of the tree under `root` (a document's contents), breadth first, without recursion. */
  static of(root: Node | null): PositionIndex {
    const at: number[] = [];
    const kind: number[] = [];
    const firstChild: number[] = [];
    const childCount: number[] = [];
    const keys: Array<string | undefined> = [];
    // Node i's YAML node waits here until its children are numbered.
    const pending: Array<Node | null> = [];
    const add = (node: Node | null, offset: number | undefined, key: string | undefined) => {
      at.push(offset ?? -1);
      kind.push(isMap(node) ? MAP : isSeq(node) ? LIST : LEAF);
      firstChild.push(0);
      childCount.push(0);
      keys.push(key);
      pending.push(node);
    };
    add(root, root?.range?.[0], undefined);
    for (let i = 0; i < pending.length; i++) {
      const node = pending[i]!;
      pending[i] = null;
      firstChild[i] = at.length;
      if (isMap(node)) {
        for (const pair of node.items as Array<Pair<unknown, unknown>>) {
          const value = pair.value as Node | null;
          // An entry is located at its key; a key that is not a plain scalar, at its value.
          const offset = isScalar(pair.key) ? pair.key.range?.[0] : value?.range?.[0];
          add(value, offset, isScalar(pair.key) ? String(pair.key.value) : String(pair.key));
        }
      } else if (isSeq(node)) {
        for (const item of node.items as Array<Node | null>) add(item, item?.range?.[0], undefined);
      }
      childCount[i] = at.length - firstChild[i]!;
    }
    return new PositionIndex({
      at: Int32Array.from(at),
      kind: Uint8Array.from(kind),
      firstChild: Int32Array.from(firstChild),
      childCount: Int32Array.from(childCount),
      keys,
    });
  }

  /** The index again from its data (posted from another thread, say). */
  static from(data: PositionData): PositionIndex {
    return new PositionIndex(data);
  }

  data(): PositionData {
    return this.index;
  }

  /**
   * The offset of the node at a JSON pointer. A pointer that runs past the document is located
   * at the deepest node it reached; a map entry at its key, a list item at the item itself.
   */
  offsetOf(pointer: string): number | undefined {
    const { at, kind, firstChild, childCount, keys } = this.index;
    let node = 0;
    for (const token of parsePointer(pointer)) {
      const first = firstChild[node]!;
      const count = childCount[node]!;
      let child = -1;
      if (kind[node] === MAP) {
        for (let c = first; c < first + count; c++) {
          if (keys[c] === token) {
            child = c;
            break;
          }
        }
      } else if (kind[node] === LIST && /^(0|[1-9][0-9]*)$/.test(token) && Number(token) < count) {
        child = first + Number(token);
      }
      if (child < 0) break;
      node = child;
    }
    const offset = at[node]!;
    return offset < 0 ? undefined : offset;
  }
}
