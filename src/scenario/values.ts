/**
 * Section 1 of the format: amounts, ratios and quantities, read from the exact
 * text that was written (never through a JavaScript number).
 */
import { Dec } from '../money/decimal.js';

/** What a scalar looked like in the file: its source text and YAML type. */
export interface ScalarText {
  readonly text: string;
  readonly type: 'number' | 'string' | 'bool' | 'null';
}

export type Parsed = { ok: true; value: Dec } | { ok: false; message: string };

const SUFFIX: Record<string, number> = { K: 3, M: 6, B: 9, T: 12 };
// A YAML number in plain decimal or scientific notation (no hex, octal, .inf, .nan).
const YAML_DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const AMOUNT =
  /^([+-])?(\$)?(\d{1,3}(?:,\d{3})+|\d+(?:_\d+)*)?(?:\.(\d+))?([A-Za-z%]+)?$/;
const PLAIN_DECIMAL = /^[+-]?(\d+(\.\d+)?|\.\d+)$/;

function fail(message: string): Parsed {
  return { ok: false, message };
}

function show(s: ScalarText): string {
  return s.type === 'string' ? JSON.stringify(s.text) : s.text;
}

function decimalFromYaml(s: ScalarText): Dec | undefined {
  return YAML_DECIMAL.test(s.text) ? new Dec(s.text) : undefined;
}

const AMOUNT_HINT = 'an amount such as 14B, "$1,250.50", -3.5M or 100_000';

/** An amount of money: a YAML number, or text like `$1,250.50`, `-3.5M`, `14B`. */
export function parseAmount(s: ScalarText): Parsed {
  if (s.type === 'number') {
    const d = decimalFromYaml(s);
    return d ? { ok: true, value: d } : fail(`expected ${AMOUNT_HINT}, got ${show(s)}`);
  }
  if (s.type !== 'string') return fail(`expected ${AMOUNT_HINT}, got ${show(s)}`);
  const m = AMOUNT.exec(s.text);
  if (!m || (m[3] === undefined && m[4] === undefined)) {
    return fail(`expected ${AMOUNT_HINT}, got ${show(s)}`);
  }
  const [, sign, , whole, frac, suffix] = m;
  // own keys only: `14constructor` must not find Object.prototype.constructor
  if (suffix !== undefined && !Object.hasOwn(SUFFIX, suffix)) {
    const hint =
      suffix.length === 1 && Object.hasOwn(SUFFIX, suffix.toUpperCase())
        ? `; the suffix is upper-case: ${suffix.toUpperCase()}`
        : '; the suffixes are K, M, B and T';
    return fail(`expected ${AMOUNT_HINT}, got ${show(s)}${hint}`);
  }
  const digits = (whole ?? '0').replace(/[,_]/g, '');
  let value = new Dec(`${sign ?? ''}${digits}.${frac ?? '0'}`);
  if (suffix !== undefined) value = value.times(new Dec(10).pow(SUFFIX[suffix] as number));
  return { ok: true, value };
}

/** A ratio: text `N%` (exactly N/100) or a YAML number taken as a fraction. */
export function parseRatio(s: ScalarText): Parsed {
  const hint = 'a ratio such as 6% or 0.06';
  if (s.type === 'number') {
    const d = decimalFromYaml(s);
    return d ? { ok: true, value: d } : fail(`expected ${hint}, got ${show(s)}`);
  }
  if (s.type === 'string' && s.text.endsWith('%')) {
    const body = s.text.slice(0, -1).trim();
    if (PLAIN_DECIMAL.test(body)) return { ok: true, value: new Dec(body).div(100) };
  }
  return fail(`expected ${hint}, got ${show(s)}`);
}

/** A quantity (GW, counts): a YAML number or a decimal string, no suffix. */
export function parseQuantity(s: ScalarText): Parsed {
  const hint = 'a quantity such as 2.5 (a plain number, no unit)';
  if (s.type === 'number') {
    const d = decimalFromYaml(s);
    return d ? { ok: true, value: d } : fail(`expected ${hint}, got ${show(s)}`);
  }
  if (s.type === 'string' && PLAIN_DECIMAL.test(s.text)) return { ok: true, value: new Dec(s.text) };
  return fail(`expected ${hint}, got ${show(s)}`);
}

const COUNT = /^(\d+(?:\.\d+)?|\.\d+)([A-Za-z]+)?$/;

/** A count of shares: a YAML number, or decimal text with an optional K, M, B or T suffix (`160M`); no `$`, no sign. */
export function parseCount(s: ScalarText): Parsed {
  const hint = 'a count such as 160M, 26.67M or 2500000 (no $)';
  if (s.type === 'number') {
    const d = decimalFromYaml(s);
    return d && !d.isNegative() ? { ok: true, value: d } : fail(`expected ${hint}, got ${show(s)}`);
  }
  const m = s.type === 'string' ? COUNT.exec(s.text) : null;
  if (!m) return fail(`expected ${hint}, got ${show(s)}${s.type === 'string' && s.text.includes('$') ? '; a count of shares is not money' : ''}`);
  const [, digits, suffix] = m;
  if (suffix !== undefined && !Object.hasOwn(SUFFIX, suffix)) {
    const upper = suffix.length === 1 && Object.hasOwn(SUFFIX, suffix.toUpperCase());
    return fail(`expected ${hint}, got ${show(s)}${upper ? `; the suffix is upper-case: ${suffix.toUpperCase()}` : '; the suffixes are K, M, B and T'}`);
  }
  let value = new Dec(digits as string);
  if (suffix !== undefined) value = value.times(new Dec(10).pow(SUFFIX[suffix] as number));
  return { ok: true, value };
}
