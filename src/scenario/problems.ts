/**
 * Problems found in a scenario: values with a location until the command layer
 * prints them, all in one format: `FILE:LINE:COLUMN: PATH: message`.
 */

/** Where a value was written. */
export interface Loc {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

export interface Problem {
  readonly loc: Loc;
  /** the field's path, e.g. `deals.nvidia-credit.rate`; empty for the whole file */
  readonly path: string;
  readonly message: string;
}

/** One line per problem, as the CLI prints it. */
export function formatProblem(p: Problem, severity: 'error' | 'warning' = 'error'): string {
  const where = `${printable(p.loc.file)}:${p.loc.line}:${p.loc.col}`;
  const what = printable(severity === 'warning' ? `warning: ${p.message}` : p.message);
  return p.path ? `${where}: ${printable(p.path)}: ${what}` : `${where}: ${what}`;
}

// C0 and C1 controls, DEL, line and paragraph separators, and the bidirectional overrides
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const CONTROL_NO_NL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * `s` with every control character written as `\uXXXX`: names and values come
 * from files and the command line, and a raw escape sequence or line break
 * would act on the terminal or split a problem over several lines.
 */
export function printable(s: string, keepNewlines = false): string {
  return s.replace(keepNewlines ? CONTROL_NO_NL : CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The first control character of `s`, as `U+XXXX`, if it has one. */
export function controlIn(s: string): string | undefined {
  const m = new RegExp(CONTROL.source).exec(s);
  return m ? `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : undefined;
}

/** Problems ordered by file (first seen first), then line and column. */
export function sortProblems(ps: readonly Problem[]): Problem[] {
  const fileOrder = new Map<string, number>();
  for (const p of ps) if (!fileOrder.has(p.loc.file)) fileOrder.set(p.loc.file, fileOrder.size);
  return ps
    .map((p, i) => ({ p, i }))
    .sort(
      (a, b) =>
        (fileOrder.get(a.p.loc.file) ?? 0) - (fileOrder.get(b.p.loc.file) ?? 0) ||
        a.p.loc.line - b.p.loc.line ||
        a.p.loc.col - b.p.loc.col ||
        a.i - b.i,
    )
    .map((x) => x.p);
}

/** The closest of `candidates` to `word`, if it is close enough to be a likely typo. */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  if (best === undefined) return undefined;
  const allowed = Math.max(1, Math.floor(Math.max(word.length, best.length) / 3)); // number-ok: edit distance
  return bestD <= allowed ? best : undefined;
}

/** Damerau-Levenshtein distance (adjacent swaps count as one edit). */
function distance(a: string, b: string): number {
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) d.push([i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = d[i] as number[];
    const prev = d[i - 1] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, ((d[i - 2] as number[])[j - 2] as number) + 1);
      }
      row[j] = v;
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}
