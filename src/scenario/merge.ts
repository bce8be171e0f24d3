/**
 * Section 9: `extends` merging and `--set` overrides, on located trees, so that
 * every value keeps the file and line where it was written.
 */
import { describe, parseYaml, type MapEntry, type MapNode, type TNode } from './tree.js';
import type { Loc, Problem } from './problems.js';
import { wholeFields } from '../deals/registry.js';

const PARTY_WHOLE = new Set(['gross_margin', 'valuation', 'recovery_rate', 'min_cash', 'share_price', 'shares_outstanding']);
const BUILDOUT_WHOLE = new Set(['gw', 'capex_per_gw', 'opex_per_gw_year']);

/**
 * Fields whose map value is one value (a series): a file that sets them
 * replaces them whole rather than key by key. A deal's whole fields are its
 * type's (see mergeDeal).
 */
function isWholeValue(path: readonly string[]): boolean {
  const [top, , field] = path;
  if (path.length === 3 && top === 'parties') return PARTY_WHOLE.has(field as string);
  if (top === 'buildouts') return (path.length === 3 && BUILDOUT_WHOLE.has(field as string)) || (path.length === 4 && field === 'suppliers');
  if (top === 'operations') return path.length === 3;
  if (top === 'uncertain') return path.length === 2;
  return false;
}

/** Merge `over` into `base`: maps key by key, deals by id, anything else replaced. */
export function mergeTrees(base: TNode, over: TNode, path: string[], problems: Problem[]): TNode {
  if (base.t !== 'map' || over.t !== 'map' || isWholeValue(path)) return over;
  const entries = new Map<string, MapEntry>(base.entries);
  for (const [key, entry] of over.entries) {
    const old = entries.get(key);
    if (path.length === 0 && key === 'deals' && old && old.value.t === 'seq' && entry.value.t === 'seq') {
      entries.set(key, { keyLoc: entry.keyLoc, value: mergeDeals(old.value, entry.value, problems) });
    } else if (old) {
      entries.set(key, { keyLoc: entry.keyLoc, value: mergeTrees(old.value, entry.value, [...path, key], problems) });
    } else {
      entries.set(key, entry);
    }
  }
  return { t: 'map', loc: over.loc, entries };
}

function idOf(n: TNode): string | undefined {
  const id = n.t === 'map' ? n.entries.get('id')?.value : undefined;
  return id && id.t === 'scalar' && id.type === 'string' ? id.text : undefined;
}

function mergeDeals(base: Extract<TNode, { t: 'seq' }>, over: Extract<TNode, { t: 'seq' }>, problems: Problem[]): TNode {
  const items = [...base.items];
  for (const [i, deal] of over.items.entries()) {
    const id = idOf(deal);
    if (deal.t !== 'map' || id === undefined) {
      problems.push({ loc: deal.loc, path: `deals[${i}]`, message: 'a deal in a file that extends another needs an id: deals are merged by id' });
      continue;
    }
    const at = items.findIndex((d) => idOf(d) === id);
    const remove = deal.entries.get('remove');
    if (remove) {
      const r = remove.value;
      if (r.t !== 'scalar' || r.type !== 'bool') {
        problems.push({ loc: r.loc, path: `deals.${id}.remove`, message: `expected true or false, got ${describe(r)}` });
        continue;
      }
      if (r.text === 'true') {
        if (at < 0) problems.push({ loc: r.loc, path: `deals.${id}`, message: `there is no deal "${id}" to remove in the scenario this file extends` });
        else items.splice(at, 1);
        continue;
      }
    }
    const entries = new Map(deal.entries);
    entries.delete('remove');
    const clean: MapNode = { t: 'map', loc: deal.loc, entries };
    if (at >= 0) items[at] = mergeDeal(items[at] as TNode, clean, id, problems);
    else items.push(clean);
  }
  return { t: 'seq', loc: over.loc, items };
}

/** A deal merged field by field; the fields its type names whole (series, schedules) are replaced, not merged. */
function mergeDeal(base: TNode, over: MapNode, id: string, problems: Problem[]): TNode {
  if (base.t !== 'map') return over;
  const type = typeOf(over) ?? typeOf(base);
  const whole = wholeFields(type);
  const entries = new Map<string, MapEntry>(base.entries);
  for (const [key, entry] of over.entries) {
    const old = entries.get(key);
    entries.set(key, { keyLoc: entry.keyLoc, value: old && !whole.has(key) ? mergeTrees(old.value, entry.value, ['deals', id, key], problems) : entry.value });
  }
  return { t: 'map', loc: over.loc, entries };
}

function typeOf(n: MapNode): string | undefined {
  const t = n.entries.get('type')?.value;
  return t?.t === 'scalar' ? t.text : undefined;
}

