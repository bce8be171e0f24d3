/**
 * Drawing an uncertain input. The variate (a uniform, a normal z, a beta draw)
 * is dimensionless; the value is formed from it in exact decimals, as
 * location + scale × variate, so no money or rate passes through floating point.
 *
 * - uniform {min, max}: min + (max − min)·u
 * - triangular {min, mode, max}: min + (max − min)·T, T triangular on [0, 1] with its peak at (mode − min)/(max − min), by inverse CDF
 * - pert {min, mode, max}: min + (max − min)·B, B ~ Beta(1 + 4c, 1 + 4(1 − c)), c as above, from two gamma draws
 * - normal {mean, sd, min?, max?}: mean + sd·z by inverse CDF; with min or max, z is drawn from the truncated normal (no rejection)
 * - lognormal {mean, sd} (of the value): mean·exp(σz − σ²/2) with σ² = ln(1 + (sd/mean)²)
 * Each input takes one uniform, except pert (a variable number, for its gamma draws).
 */
import { Dec, decimalOfRatio, pow10, ratioOf, roundDiv, toCentsDecimal, type Ratio } from '../money/decimal.js';
import type { UncertainM } from '../scenario/compile.js';
import { gamma, normalCdf, normalQuantile, type RunRandom } from './random.js';

/* number-ok (whole file): dimensionless variates and shape parameters only */
const float = (d: Dec): number => Number(d.toString()); // number-ok: dimensionless shape parameters only
const dec = (x: number): Dec => new Dec(String(x));

/** A decimal fraction num / 10^places. */
interface Scaled {
  readonly num: bigint;
  readonly places: number;
}

/** A variate's shortest decimal form (as String gives it, 17 digits at most) as an exact fraction. */
function variate(x: number): Scaled {
  const text = String(x);
  const e = text.indexOf('e');
  const r = plain(e < 0 ? text : text.slice(0, e));
  if (e < 0) return r;
  const exp = Number(text.slice(e + 1)); // number-ok: the exponent of a float variate
  return exp <= r.places ? { num: r.num, places: r.places - exp } : { num: r.num * pow10(exp - r.places), places: 0 };
}

/** "-0.0123" as a fraction of a power of ten. */
function plain(text: string): Scaled {
  const dot = text.indexOf('.');
  return dot < 0 ? { num: BigInt(text), places: 0 } : { num: BigInt(text.slice(0, dot) + text.slice(dot + 1)), places: text.length - dot - 1 };
}

/** A decoded decimal as a Scaled: ratioOf gives a decimal's fraction over a power of ten. */
function scaledOf(d: Dec): Scaled {
  const r = ratioOf(d);
  const places = r.den.toString().length - 1;
  if (pow10(places) !== r.den) throw new Error(`${d.toFixed()}: its fraction is not over a power of ten`);
  return { num: r.num, places };
}

/** Significant digits a draw keeps: far beyond any input's precision, short enough to stay fast. */
const DRAW_DIGITS = 15;

/**
 * loc + scale × x, exactly, rounded half-even to DRAW_DIGITS significant
 * digits: what the same steps in decimal.js give (they stay exact within its
 * 40 digits), in integer arithmetic, which a simulation's every draw can afford.
 */
function affine(loc: Dec, scale: Dec): (x: number) => Drawn {
  const L = scaledOf(loc);
  const S = scaledOf(scale);
  return (x) => {
    const X = variate(x);
    // over the denominator 10^(l + s + x): loc × 10^(s + x) + scale × x × 10^l
    const num = L.num * pow10(S.places + X.places) + S.num * X.num * pow10(L.places);
    return significant(num, L.places + S.places + X.places);
  };
}

/**
 * A draw: an exact fraction num / 10^places of at most DRAW_DIGITS
 * significant digits (what affine makes), or a decimal as written (a bound,
 * a constant), which may have more.
 */
type Drawn = Scaled | Dec;

/** num / 10^places rounded half-even to DRAW_DIGITS significant digits. */
function significant(num: bigint, places: number): Drawn {
  if (num === 0n) return { num: 0n, places: 0 };
  const neg = num < 0n;
  let n = neg ? -num : num;
  const digits = n.toString().length;
  if (digits > DRAW_DIGITS) {
    const cut = digits - DRAW_DIGITS;
    n = roundDiv(n, pow10(cut));
    places -= cut;
  }
  const signed = neg ? -n : n;
  return places < 0 ? { num: signed * pow10(-places), places: 0 } : { num: signed, places };
}

/** A bound as an exact fraction, for clamping draws without decimals. */
type Bound = { readonly d: Dec; readonly r: Ratio } | undefined;
const bound = (d: Dec | undefined): Bound => (d ? { d, r: ratioOf(d) } : undefined);

/** a draw below lo is lo, above hi is hi (num / 10^places against a bound's fraction, cross-multiplied) */
function clamp(v: Drawn, lo: Bound, hi: Bound): Drawn {
  if (v instanceof Dec) return clampDec(v, lo?.d, hi?.d);
  const den = pow10(v.places);
  if (lo && v.num * lo.r.den < lo.r.num * den) return lo.d;
  if (hi && v.num * hi.r.den > hi.r.num * den) return hi.d;
  return v;
}

