/**
 * Section 5 of the format: every field of a scenario file, its type and its
 * documentation. The decoders here are also the source of the JSON Schema.
 */
import {
  amount, count, memo, numberLike, type Range, expectMap, idMap, join, list, object, objectSchema, oneOf, opt, period, quantity, ratio, ref, req, series, string,
  type At, type Decoder, type JsonSchema, type ObjectOut,
} from './decode.js';
import type { Loc } from './problems.js';
import { tagged } from './tagged.js';
import { DEAL_TYPES, dealDecoder, type DealIn } from '../deals/registry.js';
import { STEPS } from './periods.js';
import { describe, type MapNode, type TNode } from './tree.js';

const FORMAT_VERSIONS = ['1'] as const;

const version: Decoder<At<string>> = {
  decode(n, path, cx) {
    if (n.t !== 'scalar' || n.type !== 'number' || !(FORMAT_VERSIONS as readonly string[]).includes(n.text)) {
      cx.error(n.loc, path, `this file is format version ${describe(n)}; this program reads version ${FORMAT_VERSIONS.join(', ')} (write stargate: 1)`);
      return undefined;
    }
    return { value: n.text, loc: n.loc, path };
  },
  schema: () => ({ const: 1 }),
};

const timeline = object({
  start: req(period(), 'first period, e.g. 2026-Q1'),
  end: req(period(), 'last period, inclusive'),
  step: req(oneOf(STEPS), 'month | quarter | year'),
});

/** A funding policy's sources, tried in the order written (financing-and-default.md section 1). */
const equitySource = object({
  source: req(oneOf(['equity'] as const), 'equity'),
  investor: opt(ref('party'), 'market (default) or a party, which pays from its own cash'),
  max: opt(amount({ min: 'positive' }), 'most it raises this way over the timeline; no cap without it'),
});
const creditSource = object({
  source: req(oneOf(['credit'] as const), 'credit'),
  deal: req(ref('deal'), 'a credit_line with this party as borrower and draws: on_demand'),
});
export type FundingSourceIn = ({ kind: 'equity' } & ObjectOut<typeof equitySource.fields>) | ({ kind: 'credit' } & ObjectOut<typeof creditSource.fields>);
const fundingSource = tagged({ equity: equitySource, credit: creditSource }, 'funding source', 'source') as Decoder<FundingSourceIn>;

const party = object({
  name: req(string(), 'display name'),
  cash: opt(amount(), 'opening cash, default 0'),
  discount_rate: opt(ratio({ min: 'zero' }), 'annual rate for NPV; falls back to the file discount_rate'),
  gross_margin: opt(series(ratio({ min: 'zero', maxOne: true })), 'level 0..100%: share of sales kept; the rest is cost of sales paid to market'),
  valuation: opt(series(amount({ min: 'positive' })), 'level: post-money value of the whole company'),
  recovery_rate: opt(series(ratio({ min: 'zero', maxOne: true })), 'level: what lenders recover of loans to this party if it defaults; default 0%'),
  share_price: opt(series(amount({ min: 'positive' })), 'level: price of one share (warrants vest and are valued on it)'),
  shares_outstanding: opt(series(count({ min: 'positive' })), 'level: shares outstanding, without those issued under warrants'),
  min_cash: opt(series(amount({ min: 'zero' })), 'level: the cash floor its funding policy defends; default 0'),
  funding: opt(list(fundingSource), 'funding policy: sources tried in order when cash falls below min_cash'),
  on_shortfall: opt(oneOf(['allow', 'default'] as const), 'allow (default: cash may go negative) | default (it defaults when its policy cannot cover the period)'),
});

/** `events:` — things that happen to the scenario at a date, whatever the cash says. */
const defaultEvent = object({
  type: req(oneOf(['default'] as const), 'default'),
  party: req(ref('party'), 'the party that defaults'),
  at: req(period(), 'the period it defaults in (at its start)'),
});
export type EventIn = { kind: 'default' } & ObjectOut<typeof defaultEvent.fields>;
const event = tagged({ default: defaultEvent }, 'event') as Decoder<EventIn>;

