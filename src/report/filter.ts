/** `--party`: a model result restricted to some parties. */
import type { ModelResultJson } from './catalog.js';
import { ledgerEntries } from './exports.js';

/**
 * The result restricted to the chosen parties: the notes always (they name
 * their pair first, "holder->obligor: ..."); with `json`, also the parties,
 * exposures and ledger entries. Tables filter their own rows and columns and
 * still need every party's display name.
 */
export function filterResult(r: ModelResultJson, parties: ReadonlySet<string> | undefined, json = false): ModelResultJson {
  if (!parties) return r;
  const notes = r.notes.filter((n) => {
    const pair = /^([a-z][a-z0-9_-]*)->([a-z][a-z0-9_-]*):/.exec(n);
    return !pair || parties.has(pair[1] as string) || parties.has(pair[2] as string);
  });
  if (!json) return { ...r, notes };
  return {
    ...r,
    parties: Object.fromEntries(Object.entries(r.parties).filter(([id]) => parties.has(id))),
    exposures: r.exposures.filter((x) => parties.has(x.holder) || parties.has(x.obligor)),
    ledger: ledgerEntries(r, parties),
    notes,
  };
}