/**
 * One input's draws, rounded half-even to 15 significant digits. Its
 * constants (span, peak, truncation bounds) are worked out when it is made:
 * make it once for many runs.
 */
export type Drawer = (rng: RunRandom) => Dec;
export function drawer(u: UncertainM): Drawer {
  const d = makeDrawer(u);
  return (rng) => asDecimal(d(rng));
}

/**
 * One input's draws rounded to whole cents (a money input: its per-run CSV
 * row then reproduces the run): the 15-digit draw, then rounded half-even to
 * the cent, made as one decimal.
 */
export function centsDrawer(u: UncertainM): Drawer {
  const d = makeDrawer(u);
  return (rng) => {
    const v = d(rng);
    if (v instanceof Dec) return toCentsDecimal(rounded(v));
    const cents = v.places <= 2 ? v.num * pow10(2 - v.places) : roundDiv(v.num, pow10(v.places - 2));
    return decimalOfRatio(cents, 2);
  };
}

/** A draw as a decimal that keeps its exact fraction (compiling the run reads the fraction, not the digits). */
function asDecimal(v: Drawn): Dec {
  if (v instanceof Dec) return rounded(v);
  return decimalOfRatio(v.num, v.places);
}

/** most draws are rounded already (see affine); a bound or a constant may have more digits */
const rounded = (v: Dec): Dec => (v.precision() > DRAW_DIGITS ? v.toSignificantDigits(DRAW_DIGITS, Dec.ROUND_HALF_EVEN) : v);

/** One draw of an uncertain input (a drawer made for it alone). */
export function draw(u: UncertainM, rng: RunRandom): Dec {
  return drawer(u)(rng);
}

function makeDrawer(u: UncertainM): (rng: RunRandom) => Drawn {
  const lo = bound(u.min);
  const hi = bound(u.max);
  switch (u.dist) {
    case 'uniform': {
      const min = u.min!;
      const at = affine(min, u.max!.minus(min));
      return (rng) => at(rng.uniform());
    }
    case 'triangular': {
      const min = u.min!;
      const span = u.max!.minus(min);
      if (span.isZero()) return (rng) => (rng.uniform(), min);
      const c = float(u.mode!.minus(min).div(span));
      const at = affine(min, span);
      return (rng) => {
        const x = rng.uniform();
        const t = x < c ? Math.sqrt(x * c) : 1 - Math.sqrt((1 - x) * (1 - c));
        return clamp(at(t), lo, hi);
      };
    }
    case 'pert': {
      const min = u.min!;
      const span = u.max!.minus(min);
      if (span.isZero()) return () => min;
      const c = float(u.mode!.minus(min).div(span));
      const at = affine(min, span);
      return (rng) => {
        const a = gamma(rng, 1 + 4 * c);
        const b = gamma(rng, 1 + 4 * (1 - c));
        return clamp(at(a / (a + b)), lo, hi);
      };
    }
    case 'normal': {
      const mean = u.mean!;
      const sd = u.sd!;
      if (sd.isZero()) return (rng) => (rng.open(), clamp(mean, lo, hi));
      const pLo = u.min ? normalCdf(float(u.min.minus(mean).div(sd))) : 0;
      const pHi = u.max ? normalCdf(float(u.max.minus(mean).div(sd))) : 1;
      const at = affine(mean, sd);
      return (rng) => {
        const p = Math.min(Math.max(pLo + rng.open() * (pHi - pLo), 1e-300), 1 - 1e-16);
        return clamp(at(normalQuantile(p)), lo, hi);
      };
    }
    case 'lognormal': {
      const mean = u.mean!;
      if (u.sd!.isZero()) return (rng) => (rng.open(), mean);
      const cv = float(u.sd!.div(mean));
      const s2 = Math.log1p(cv * cv);
      const sigma = Math.sqrt(s2);
      const at = affine(new Dec(0), mean);
      return (rng) => at(Math.exp(sigma * normalQuantile(rng.open()) - s2 / 2));
    }
  }
}

function clampDec(v: Dec, lo?: Dec, hi?: Dec): Dec {
  if (lo && v.lessThan(lo)) return lo;
  if (hi && v.greaterThan(hi)) return hi;
  return v;
}

/** The low and high an input takes in a tornado: min and max, or P10 and P90 for normal and lognormal. */
export function lowHigh(u: UncertainM): [Dec, Dec] {
  const z90 = 1.2815515655446004;
  if (u.dist === 'normal') return [clampDec(u.mean!.minus(u.sd!.times(dec(z90))), u.min, u.max), clampDec(u.mean!.plus(u.sd!.times(dec(z90))), u.min, u.max)];
  if (u.dist === 'lognormal') {
    const cv = float(u.sd!.div(u.mean!));
    const s2 = Math.log1p(cv * cv);
    const at = (z: number): Dec => u.mean!.times(dec(Math.exp(Math.sqrt(s2) * z - s2 / 2)));
    return [at(-z90), at(z90)];
  }
  return [u.min!, u.max!];
}
