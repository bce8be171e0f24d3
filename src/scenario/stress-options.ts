/**
 * The options of `stargate stress` read exactly: `--default PARTY@PERIOD`
 * checked against a model (the party exists, the period lies in its
 * timeline) and `--recovery R` as an exact ratio between 0 and 1, never
 * through a JavaScript number. Each returns a value or a one-line message.
 */
import type { Dec } from '../money/decimal.js';
import type { Model } from './compile.js';
import { parsePeriod, periodIndex, PERIOD_HINT } from './periods.js';
import { suggest } from './problems.js';
import { parseRatio } from './values.js';

/** A default asked for on the command line: `party` defaults at the start of period `at`. */
export interface DefaultOption {
  readonly party: number;
  readonly at: number;
  /** the option's text as given, `openai@2028-Q1` */
  readonly text: string;
  /** 1 for the first --default: where its warnings are located (`--default:N:1`) */
  readonly index: number;
}

export type OptionResult<T> = { ok: true; value: T } | { ok: false; message: string };

const EXAMPLE = 'such as openai@2028-Q1';

/** The syntax of `PARTY@PERIOD` alone (a party id and a period label), before any scenario is read. */
export function splitDefaultOption(text: string): OptionResult<{ party: string; label: string }> {
  const at = text.lastIndexOf('@');
  const party = at > 0 ? text.slice(0, at) : '';
  const label = at > 0 ? text.slice(at + 1) : '';
  if (party === '' || label === '') return { ok: false, message: `--default ${JSON.stringify(text)}: expected PARTY@PERIOD, ${EXAMPLE}` };
  if (!parsePeriod(label)) return { ok: false, message: `--default ${text}: expected ${PERIOD_HINT} after @` };
  return { ok: true, value: { party, label } };
}

/**
 * `PARTY@PERIOD` against a model. The period is the step-period that holds the
 * label's first month, as for a default written in `events:`: a year on a
 * quarterly timeline is its first quarter.
 */
export function parseDefaultOption(text: string, index: number, model: Model): OptionResult<DefaultOption> {
  const split = splitDefaultOption(text);
  if (!split.ok) return split;
  const { party, label } = split.value;
  const ids = model.parties.map((p) => p.id);
  const p = ids.indexOf(party);
  if (p < 0) {
    if (party === 'market') return { ok: false, message: `--default ${text}: "market" is the implicit outside party; it cannot default. The parties are ${ids.join(', ')}` };
    const near = suggest(party, ids);
    return { ok: false, message: `--default ${text}: there is no party "${party}"; ${near ? `did you mean "${near}"? The` : 'the'} parties are ${ids.join(', ')}` };
  }
  const tl = model.timeline;
  const period = parsePeriod(label)!;
  const t = periodIndex(tl, period.first);
  const span = `the timeline is ${tl.labels[0]} to ${tl.labels[tl.count - 1]}, by ${tl.step}`;
  // a year that the timeline starts inside: its first step-period is not in the timeline
  const overlaps = period.first + period.months > tl.first; // number-ok: month indexes
  if (t < 0 && overlaps) return { ok: false, message: `--default ${text}: ${label} starts before the timeline does (a default is at the start of the label's first ${tl.step}); ${span}, so name ${tl.labels[0]} or later` };
  if (t < 0 || t >= tl.count) return { ok: false, message: `--default ${text}: ${label} is outside the timeline; ${span}` };
  return { ok: true, value: { party: p, at: t, text, index } };
}

/** `--recovery R`: a ratio such as `40%` or `0.4`, exact, from 0 to 1. */
export function parseRecoveryOption(text: string): OptionResult<Dec> {
  const hint = `--recovery must be a ratio from 0% to 100%, such as 40% or 0.4; got ${JSON.stringify(text)}`;
  // read as a scenario reads a ratio: a plain number is a fraction, N% is N/100
  const r = parseRatio({ text, type: /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text) ? 'number' : 'string' });
  if (!r.ok || r.value.lessThan(0)) return { ok: false, message: hint };
  // 40 is 4000%: most likely 40% was meant
  if (r.value.greaterThan(1)) return { ok: false, message: r.value.lessThanOrEqualTo(100) && !text.endsWith('%') ? `${hint} (for ${text}% write the % sign)` : hint };
  return { ok: true, value: r.value };
}
