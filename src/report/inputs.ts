/**
 * The resolved scenario (after `extends` and `--set`) as flat rows: one per
 * value, by the path `--set` takes, with the value as written and where it was
 * written. The xlsx export's Inputs sheet.
 */
import type { TNode } from '../scenario/tree.js';
import { nodeText } from './diff.js';

export interface InputRow {
  /** a `--set` path: map keys, list items by id (`deals.nvidia-credit`) or by index (`funding.[0]`) */
  readonly path: string;
  /** the value as written, in YAML flow style (`12B`, `6%`, `~`, `[]`) */
  readonly value: string;
  /** `file:line` where the value was written, `--set:N` for the N-th --set */
  readonly at: string;
}

/** A list item's name in a path: its id when it has a text one, else its index. */
function itemKey(n: TNode, i: number): string {
  const id = n.t === 'map' ? n.entries.get('id')?.value : undefined;
  return id?.t === 'scalar' && id.type === 'string' && id.text !== '' && !id.text.includes('.') ? id.text : `[${i}]`;
}

/** Every value of the tree in file order. */
export function inputRows(root: TNode): InputRow[] {
  const out: InputRow[] = [];
  const walk = (n: TNode, path: string): void => {
    const at = `${n.loc.file}:${n.loc.line}`;
    if (n.t === 'scalar' || (n.t === 'map' && n.entries.size === 0) || (n.t === 'seq' && n.items.length === 0)) {
      out.push({ path, value: nodeText(n), at });
      return;
    }
    const join = (key: string): string => (path === '' ? key : `${path}.${key}`);
    if (n.t === 'map') for (const [key, e] of n.entries) walk(e.value, join(key));
    else n.items.forEach((item, i) => walk(item, join(itemKey(item, i))));
  };
  walk(root, '');
  return out;
}
