/**
 * Small decoder combinators: each reads a located tree node into a typed value,
 * reports every problem with its location and field path, and describes itself
 * as JSON Schema, so that validation and `stargate schema` cannot drift apart.
 */
import { Dec } from '../money/decimal.js';
import { describe, type MapNode, type ScalarNode, type TNode } from './tree.js';
import { suggest, type Loc, type Problem } from './problems.js';
import { parseAmount, parseCount, parseQuantity, parseRatio, type Parsed } from './values.js';
import { MAX_YEAR, MIN_YEAR, parsePeriod, PERIOD_HINT, type Period } from './periods.js';

export type JsonSchema = Record<string, unknown>;

/**
 * What decoding remembers: each decoder's results by tree node. Trees are
 * immutable and an analysis decodes the same one thousands of times with a
 * few values changed, so it passes one cache to every decode; a lone decode
 * gets a fresh one.
 */
export class DecodeCache {
  private readonly byDecoder = new WeakMap<object, WeakMap<TNode, unknown>>();
  /** the results of one decoder (shared: never modified) */
  of<T>(decoder: object): WeakMap<TNode, T> {
    let m = this.byDecoder.get(decoder);
    if (!m) this.byDecoder.set(decoder, (m = new WeakMap()));
    return m as WeakMap<TNode, T>;
  }
}

/** Decoding context: where problems go, and what decoders remember. */
export class Cx {
  readonly problems: Problem[] = [];
  constructor(readonly cache: DecodeCache = new DecodeCache()) {}
  error(loc: Loc, path: string, message: string): void {
    this.problems.push({ loc, path, message });
  }
}

export interface Decoder<T> {
  decode(n: TNode, path: string, cx: Cx): T | undefined;
  schema(): JsonSchema;
}

/** A value with where it was written. */
export interface At<T> {
  readonly value: T;
  readonly loc: Loc;
  readonly path: string;
}

export function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function expectScalar(n: TNode, path: string, cx: Cx, what: string): ScalarNode | undefined {
  if (n.t !== 'scalar') {
    cx.error(n.loc, path, `expected ${what}, got ${describe(n)}`);
    return undefined;
  }
  return n;
}

/**
 * The decoder that read a number, kept on the value it made (a symbol key, so
 * invisible to JSON and to Object.keys): an analysis can put another number
 * at the same place and check it by the same rules (see analysis/evaluate.ts).
 */
const NUMERIC = Symbol('numeric decoder');
export type NumericAt = At<Dec> & { readonly [NUMERIC]?: Decoder<At<Dec>> };

/** A scalar parsed by a section-1 parser, with an optional range check. */
function numeric(
  parse: (s: ScalarNode) => Parsed,
  what: string,
  schema: JsonSchema,
  check?: (d: Dec) => string | undefined,
): Decoder<At<Dec>> {
  const self: Decoder<At<Dec>> = {
    decode(n, path, cx) {
      const s = expectScalar(n, path, cx, what);
      if (!s) return undefined;
      // each scalar is parsed once per cache
      const parsed = cx.cache.of<Parsed>(self);
      let r = parsed.get(s);
      if (!r) {
        // a plain number is the same value as an amount, a ratio (as a fraction) or a quantity
        // a value an analysis put there (exact) is read as it is, and not remembered: it lives for one run
        if (s.exact !== undefined) r = { ok: true, value: s.exact };
        else parsed.set(s, (r = parse(s)));
      }
      if (!r.ok) {
        cx.error(n.loc, path, r.message);
        return undefined;
      }
      const bad = check?.(r.value);
      if (bad) {
        cx.error(n.loc, path, bad);
        return undefined;
      }
      const at: NumericAt = { value: r.value, loc: n.loc, path, [NUMERIC]: self };
      return at;
    },
    schema: () => schema,
  };
  return self;
}

/** Where a number sits in a decoded scenario: the property keys from the root to it, and the decoder that read it. */
export interface NumericLeaf {
  readonly keys: readonly (string | number)[];
  readonly decoder: Decoder<At<Dec>>;
}

