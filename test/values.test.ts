// Section 1: amounts, ratios and quantities are read from their exact text.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseAmount, parseQuantity, parseRatio, type ScalarText } from '../src/scenario/values.js';
import { Dec, formatCents, toCents, splitCents, roundDiv, formatRatio, formatQuantity, formatScaled, scaledDec, quotient, centsToDec } from '../src/money/decimal.js';

const str = (text: string): ScalarText => ({ text, type: 'string' });
const num = (text: string): ScalarText => ({ text, type: 'number' });
const value = (r: ReturnType<typeof parseAmount>): string => (r.ok ? r.value.toFixed() : `error: ${r.message}`);

describe('amounts', () => {
  it.each([
    [str('14B'), '14000000000'],
    [str('$1,250.50'), '1250.5'],
    [str('-3.5M'), '-3500000'],
    [str('2.5T'), '2500000000000'],
    [str('100_000'), '100000'],
    [str('$14B'), '14000000000'],
    [str('+7K'), '7000'],
    [str('1,000,000'), '1000000'],
    [str('0.125B'), '125000000'],
    [str('-$2'), '-2'],
    [str('.5M'), '500000'],
    [num('12345678901234567.89'), '12345678901234567.89'],
    [num('0.1'), '0.1'],
    [num('1e-7'), '0.0000001'],
    [num('-42'), '-42'],
    [num('2.5E3'), '2500'],
  ])('accepts %j as %s', (input, expected) => {
    expect(value(parseAmount(input))).toBe(expected);
  });

  it.each([
    [str('14b'), 'the suffix is upper-case: B'],
    [str('10%'), 'the suffixes are K, M, B and T'],
    [str('3MB'), 'the suffixes are K, M, B and T'],
    [str('$'), 'got "$"'],
    [str('NaN'), 'got "NaN"'],
    [str('Infinity'), 'got "Infinity"'],
    [num('.inf'), 'got .inf'],
    [num('.nan'), 'got .nan'],
    [num('0x10'), 'got 0x10'],
    [str('1,25'), 'got "1,25"'],
    [str('1_'), 'got "1_"'],
    [str('1e3'), 'got "1e3"'],
    [str('$-3'), 'got "$-3"'],
    [str(''), 'got ""'],
    [str('12 B'), 'got "12 B"'],
    [{ text: 'true', type: 'bool' } as ScalarText, 'got true'],
  ])('rejects %j', (input, fragment) => {
    const r = parseAmount(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toContain('expected an amount such as 14B');
      expect(r.message).toContain(fragment);
    }
  });

  it('keeps digits a JavaScript number would lose', () => {
    // 12345678901234567.89 as a double is 12345678901234568: the text must win
    const r = parseAmount(num('12345678901234567.89'));
    expect(r.ok && toCents(r.value)).toBe(1234567890123456789n);
  });

  it('round-trips any amount in cents exactly (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), (cents) => {
        const text = formatCents(cents);
        const back = parseAmount(num(text));
        return back.ok && toCents(back.value) === cents && formatCents(toCents(back.value)) === text;
      }),
    );
  });

  it('reads suffixed amounts exactly (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 3 }), fc.constantFrom('K', 'M', 'B', 'T'), (digits, places, suffix) => {
        const s = digits.toString().padStart(places + 1, '0');
        const text = places ? `${s.slice(0, -places)}.${s.slice(-places)}${suffix}` : `${s}${suffix}`;
        const r = parseAmount(str(text));
        const scale = { K: 3, M: 6, B: 9, T: 12 }[suffix];
        return r.ok && r.value.equals(new Dec(digits.toString()).times(new Dec(10).pow(scale - places)));
      }),
    );
  });
});

describe('ratios', () => {
  it.each([
    [str('6%'), '0.06'],
    [str('0.5%'), '0.005'],
    [str('100%'), '1'],
    [str('-2%'), '-0.02'],
    [num('0.06'), '0.06'],
    [num('1e-7'), '0.0000001'],
    [str('12.345%'), '0.12345'],
  ])('accepts %j as %s', (input, expected) => {
    expect(value(parseRatio(input))).toBe(expected);
  });

  it.each([[str('6')], [str('six%')], [str('%')], [str('6 %%')], [num('.inf')], [str('0.06')]])('rejects %j', (input) => {
    const r = parseRatio(input);
    expect(r.ok ? 'ok' : r.message).toMatch(/^expected a ratio such as 6% or 0.06, got /);
  });
});

