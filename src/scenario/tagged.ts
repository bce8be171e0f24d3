/** A map whose tag field (`type`, `dist`) picks which object decoder reads it. */
import { expectMap, join, type Cx, type Decoder } from './decode.js';
import { suggest } from './problems.js';
import { describe, type TNode } from './tree.js';

/** The variants by tag value; the decoded value carries its tag as `kind`. */
export function tagged<T extends Record<string, Decoder<unknown> & { fields: object }>>(variants: T, what: string, tag = 'type'): Decoder<unknown> {
  const names = Object.keys(variants);
  return {
    decode(n: TNode, path: string, cx: Cx) {
      const m = expectMap(n, path, cx);
      if (!m) return undefined;
      const t = m.entries.get(tag);
      if (!t) {
        cx.error(n.loc, path, `the field "${tag}" is missing (${names.join(' | ')})`);
        return undefined;
      }
      const name = t.value.t === 'scalar' ? t.value.text : '';
      // a user's text is never looked up on a plain object: "constructor" is not a variant
      const variant = Object.hasOwn(variants, name) ? variants[name] : undefined;
      if (!variant) {
        const near = suggest(name, names);
        cx.error(t.value.loc, join(path, tag), `expected a ${what} type: ${names.join(', ')}; got ${describe(t.value)}${near ? `; did you mean "${near}"?` : ''}`);
        return undefined;
      }
      const v = variant.decode(n, path, cx);
      return v && { kind: name, ...(v as object) };
    },
    schema: () => ({ oneOf: names.map((k) => (variants[k] as Decoder<unknown>).schema()) }),
  };
}