/**
 * Every number of a decoded scenario by its path, found in one walk (a path
 * written twice maps to undefined: it names no one number). Callers that look
 * up several paths keep the map.
 */
export function numericLeaves(root: unknown): ReadonlyMap<string, NumericLeaf | undefined> {
  const found = new Map<string, NumericLeaf | undefined>();
  const keys: (string | number)[] = [];
  const walk = (o: unknown): void => {
    if (typeof o !== 'object' || o === null || o instanceof Dec || keys.length > 32) return;
    const decoder = (o as NumericAt)[NUMERIC];
    if (decoder) {
      const path = (o as NumericAt).path;
      found.set(path, found.has(path) ? undefined : { keys: keys.slice(), decoder });
      return;
    }
    if (Array.isArray(o)) {
      for (let i = 0; i < o.length; i++) {
        keys.push(i);
        walk(o[i]);
        keys.pop();
      }
    } else {
      for (const k in o) {
        if (k === 'loc' || !Object.hasOwn(o, k)) continue;
        keys.push(k);
        walk((o as Record<string, unknown>)[k]);
        keys.pop();
      }
    }
  };
  walk(root);
  return found;
}

const AMOUNT_PATTERN = '^[+-]?\\$?(\\d{1,3}(,\\d{3})+|\\d+(_\\d+)*)?(\\.\\d+)?[KMBT]?$';
const RATIO_PATTERN = '^[+-]?(\\d+(\\.\\d+)?|\\.\\d+)%$';
const QUANTITY_PATTERN = '^[+-]?(\\d+(\\.\\d+)?|\\.\\d+)$';
const COUNT_PATTERN = '^(\\d+(\\.\\d+)?|\\.\\d+)[KMBT]?$';

export type Range = { min?: 'zero' | 'positive'; maxOne?: boolean };

function rangeCheck(range: Range | undefined, unit: 'ratio' | 'amount' | 'quantity'): ((d: Dec) => string | undefined) | undefined {
  if (!range) return undefined;
  // the value is written out only for a message: an analysis checks every number it puts in
  const show = (d: Dec): string => (unit === 'ratio' ? `${d.times(100).toFixed()}%` : d.toFixed());
  return (d) => {
    if (range.min === 'zero' && d.isNegative() && !d.isZero()) return `must not be negative, got ${show(d)}`;
    if (range.min === 'positive' && !d.isPositive()) return `must be above zero, got ${show(d)}`;
    if (range.min === 'positive' && d.isZero()) return `must be above zero, got ${show(d)}`;
    if (range.maxOne && d.greaterThan(1)) return `must be at most 100%, got ${show(d)}`;
    return undefined;
  };
}

export function amount(range?: Range): Decoder<At<Dec>> {
  return numeric(parseAmount, 'an amount', { anyOf: [{ type: 'number' }, { type: 'string', pattern: AMOUNT_PATTERN }], description: 'amount in USD: 14B, "$1,250.50", -3.5M' }, rangeCheck(range, 'amount'));
}
export function ratio(range?: Range): Decoder<At<Dec>> {
  return numeric(parseRatio, 'a ratio', { anyOf: [{ type: 'number' }, { type: 'string', pattern: RATIO_PATTERN }], description: 'ratio: 6% or 0.06' }, rangeCheck(range, 'ratio'));
}
export function quantity(range?: Range): Decoder<At<Dec>> {
  return numeric(parseQuantity, 'a quantity', { anyOf: [{ type: 'number' }, { type: 'string', pattern: QUANTITY_PATTERN }], description: 'quantity (GW or a count)' }, rangeCheck(range, 'quantity'));
}

/** A count of shares: 160M, 26.67M, 2500000. */
export function count(range?: Range): Decoder<At<Dec>> {
  return numeric(parseCount, 'a count', { anyOf: [{ type: 'number', minimum: 0 }, { type: 'string', pattern: COUNT_PATTERN }], description: 'count of shares: 160M, 2500000' }, rangeCheck(range, 'quantity'));
}

