/** `--party`: a model result restricted to some parties. */
import { MARKET, type Entry } from '../engine/ledger.js';
import type { ModelResult } from '../metrics/result.js';

/** The id of a ledger party: a party of the model, or "market". */
export function partyId(r: ModelResult, i: number): string {
  return i === MARKET ? 'market' : (r.model.parties[i]?.id as string);
}

/**
 * The result restricted to the chosen parties: their metrics, the exposures
 * they are part of, the ledger entries they pay or receive, and the notes
 * about them (a note about a pair starts "holder->obligor: ..."). The model
 * stays whole, so that every party keeps its display name.
 */
export function filterResult(r: ModelResult, parties: ReadonlySet<string> | undefined): ModelResult {
  if (!parties) return r;
  const involves = (e: Entry): boolean => parties.has(partyId(r, e.from)) || parties.has(partyId(r, e.to));
  return {
    ...r,
    parties: r.parties.filter((p) => parties.has(p.id)),
    exposures: r.exposures.filter((x) => parties.has(x.holder) || parties.has(x.obligor)),
    ledger: r.ledger.filter(involves),
    losses: r.losses.filter((l) => parties.has(partyId(r, l.holder)) || parties.has(partyId(r, l.obligor))),
    notes: r.notes.filter((n) => {
      const pair = /^([a-z][a-z0-9_-]*)->([a-z][a-z0-9_-]*):/.exec(n);
      return !pair || parties.has(pair[1] as string) || parties.has(pair[2] as string);
    }),
  };
}
