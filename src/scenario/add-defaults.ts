/**
 * `stress`'s change to a scenario, made on the compiled model (never on the
 * YAML): defaults added to the events written in the file, and, with
 * `--recovery`, the recovery rate of each party named by a `--default`
 * replaced by that constant ratio. The model given is not modified.
 */
import { ratioOf, type Dec, type Ratio } from '../money/decimal.js';
import type { DefaultEvent, Model, PartyM } from './compile.js';
import type { Problem } from './problems.js';
import type { DefaultOption } from './stress-options.js';

export interface Stressed {
  readonly model: Model;
  /** the --default options that took effect, in the order given */
  readonly applied: readonly DefaultOption[];
  /** a default ignored because its party defaults earlier (or in the same period) by another */
  readonly warnings: readonly Problem[];
}

/** A default and where it came from: an event of the file, or a --default. */
type Source = { readonly at: number; readonly event: DefaultEvent } | { readonly at: number; readonly option: DefaultOption };

/**
 * The model with the defaults of `options` added and, when `recovery` is
 * given, each named party's recovery rate replaced in every period. A party
 * defaults at most once: the earliest default counts; at the same period the
 * file's event is kept, then the --default given first. Every default left
 * out is a warning located where it was written (`--default:N:1` for the
 * N-th option).
 */
export function addDefaults(model: Model, options: readonly DefaultOption[], recovery: Dec | null): Stressed {
  const labels = model.timeline.labels;
  const warnings: Problem[] = [];
  const first = new Map<number, Source>();
  for (const e of model.events) first.set(e.party, { at: e.at, event: e });

  const by = (s: Source): string =>
    'option' in s ? `--default ${s.option.text}` : s.event.where ? `its event at ${s.event.where.loc.file}:${s.event.where.loc.line}:${s.event.where.loc.col}` : 'an event of the scenario';
  const ignore = (lost: Source, kept: Source): void => {
    const id = model.parties['option' in kept ? kept.option.party : kept.event.party]!.id;
    const message = `${id} defaults in ${labels[kept.at]} by ${by(kept)}; a party defaults at most once (the earliest counts), so ${'option' in lost ? `--default ${lost.option.text}` : `this event (${labels[lost.at]})`} is ignored`;
    if ('option' in lost) warnings.push({ loc: { file: '--default', line: lost.option.index, col: 1 }, path: '', message });
    else if (lost.event.where) warnings.push({ loc: lost.event.where.loc, path: lost.event.where.path, message });
  };

  for (const o of options) {
    const mine: Source = { at: o.at, option: o };
    const seen = first.get(o.party);
    if (seen && seen.at <= o.at) {
      ignore(mine, seen);
      continue;
    }
    if (seen) ignore(seen, mine);
    first.set(o.party, mine);
  }

  const events: DefaultEvent[] = model.events.filter((e) => {
    const s = first.get(e.party);
    return s !== undefined && 'event' in s && s.event === e;
  });
  const applied = options.filter((o) => {
    const s = first.get(o.party);
    return s !== undefined && 'option' in s && s.option === o;
  });
  for (const o of applied) events.push({ party: o.party, at: o.at });

  let parties = model.parties;
  if (recovery !== null) {
    const named = new Set(options.map((o) => o.party));
    const level = new Array<Ratio>(model.timeline.count).fill(ratioOf(recovery));
    parties = model.parties.map((p, i): PartyM => (named.has(i) ? { ...p, recovery: level } : p));
  }
  return { model: { ...model, events, parties }, applied, warnings };
}
