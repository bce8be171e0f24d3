/**
 * The seeded random numbers of `simulate`, documented so that anyone can
 * reproduce a run:
 *
 * - Run r (0, 1, 2, ...) of seed s has its own stream: xoshiro128** whose four
 *   32-bit state words are the first four outputs of splitmix32 started at
 *   (s mod 2^32) XOR (floor(s / 2^32) × 0x85EBCA6B) XOR ((r + 1) × 0x9E3779B9), all mod 2^32.
 *   A run's numbers therefore depend only on the seed and the run's number,
 *   never on how runs are shared among worker threads.
 * - A uniform u in [0, 1) takes 53 bits from two outputs: (a >>> 5) × 2^26 + (b >>> 6), over 2^53.
 * - Inputs draw in the order the `uncertain` block lists them.
 *
 * These are dimensionless variates (u, z, a beta draw) in binary floating
 * point; money and rates are formed from them in exact decimals by the
 * distributions module (location + scale × variate). Math.random is never used.
 */

/* number-ok (whole file): 32-bit integer arithmetic and dimensionless variates, never money or rates */

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** A stream of uniform numbers in [0, 1) for one run of one seed. */
export class RunRandom {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: bigint, run: number) {
    const lo = Number(seed & 0xffffffffn); // number-ok: 32 bits of the seed
    const hi = Number((seed >> 32n) & 0xffffffffn); // number-ok: 32 bits of the seed
    const start = (lo ^ Math.imul(hi, 0x85ebca6b) ^ Math.imul(run + 1, 0x9e3779b9)) >>> 0;
    const sm = splitmix32(start);
    this.s0 = sm();
    this.s1 = sm();
    this.s2 = sm();
    this.s3 = sm();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** xoshiro128**: the next 32-bit output. */
  next32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (this.s1 << 9) >>> 0;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    this.s0 >>>= 0;
    this.s1 >>>= 0;
    this.s2 >>>= 0;
    return result;
  }

  /** A uniform in [0, 1) with 53 random bits. */
  uniform(): number {
    const a = this.next32() >>> 5;
    const b = this.next32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** A uniform in (0, 1): never exactly 0, for inverse CDFs. */
  open(): number {
    let u = this.uniform();
    while (u === 0) u = this.uniform();
    return u;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** The standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const lowTail = 0.02425;
  const poly = (k: number[], x: number): number => k.reduce((acc, v) => acc * x + v, 0);
  if (p < lowTail) {
    const q = Math.sqrt(-2 * Math.log(p));
    return poly(c, q) / (poly(d, q) * q + 1);
  }
  if (p > 1 - lowTail) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -poly(c, q) / (poly(d, q) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return (poly(a, r) * q) / (poly(b, r) * r + 1);
}

/** The standard normal CDF (Abramowitz–Stegun 7.1.26 via erf, absolute error below 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + y) : 0.5 * (1 - y);
}

/** A gamma(shape ≥ 1, 1) draw: Marsaglia and Tsang's method. */
export function gamma(rng: RunRandom, shape: number): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normalQuantile(rng.open());
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.open();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}