const buildout = object({
  operator: req(ref('party'), 'party that builds and pays'),
  gw: req(series(quantity({ min: 'zero' })), 'flow: GW added'),
  capex_per_gw: req(series(amount({ min: 'zero' })), 'level: capital cost of one GW'),
  suppliers: opt(idMap(series(ratio({ min: 'zero', maxOne: true })), 'party'), 'party: level share of each period capex paid to it'),
  opex_per_gw_year: opt(series(amount({ min: 'zero' })), 'level: yearly operating cost of one GW online, paid to market'),
});

const operations = object({
  revenue: opt(series(amount({ min: 'zero' })), 'flow: money from market'),
  costs: opt(series(amount({ min: 'zero' })), 'flow: money to market'),
  net: opt(series(amount()), 'flow: positive from market, negative to market'),
});

/** Deals are listed; their paths use the deal id once it is known (`deals.nvidia-credit.rate`). */
const deals: Decoder<At<DealIn[]> & { allIds: string[] }> = {
  decode(n, path, cx) {
    if (n.t !== 'seq') {
      cx.error(n.loc, path, `expected a list of deals, got ${describe(n)}`);
      return undefined;
    }
    const out: DealIn[] = [];
    const allIds: string[] = [];
    const firstAt = new Map<string, Loc>();
    n.items.forEach((it, i) => {
      const key = dealKey(it, i);
      if (!key.startsWith('[')) {
        const idNode = (it as MapNode).entries.get('id')!.value;
        const first = firstAt.get(key);
        if (first) {
          cx.error(idNode.loc, `${path}.${key}.id`, `the deal id "${key}" is used twice (first at ${first.file}:${first.line}:${first.col}); deal ids are unique`);
          dealDecoder.decode(it, `${path}[${i}]`, cx); // still report its own mistakes
          return;
        }
        firstAt.set(key, idNode.loc);
        allIds.push(key);
      }
      const v = dealDecoder.decode(it, key.startsWith('[') ? `${path}${key}` : join(path, key), cx);
      if (v) out.push(v);
    });
    return { value: out, loc: n.loc, path, allIds };
  },
  schema: () => ({ type: 'array', items: dealDecoder.schema() }),
};

/** "a, b and c". */
const listed = (xs: readonly string[]): string => (xs.length > 1 ? `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}` : xs.join(''));

/** The path segment of a deal: its id when it has a usable one, else its index. */
function dealKey(n: TNode, i: number): string {
  const id = n.t === 'map' ? n.entries.get('id')?.value : undefined;
  return id && id.t === 'scalar' && id.type === 'string' && /^[a-z][a-z0-9_-]*$/.test(id.text) ? id.text : `[${i}]`;
}

/** A distribution parameter: an amount (14B, 0.5) or a percentage (6%), as the field it varies takes. */
const param = (range?: Range) => numberLike(range);
const uniform = object({ dist: req(oneOf(['uniform'] as const), 'uniform'), min: req(param(), 'lowest value'), max: req(param(), 'highest value') });
const triangular = object({ dist: req(oneOf(['triangular'] as const), 'triangular'), min: req(param(), 'lowest value'), mode: req(param(), 'most likely value'), max: req(param(), 'highest value') });
const pert = object({ dist: req(oneOf(['pert'] as const), 'pert'), min: req(param(), 'lowest value'), mode: req(param(), 'most likely value'), max: req(param(), 'highest value') });
const normal = object({
  dist: req(oneOf(['normal'] as const), 'normal'),
  mean: req(param(), 'mean'),
  sd: req(param({ min: 'zero' }), 'standard deviation'),
  min: opt(param(), 'truncate below (draws under it are drawn again)'),
  max: opt(param(), 'truncate above (draws over it are drawn again)'),
});
const lognormal = object({
  dist: req(oneOf(['lognormal'] as const), 'lognormal'),
  mean: req(param({ min: 'positive' }), 'mean of the value (above zero)'),
  sd: req(param({ min: 'zero' }), 'standard deviation of the value'),
});
export type DistIn =
  | ({ kind: 'uniform' } & ObjectOut<typeof uniform.fields>)
  | ({ kind: 'triangular' } & ObjectOut<typeof triangular.fields>)
  | ({ kind: 'pert' } & ObjectOut<typeof pert.fields>)
  | ({ kind: 'normal' } & ObjectOut<typeof normal.fields>)
  | ({ kind: 'lognormal' } & ObjectOut<typeof lognormal.fields>);