/** An amount or a percentage: distribution parameters and --vary values, which take the syntax of the field they vary. */
export function numberLike(range?: Range): Decoder<At<Dec>> {
  return numeric(
    (s) => (s.type === 'string' && s.text.trim().endsWith('%') ? parseRatio(s) : parseAmount(s)),
    'an amount or a percentage',
    { anyOf: [{ type: 'number' }, { type: 'string', pattern: AMOUNT_PATTERN }, { type: 'string', pattern: RATIO_PATTERN }] },
    rangeCheck(range, 'amount'),
  );
}

export function string(): Decoder<At<string>> {
  return {
    decode(n, path, cx) {
      const s = expectScalar(n, path, cx, 'text');
      if (!s) return undefined;
      if (s.type === 'null') {
        cx.error(n.loc, path, 'expected text, got nothing');
        return undefined;
      }
      return { value: s.text, loc: n.loc, path };
    },
    schema: () => ({ type: 'string' }),
  };
}

const ID_PATTERN = /^[a-z][a-z0-9_-]*$/;

/** A reference to an id (checked against the ids that exist later). */
export function ref(what: string): Decoder<At<string>> {
  return {
    decode(n, path, cx) {
      const s = expectScalar(n, path, cx, `${what} id`);
      if (!s) return undefined;
      if (s.type !== 'string' || !ID_PATTERN.test(s.text)) {
        cx.error(n.loc, path, `expected ${what} id (lower-case letters, digits, _ and -), got ${describe(n)}`);
        return undefined;
      }
      return { value: s.text, loc: n.loc, path };
    },
    schema: () => ({ type: 'string', pattern: ID_PATTERN.source, description: `${what} id` }),
  };
}

export function oneOf<T extends string>(values: readonly T[]): Decoder<At<T>> {
  return {
    decode(n, path, cx) {
      const s = expectScalar(n, path, cx, values.join(' | '));
      if (!s) return undefined;
      if (!(values as readonly string[]).includes(s.text) || s.type !== 'string') {
        const near = suggest(s.text, values);
        cx.error(n.loc, path, `expected one of ${values.join(', ')}, got ${describe(n)}${near ? `; did you mean "${near}"?` : ''}`);
        return undefined;
      }
      return { value: s.text as T, loc: n.loc, path };
    },
    schema: () => ({ enum: [...values] }),
  };
}

export function period(): Decoder<At<Period>> {
  return {
    decode(n, path, cx) {
      const s = expectScalar(n, path, cx, 'a period label');
      if (!s) return undefined;
      const p = parsePeriod(s.text);
      if (!p || s.type === 'bool' || s.type === 'null') {
        cx.error(n.loc, path, `expected ${PERIOD_HINT}, got ${describe(n)}`);
        return undefined;
      }
      return { value: p, loc: n.loc, path };
    },
    schema: () => periodSchema,
  };
}
// years 1900 to 2200, as parsePeriod takes them
const PERIOD_KEY_PATTERN = '^(19\\d\\d|2[01]\\d\\d|2200)(-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?$';
const periodSchema: JsonSchema = {
  anyOf: [{ type: 'integer', minimum: MIN_YEAR, maximum: MAX_YEAR }, { type: 'string', pattern: PERIOD_KEY_PATTERN }],
  description: `period label: YYYY, YYYY-Hn, YYYY-Qn or YYYY-MM, years ${MIN_YEAR} to ${MAX_YEAR}`,
};

export function integer(min: number, max: number): Decoder<At<number>> {
  return {
    decode(n, path, cx) {
      const s = expectScalar(n, path, cx, 'a whole number');
      if (!s) return undefined;
      const ok = s.type === 'number' && /^\d+$/.test(s.text);
      const v = ok ? Number(s.text) : NaN; // number-ok: a count, not money
      if (!ok || v < min || v > max) {
        cx.error(n.loc, path, `expected a whole number from ${min} to ${max}, got ${describe(n)}`);
        return undefined;
      }
      return { value: v, loc: n.loc, path };
    },
    schema: () => ({ type: 'integer', minimum: min, maximum: max }),
  };
}