/** One `--set PATH=VALUE`; `index` (1-based) is its place among the options of its kind. */
export interface SetOption {
  readonly text: string;
  readonly index: number;
  /** how problems name the option: `--set` (default), `--vary`, ... */
  readonly file?: string;
}

/**
 * Apply `--set PATH=VALUE` to a merged tree. VALUE is YAML, as in a file.
 * Problems point at `--set:N:COLUMN`, N being which --set it is.
 */
export function applySet(root: TNode, opt: SetOption, problems: Problem[]): TNode {
  const file = opt.file ?? '--set';
  const eq = opt.text.indexOf('=');
  const at: Loc = { file, line: opt.index, col: 1 };
  if (eq <= 0) {
    problems.push({ loc: at, path: '', message: `expected PATH=VALUE (e.g. parties.openai.cash=30B), got ${JSON.stringify(opt.text)}` });
    return root;
  }
  const pathText = opt.text.slice(0, eq).trim();
  const parsed = parseYaml(file, opt.text.slice(eq + 1), { line: opt.index, col: eq + 2 });
  if (!parsed.ok && parsed.empty) {
    problems.push({ loc: { file, line: opt.index, col: eq + 2 }, path: pathText, message: `${file} needs a value after = (PATH=VALUE, e.g. parties.openai.cash=30B; ~ for nothing)` });
    return root;
  }
  if (!parsed.ok) {
    problems.push(...parsed.problems.map((p) => ({ ...p, path: pathText })));
    return root;
  }
  return setNode(root, pathText, parsed.root, at, problems);
}

/**
 * Put `value` at a dotted path (`deals.<id>` or `deals.[N]` inside the deal
 * list; missing maps are created). Returns the new root; the old one is not
 * changed, so one parsed scenario can serve many overrides.
 */
export function setNode(root: TNode, pathText: string, value: TNode, at: Loc, problems: Problem[]): TNode {
  const segments = pathText.split('.');
  if (segments.some((s) => s === '')) {
    problems.push({ loc: at, path: pathText, message: 'the path has an empty segment' });
    return root;
  }
  // the files were read and merged before: an extends put here would be ignored
  if (segments[0] === 'extends') {
    problems.push({ loc: at, path: pathText, message: `extends cannot be set from the command line: ${at.file} applies after the files are merged` });
    return root;
  }
  const set = (node: TNode | undefined, i: number): TNode | undefined => {
    if (i === segments.length) return value;
    const key = segments[i] as string;
    const here = segments.slice(0, i).join('.');
    if (node !== undefined && node.t === 'seq') {
      const byIndex = /^\[(\d+)\]$/.exec(key);
      const idx = byIndex ? Number(byIndex[1]) : node.items.findIndex((d) => idOf(d) === key); // number-ok: a list index
      if (idx < 0 || idx >= node.items.length) {
        const ids = node.items.map(idOf).filter((x) => x !== undefined);
        problems.push({ loc: at, path: pathText, message: `${here} has no item "${key}"${ids.length ? `; the ids are ${ids.join(', ')}` : ''}` });
        return undefined;
      }
      let v = set(node.items[idx], i + 1);
      if (v === undefined) return undefined;
      if (!byIndex && i === segments.length - 1) {
        // a deal replaced whole keeps the id it was named by, so that later messages name it so
        const old = (node.items[idx] as MapNode).entries.get('id') as MapEntry;
        if (v.t !== 'map') {
          problems.push({ loc: v.loc, path: pathText, message: `expected a deal (a map with id, type, ...), got ${describe(v)}` });
          return undefined;
        }
        if (!v.entries.has('id')) v = { t: 'map', loc: v.loc, entries: new Map([['id', old], ...v.entries]) };
      }
      const items = [...node.items];
      items[idx] = v;
      return { t: 'seq', loc: node.loc, items };
    }
    if (node !== undefined && node.t !== 'map') {
      problems.push({ loc: at, path: pathText, message: `${here} is ${describe(node)}, not a map, so it has no field "${key}"` });
      return undefined;
    }
    const entries = new Map<string, MapEntry>(node?.entries ?? []);
    const v = set(entries.get(key)?.value, i + 1);
    if (v === undefined) return undefined;
    entries.set(key, { keyLoc: entries.get(key)?.keyLoc ?? at, value: v });
    return { t: 'map', loc: node?.loc ?? at, entries };
  };
  return set(root, 0) ?? root;
}

/** The node at a dotted path, if there is one. */
export function getNode(root: TNode, pathText: string): TNode | undefined {
  let node: TNode | undefined = root;
  for (const key of pathText.split('.')) {
    if (node === undefined) return undefined;
    if (node.t === 'seq') {
      const byIndex = /^\[(\d+)\]$/.exec(key);
      node = byIndex ? node.items[Number(byIndex[1])] : node.items.find((d) => idOf(d) === key); // number-ok: a list index
    } else if (node.t === 'map') node = node.entries.get(key)?.value;
    else return undefined;
  }
  return node;
}