const dist = memo(tagged({ uniform, triangular, pert, normal, lognormal }, 'distribution', 'dist') as unknown as Decoder<DistIn>);

/** `uncertain:` — PATH (as for --set) → a distribution; read by simulate and tornado. */
const uncertain: Decoder<At<{ path: string; pathLoc: Loc; dist: DistIn }[]>> = {
  decode(n, path, cx) {
    const m = expectMap(n, path, cx, 'a map from value paths (as for --set) to distributions');
    if (!m) return undefined;
    const out: { path: string; pathLoc: Loc; dist: DistIn }[] = [];
    let ok = true;
    for (const [key, entry] of m.entries) {
      const d = dist.decode(entry.value, join(path, key), cx);
      if (d) out.push({ path: key, pathLoc: entry.keyLoc, dist: d });
      else ok = false;
    }
    return ok ? { value: out, loc: n.loc, path } : undefined;
  },
  schema: () => ({ type: 'object', additionalProperties: dist.schema(), description: 'value path (as for --set) → distribution' }),
};

export const scenarioFields = {
  stargate: req(version, 'format version: 1'),
  name: req(string(), 'scenario name'),
  description: opt(string(), 'what the scenario models'),
  sources: opt(list(string()), 'where the figures come from'),
  extends: opt(string(), 'path of a scenario this one builds on, relative to this file'),
  timeline: req(memo(timeline), '{start, end, step}'),
  discount_rate: opt(ratio({ min: 'zero' }), 'default annual discount rate for NPV'),
  parties: req(idMap(memo(party), 'party'), 'the parties, by id'),
  buildouts: opt(idMap(memo(buildout), 'build-out'), 'capacity an operator builds and pays for'),
  operations: opt(idMap(memo(operations), 'party'), 'operating results by party'),
  deals: opt(deals, `${listed(Object.keys(DEAL_TYPES))} deals`),
  events: opt(list(event), 'defaults written into the scenario: {type: default, party, at}'),
  uncertain: opt(uncertain, 'distributions of inputs, for simulate and tornado'),
};
const scenarioObject = object(scenarioFields, 'a scenario (a map with stargate, name, timeline, parties, ...)', true);
/**
 * The decoded scenario. Its root is decoded partially: a field that failed is
 * missing (and named in `broken`) so that the other checks can still run.
 */
export type ScenarioIn = Partial<ObjectOut<typeof scenarioFields>> & { readonly loc: Loc; readonly path: string; readonly broken: readonly string[] };
export const scenarioDecoder = scenarioObject as unknown as Decoder<ScenarioIn>;
export type PartyIn = ObjectOut<typeof party.fields>;
export type BuildoutIn = ObjectOut<typeof buildout.fields>;
export type OperationsIn = ObjectOut<typeof operations.fields>;

/** The JSON Schema of scenario format 1 (what `stargate schema` prints). */
export function scenarioSchema(): JsonSchema {
  const base = objectSchema(scenarioFields);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://stargate.invalid/schema/scenario.schema.json',
    title: 'stargate scenario, format 1',
    ...base,
  };
}