export function list<T>(item: Decoder<T>): Decoder<At<T[]>> {
  return {
    decode(n, path, cx) {
      if (n.t !== 'seq') {
        cx.error(n.loc, path, `expected a list, got ${describe(n)}`);
        return undefined;
      }
      const out: T[] = [];
      n.items.forEach((it, i) => {
        const v = item.decode(it, `${path}[${i}]`, cx);
        if (v !== undefined) out.push(v);
      });
      return { value: out, loc: n.loc, path };
    },
    schema: () => ({ type: 'array', items: item.schema() }),
  };
}

export interface Field<T, R extends boolean = boolean> {
  readonly decoder: Decoder<T>;
  readonly required: R;
  readonly doc: string;
}
export function req<T>(decoder: Decoder<T>, doc: string): Field<T, true> {
  return { decoder, required: true, doc };
}
export function opt<T>(decoder: Decoder<T>, doc: string): Field<T, false> {
  return { decoder, required: false, doc };
}

export type Fields = Record<string, Field<unknown>>;
type FieldOut<F> = F extends Field<infer T, boolean> ? T : never;
export type ObjectOut<S extends Fields> = {
  [K in keyof S as S[K]['required'] extends true ? K : never]: FieldOut<S[K]>;
} & {
  [K in keyof S as S[K]['required'] extends true ? never : K]?: FieldOut<S[K]>;
} & { readonly loc: Loc; readonly path: string; readonly broken: readonly string[] };

/**
 * Remember what a decoder made of a node at a path, when it found no problem.
 * Trees are immutable and an analysis changes only a few values per run, so
 * every unchanged subtree is decoded once (the same node at another path,
 * through a YAML alias, is decoded again: paths appear in later messages).
 */
export function memo<T>(d: Decoder<T>): Decoder<T> {
  const self: Decoder<T> = {
    decode(n, path, cx) {
      const done = cx.cache.of<Map<string, T>>(self);
      const hit = done.get(n)?.get(path);
      if (hit !== undefined) return hit;
      const before = cx.problems.length;
      const v = d.decode(n, path, cx);
      if (v !== undefined && cx.problems.length === before) {
        let byPath = done.get(n);
        if (!byPath) done.set(n, (byPath = new Map()));
        byPath.set(path, v);
      }
      return v;
    },
    schema: () => d.schema(),
  };
  return self;
}

/** Check that n is a map; report it otherwise. */
export function expectMap(n: TNode, path: string, cx: Cx, what = 'a map'): MapNode | undefined {
  if (n.t !== 'map') {
    cx.error(n.loc, path, `expected ${what}, got ${describe(n)}`);
    return undefined;
  }
  return n;
}

/**
 * A map with known fields. Unknown keys are errors with a did-you-mean; a
 * missing required field is reported at the map. Returns undefined if any
 * required field failed, so later checks never see half-decoded objects.
 */
export function object<S extends Fields>(fields: S, what = 'a map', partial = false): Decoder<ObjectOut<S>> & { fields: S } {
  return {
    fields,
    decode(n, path, cx) {
      const m = expectMap(n, path, cx, what);
      if (!m) return undefined;
      const out: Record<string, unknown> = { loc: n.loc, path };
      let complete = true;
      const broken: string[] = [];
      for (const [key, entry] of m.entries) {
        // user keys never reach a plain object's lookup: `constructor` is not a field
        const f = Object.hasOwn(fields, key) ? fields[key] : undefined;
        if (!f) {
          const near = suggest(key, Object.keys(fields));
          cx.error(entry.keyLoc, join(path, key), `"${key}" is not a field here; ${near ? `did you mean "${near}"?` : `the fields are ${Object.keys(fields).join(', ')}`}`);
          continue;
        }
        const v = f.decoder.decode(entry.value, join(path, key), cx);
        if (v === undefined) {
          broken.push(key);
          if (!partial || f.required) complete = false;
        } else out[key] = v;
      }
      for (const [key, f] of Object.entries(fields)) {
        if (f.required && !m.entries.has(key)) {
          cx.error(n.loc, path, `the field "${key}" is missing (${f.doc})`);
          complete = false;
        }
      }
      out.broken = broken;
      // a partial object (the scenario root) comes back even when parts failed, for later checks
      return complete || partial ? (out as ObjectOut<S>) : undefined;
    },
    schema: () => objectSchema(fields),
  };
}