describe('quantities', () => {
  it.each([
    [num('2.5'), '2.5'],
    [str('0.125'), '0.125'],
    [num('10'), '10'],
  ])('accepts %j as %s', (input, expected) => {
    expect(value(parseQuantity(input))).toBe(expected);
  });
  it.each([[str('2.5GW')], [str('1K')], [str('1,000')], [num('.nan')]])('rejects %j', (input) => {
    expect(parseQuantity(input).ok).toBe(false);
  });
});

describe('money helpers', () => {
  it('rounds half to even at the cent', () => {
    // 0.125 → 0.12 (2 is even), 0.135 → 0.14, -0.125 → -0.12, 0.1251 → 0.13
    expect(toCents(new Dec('0.125'))).toBe(12n);
    expect(toCents(new Dec('0.135'))).toBe(14n);
    expect(toCents(new Dec('-0.125'))).toBe(-12n);
    expect(toCents(new Dec('0.1251'))).toBe(13n);
    expect(roundDiv(5n, 2n)).toBe(2n);
    expect(roundDiv(7n, 2n)).toBe(4n);
    expect(roundDiv(-7n, 2n)).toBe(-4n);
    expect(roundDiv(7n, -2n)).toBe(-4n);
  });

  it('rounds any quotient half to even, as exact decimal division does (property)', () => {
    // the reference: the exact quotient (a and b of at most 18 digits stay exact within Dec's 40), rounded half-even
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }), fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }).filter((b) => b !== 0n), fc.boolean(), (a, b, half) => {
        const x = half ? b * a + b / 2n : a; // exact halves (b even) and their neighbours
        const want = BigInt(new Dec(x.toString()).div(b.toString()).toDecimalPlaces(0, Dec.ROUND_HALF_EVEN).toFixed());
        expect(roundDiv(x, b)).toBe(want);
      }),
      { numRuns: 5000 },
    );
    expect([roundDiv(15n, 10n), roundDiv(25n, 10n), roundDiv(26n, 10n), roundDiv(24n, 10n), roundDiv(0n, 7n)]).toEqual([2n, 2n, 3n, 2n, 0n]);
  });

  it('splits cent-exactly, remainder to the first parts', () => {
    // 100.00 over 3: 3334, 3333, 3333 cents; -100.00 over 3: -3334, -3333, -3333
    expect(splitCents(10000n, 3)).toEqual([3334n, 3333n, 3333n]);
    expect(splitCents(-10000n, 3)).toEqual([-3334n, -3333n, -3333n]);
    expect(splitCents(2n, 4)).toEqual([1n, 1n, 0n, 0n]);
  });

  it('splits add up to the total and differ by at most a cent (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }), fc.integer({ min: 1, max: 1200 }), (total, n) => {
        const parts = splitCents(total, n);
        const sum = parts.reduce((a, b) => a + b, 0n);
        const max = parts.reduce((a, b) => (b > a ? b : a));
        const min = parts.reduce((a, b) => (b < a ? b : a));
        return parts.length === n && sum === total && max - min <= 1n;
      }),
    );
  });

  it('formats ratios with six places and quantities trimmed', () => {
    expect(formatRatio(new Dec(1).div(36.5))).toBe('0.027397');
    expect(formatRatio(new Dec('0.0000005'))).toBe('0.000000'); // half-even: 0.5e-6 → 0
    expect(formatRatio(new Dec('0.0000015'))).toBe('0.000002');
    expect(formatQuantity(new Dec('2.50'))).toBe('2.5');
    expect(formatQuantity(new Dec(10).div(3))).toBe('3.333333');
    expect(formatQuantity(new Dec(0))).toBe('0');
    expect(formatCents(-5n)).toBe('-0.05');
    expect(formatCents(0n)).toBe('0.00');
  });
});

describe('centsFraction', () => {
  it('gives num/den cents in dollars exactly, written out when den is a power of ten', async () => {
    const { centsFraction } = await import('../src/money/decimal.js');
    // 12,345 / 10 cents = 1,234.5 cents = $12.345
    expect(centsFraction(12345n, 10n).toFixed()).toBe('12.345');
    // −5 cents = −$0.05; 7 / 1,000 cents = $0.00007
    expect(centsFraction(-5n, 1n).toFixed()).toBe('-0.05');
    expect(centsFraction(7n, 1000n).toFixed()).toBe('0.00007');
    // 100 / 3 cents is no decimal: divided at 40 digits, $0.333…
    expect(centsFraction(100n, 3n).toFixed(10)).toBe('0.3333333333');
  });
});

