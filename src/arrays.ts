/**
 * Arrays for the code a simulation runs thousands of times. `Array.prototype.map`
 * and `filter` make a packed array while their caller runs unoptimized and a
 * holey one once the optimizing compiler has inlined them; code that met one
 * kind is thrown away when it meets the other, and compiled again, in every
 * worker thread. These make the same kind of array whatever runs them.
 */

/** xs.map(f), always a packed array. */
export function mapped<T, U>(xs: readonly T[], f: (x: T, i: number) => U): U[] {
  const out: U[] = [];
  for (let i = 0; i < xs.length; i++) out.push(f(xs[i] as T, i));
  return out;
}

/** xs.filter(keep), always a packed array. */
export function filtered<T>(xs: readonly T[], keep: (x: T) => unknown): T[] {
  const out: T[] = [];
  for (let i = 0; i < xs.length; i++) if (keep(xs[i] as T)) out.push(xs[i] as T);
  return out;
}