export function objectSchema(fields: Fields, extra: JsonSchema = {}): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const [k, f] of Object.entries(fields)) properties[k] = { ...f.decoder.schema(), description: f.doc };
  const required = Object.entries(fields).filter(([, f]) => f.required).map(([k]) => k);
  return { type: 'object', properties: { ...properties, ...((extra.properties as object) ?? {}) }, ...(required.length ? { required } : {}), additionalProperties: false };
}

/** A map from ids to values, in the order written. */
export interface Keyed<T> {
  readonly id: string;
  readonly idLoc: Loc;
  readonly value: T;
}
/** Decoded items by id; `allIds` also names the items that failed to decode. */
export type IdList<T> = At<Keyed<T>[]> & { readonly allIds: readonly string[] };
export function idMap<T>(item: Decoder<T>, what: string): Decoder<IdList<T>> {
  return {
    decode(n, path, cx) {
      const m = expectMap(n, path, cx, `a map of ${what} ids`);
      if (!m) return undefined;
      const out: Keyed<T>[] = [];
      for (const [key, entry] of m.entries) {
        if (!ID_PATTERN.test(key)) {
          cx.error(entry.keyLoc, join(path, key), `"${key}" is not a valid ${what} id (lower-case letter first, then lower-case letters, digits, _ or -)`);
          continue;
        }
        const v = item.decode(entry.value, join(path, key), cx);
        if (v !== undefined) out.push({ id: key, idLoc: entry.keyLoc, value: v });
      }
      return { value: out, loc: n.loc, path, allIds: [...m.entries.keys()] };
    },
    schema: () => ({ type: 'object', propertyNames: { pattern: ID_PATTERN.source }, additionalProperties: item.schema() }),
  };
}

/** A value given as a scalar, or as a map from period labels to values. */
export type SeriesIn =
  | { readonly kind: 'scalar'; readonly value: At<Dec>; readonly loc: Loc; readonly path: string }
  | { readonly kind: 'map'; readonly entries: readonly { readonly period: Period; readonly keyLoc: Loc; readonly value: At<Dec> }[]; readonly loc: Loc; readonly path: string };

/** A flow or level series (section 3) of values read by `item`. */
export function series(item: Decoder<At<Dec>>): Decoder<SeriesIn> {
  // memoized, so that an unchanged series keeps its identity and its timeline layout can be reused
  return memo({
    decode(n, path, cx) {
      if (n.t === 'scalar') {
        const v = item.decode(n, path, cx);
        return v && { kind: 'scalar', value: v, loc: n.loc, path };
      }
      if (n.t !== 'map') {
        cx.error(n.loc, path, `expected a value or a map from period labels to values, got ${describe(n)}`);
        return undefined;
      }
      const entries: { period: Period; keyLoc: Loc; value: At<Dec> }[] = [];
      let complete = true;
      for (const [key, entry] of n.entries) {
        const p = parsePeriod(key);
        if (!p) {
          cx.error(entry.keyLoc, join(path, key), `expected ${PERIOD_HINT} as key, got ${JSON.stringify(key)}`);
          complete = false;
          continue;
        }
        const v = item.decode(entry.value, join(path, key), cx);
        if (!v) complete = false;
        else entries.push({ period: p, keyLoc: entry.keyLoc, value: v });
      }
      if (entries.length === 0 && complete) {
        cx.error(n.loc, path, 'the map has no entries; give a value or at least one period');
        return undefined;
      }
      return complete ? { kind: 'map', entries, loc: n.loc, path } : undefined;
    },
    schema: () => ({
      anyOf: [item.schema(), { type: 'object', propertyNames: { pattern: PERIOD_KEY_PATTERN }, additionalProperties: item.schema(), minProperties: 1 }],
    }),
  });
}