describe('counts of shares', () => {
  it('read 160M, 26.67M and plain numbers exactly, and refuse money and signs', async () => {
    const { parseCount } = await import('../src/scenario/values.js');
    const ok = (text: string, type: 'number' | 'string' = 'string') => {
      const r = parseCount({ text, type });
      return r.ok ? r.value.toFixed() : r.message;
    };
    expect([ok('160M'), ok('26.67M'), ok('2500000', 'number'), ok('1.5K'), ok('.5B')]).toEqual(['160000000', '26670000', '2500000', '1500', '500000000']);
    expect(ok('$5M')).toMatch(/a count of shares is not money$/);
    expect(ok('160m')).toMatch(/the suffix is upper-case: M$/);
    expect(ok('-3M')).toMatch(/^expected a count/);
    expect(ok('-3', 'number')).toMatch(/^expected a count/);
  });
});

describe('decimals made from integers (scaledDec, quotient)', () => {
  // decimal.js's own parser and division are the reference: the fast paths must make the very same Dec,
  // word for word (s, e, d), or arithmetic on it could differ
  const same = (a: Dec, b: Dec): boolean => {
    const x = a as unknown as { s: number; e: number; d: number[] };
    const y = b as unknown as { s: number; e: number; d: number[] };
    return x.s === y.s && x.e === y.e && x.d.length === y.d.length && x.d.every((w, i) => w === y.d[i]);
  };
  const digits = fc.stringMatching(/^[0-9]{1,40}$/).map((s) => BigInt(s));
  const signed = fc.tuple(digits, fc.boolean(), fc.integer({ min: 0, max: 12 })).map(([n, neg, zeros]) => (neg ? -n : n) * 10n ** BigInt(zeros));

  it('scaledDec(n, places) is new Dec(the text of n / 10^places), word for word', () => {
    fc.assert(
      fc.property(signed, fc.integer({ min: -20, max: 60 }), (n, places) => {
        const text = places >= 0 ? formatScaled(n, places) : (n * 10n ** BigInt(-places)).toString();
        const d = scaledDec(n, places);
        expect(same(d, new Dec(text))).toBe(true);
        expect(d.toFixed()).toBe(new Dec(text).toFixed());
      }),
      { numRuns: 3000 },
    );
    // the word boundaries: one digit to fourteen, each side of the point
    for (let k = 0; k < 15; k++) for (const places of [0, 1, 6, 7, 8, 13, 14]) expect(same(scaledDec(10n ** BigInt(k) + 3n, places), new Dec(formatScaled(10n ** BigInt(k) + 3n, places)))).toBe(true);
    expect(scaledDec(0n, 5).isZero()).toBe(true);
  });

  it('quotient(a, b) is new Dec(a).div(b): 40 significant digits, half to even', () => {
    fc.assert(
      fc.property(signed, signed.filter((b) => b !== 0n), (a, b) => {
        expect(same(quotient(a, b), new Dec(a.toString()).div(b.toString()))).toBe(true);
      }),
      { numRuns: 3000 },
    );
    // exact halves at the 40th digit round to the even neighbour: (10^40 + 1) / 2 = 5·10^39 + 0.5 → 5·10^39;
    // (10^40 + 3) / 2 → 5·10^39 + 2
    expect(quotient(10n ** 40n + 1n, 2n).toFixed()).toBe(`5${'0'.repeat(39)}`);
    expect(quotient(10n ** 40n + 3n, 2n).toFixed()).toBe(`5${'0'.repeat(38)}2`);
    expect(quotient(-1n, 3n).toFixed()).toBe(`-0.${'3'.repeat(40)}`);
    expect(quotient(2n, 3n).toFixed()).toBe(`0.${'6'.repeat(39)}7`);
    expect(() => quotient(1n, 0n)).toThrow(RangeError);
  });

  it('centsToDec(c) is c / 100 exactly', () => {
    fc.assert(
      fc.property(signed, (c) => {
        expect(same(centsToDec(c), new Dec(c.toString()).div(100))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
