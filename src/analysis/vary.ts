/**
 * `--vary PATH=V1,V2,...` and `--vary PATH=LO..HI:STEPS`: the values an input
 * takes in a sweep or tornado. Values are written as in the file; a range's
 * points are spread evenly from LO to HI inclusive, exactly.
 */
import { Dec } from '../money/decimal.js';
import type { Loc, Problem } from '../scenario/problems.js';
import { decimalNode, parseNumberLike, textNode } from './evaluate.js';
import type { TNode } from '../scenario/tree.js';

export interface VaryValue {
  /** how the value is shown: as written, or a range point in the range's own unit */
  readonly display: string;
  readonly node: TNode;
}
export interface VarySpec {
  readonly path: string;
  readonly values: readonly VaryValue[];
  /** a range's LO and HI as written (also its first and last values), to check before the points between are run */
  readonly ends?: readonly VaryValue[];
}

const MAX_POINTS = 100_000;

const UNITS: readonly (readonly [string, number])[] = [['T', 12], ['B', 9], ['M', 6], ['K', 3]];

/**
 * Show a computed value in the file's own syntax, to 10 significant digits:
 * `5.25%` for percentages, `42.7594718B` for large amounts, else a decimal;
 * `plain` when the range was written without units (a year: 2030, not 2.03K).
 * (JSON keeps the exact value.)
 */
export function displayPoint(d: Dec, percent: boolean, plain = false): string {
  const short = (x: Dec): string => x.toSignificantDigits(10, Dec.ROUND_HALF_EVEN).toFixed();
  if (percent) return `${short(d.times(100))}%`;
  if (plain) return short(d);
  const abs = d.abs();
  for (const [unit, exp] of UNITS) {
    const scale = new Dec(10).pow(exp);
    if (abs.greaterThanOrEqualTo(scale)) return `${short(d.div(scale))}${unit}`;
  }
  return short(d);
}

/** Parse one --vary option; `index` is its place among the --vary options (1-based). */
export function parseVary(text: string, index: number, needValues = true): { ok: true; spec: VarySpec } | { ok: false; problems: Problem[] } {
  const at = (col: number): Loc => ({ file: '--vary', line: index, col });
  const fail = (col: number, path: string, message: string) => ({ ok: false as const, problems: [{ loc: at(col), path, message }] });
  const eq = text.indexOf('=');
  if (eq <= 0) return needValues ? fail(1, '', `expected PATH=V1,V2,... or PATH=LO..HI:STEPS, got ${JSON.stringify(text)}`) : { ok: true, spec: { path: text.trim(), values: [] } };
  const path = text.slice(0, eq).trim();
  const body = text.slice(eq + 1);
  const range = /^\s*([^,]+?)\s*\.\.\s*([^,:]+?)\s*:\s*(\d+)\s*$/d.exec(body);
  if (range) {
    const [, loText, hiText, stepsText] = range as unknown as [string, string, string, string];
    const lo = parseNumberLike(loText);
    const hi = parseNumberLike(hiText);
    const steps = Number(stepsText); // number-ok: a count of points
    if (!lo || !hi) return fail(eq + 2, path, `expected LO..HI:STEPS with LO and HI amounts (12B) or percentages (5%), got ${JSON.stringify(body)}`);
    if (steps < 2 || steps > MAX_POINTS) return fail(eq + 2, path, `STEPS is the number of points, from 2 to ${MAX_POINTS}; got ${stepsText}`);
    // LO and HI go in as written, so that the field's decoder checks their unit as it does a list
    // value's (1%..50% is no amount); the points between them are exact decimals within those checked ends
    const percent = loText.trim().endsWith('%');
    const plain = [loText, hiText].every((t) => /^[+-]?[\d.]+$/.test(t.trim()));
    const ends: VaryValue[] = [];
    const problems: Problem[] = [];
    for (const [i, t, v] of [[1, loText, lo], [2, hiText, hi]] as const) {
      const r = textNode(t, at(eq + 2 + (range.indices?.[i]?.[0] ?? 0)));
      if (r.ok) ends.push({ display: displayPoint(v, percent, plain), node: r.node });
      else problems.push(...r.problems.map((p) => ({ ...p, path })));
    }
    if (problems.length) return { ok: false, problems };
    const values: VaryValue[] = [];
    for (let k = 0; k < steps; k++) {
      const v = lo.plus(hi.minus(lo).times(k).div(steps - 1));
      values.push(k === 0 ? ends[0]! : k === steps - 1 ? ends[1]! : { display: displayPoint(v, percent, plain), node: decimalNode(v, at(eq + 2)) });
    }
    return { ok: true, spec: { path, values, ends } };
  }
  const values: VaryValue[] = [];
  const problems: Problem[] = [];
  let col = eq + 2;
  for (const part of splitTop(body)) {
    const t = part.trim();
    if (t === '') problems.push({ loc: at(col), path, message: 'an empty value in the list' });
    else {
      const r = textNode(t, at(col + part.indexOf(t)));
      if (r.ok) values.push({ display: t, node: r.node });
      else problems.push(...r.problems.map((p) => ({ ...p, path })));
    }
    col += part.length + 1;
  }
  if (problems.length) return { ok: false, problems };
  if (values.length === 0 && needValues) return fail(eq + 2, path, 'no values given');
  return { ok: true, spec: { path, values } };
}

/** Split on commas outside brackets and quotes, so that `{2026: 1B, 2027: 2B}` stays one value. */
function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let cur = '';
  for (const ch of s) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') depth--;
    else if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out;
}
