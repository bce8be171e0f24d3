/**
 * Running one scenario many times with some inputs changed: the shared core
 * of sweep, tornado, solve and simulate. The scenario is parsed and decoded
 * once. An evaluation that only puts numbers where the file already has
 * numbers (every simulate run, most sweeps) checks each new number with the
 * decoder that read the old one and patches it into a copy of the decoded
 * scenario; anything else (a map for a series, a value the file does not
 * have) goes into a copy of the tree, which is decoded and checked like any
 * file. Either way the whole scenario is then compiled and checked, run by
 * the engine, and the asked-for metrics are read. Pure: no I/O.
 */
import { Dec } from '../money/decimal.js';
import { compileTree, decodeAndCompile } from '../scenario/load.js';
import { CompileCache, compileScenario, recompile, type Touched } from '../scenario/compile.js';
import { FinanceCache } from '../metrics/finance.js';
import { Cx, numericLeaves, type NumericLeaf } from '../scenario/decode.js';
import type { ScenarioIn } from '../scenario/format.js';
import { getNode, setNode } from '../scenario/merge.js';
import { parseYaml, type TNode } from '../scenario/tree.js';
import type { Loc, Problem } from '../scenario/problems.js';
import { parseAmount, parseRatio } from '../scenario/values.js';
import { EvaluationError } from '../errors.js';
import type { Model } from '../scenario/compile.js';
import { run } from '../engine/engine.js';
import { computeMetrics, type MetricOptions, type Metrics } from '../metrics/metrics.js';
import { needs, parseAddress, readMetric, type Address, type MetricNumber } from './address.js';

/** Runs of an analysis keep no ledger: their metrics come from the flows the engine sums. */
const NO_LEDGER = { ledger: false } as const;

/** One changed input: a path and the value node to put there. */
export interface Override {
  readonly path: string;
  readonly node: TNode;
}

/** A decimal as a value node, as if written in the file as a plain number. */
export function decimalNode(d: Dec, loc: Loc): TNode {
  return new ExactNode(d, loc);
}

/** A number put in by an analysis: its text is written only if something reads it (a message, the tree path). */
class ExactNode {
  readonly t = 'scalar';
  readonly type = 'number';
  constructor(readonly exact: Dec, readonly loc: Loc) {}
  get text(): string {
    return this.exact.toFixed();
  }
}

/** Text written on the command line (`4%`, `12B`, `{2026: 1B}`) as a value node. */
export function textNode(text: string, loc: Loc): { ok: true; node: TNode } | { ok: false; problems: Problem[] } {
  const r = parseYaml(loc.file, text, { line: loc.line, col: loc.col });
  if (!r.ok && r.empty) return { ok: false, problems: [{ loc, path: '', message: 'expected a value, got nothing (a comment?)' }] };
  return r.ok ? { ok: true, node: r.root } : r;
}

/** A number written as an amount (12B, 0.5) or a percentage (6%). */
export function parseNumberLike(text: string): Dec | undefined {
  const s = { text: text.trim(), type: 'string' as const };
  const r = s.text.endsWith('%') ? parseRatio(s) : parseAmount(s);
  return r.ok ? r.value : undefined;
}


type Leaf = NumericLeaf;

/**
 * A copy of `o` with the value at `keys` replaced: only the objects on the
 * way are copied, and an object this run already copied (in `fresh`) is
 * changed in place, so several overrides copy the root once.
 */
function replaceAt(o: unknown, keys: readonly (string | number)[], i: number, value: unknown, fresh: Set<unknown>): unknown {
  if (i === keys.length) return value;
  const k = keys[i] as string | number;
  const inner = (o as Record<string | number, unknown>)[k];
  const copy = fresh.has(o) ? o : Array.isArray(o) ? o.slice() : { ...(o as object) };
  fresh.add(copy);
  (copy as Record<string | number, unknown>)[k] = replaceAt(inner, keys, i + 1, value, fresh);
  return copy;
}

export interface EvaluatorOptions {
  /** patch numbers into the decoded scenario when possible (default true); false always decodes a patched tree */
  readonly patch?: boolean;
}

export class Evaluator {
  readonly model: Model;
  /** which costly metrics the addresses need, and the discount factors the runs share */
  private readonly select: MetricOptions;
  private readonly decoded: ScenarioIn | undefined;
  private leaves: ReadonlyMap<string, Leaf | undefined> | undefined;
  /** how the evaluations so far were made: numbers patched into the decoded scenario, or a patched tree decoded */
  readonly made = { patched: 0, decoded: 0 };
  /** what the runs share: series laid on the timeline, discount factors */
  private readonly compiled = new CompileCache();
  private readonly finance = new FinanceCache();

  /** `base` is a resolved tree (extends and --set applied) that checks cleanly. */
  constructor(readonly base: TNode, readonly file: string, readonly addresses: readonly Address[], options: EvaluatorOptions = {}) {
    const { scenario, model: loaded } = decodeAndCompile(base, file, this.compiled);
    if (!loaded.ok) throw new EvaluationError(loaded.problems);
    this.model = loaded.value;
    this.select = { ...needs(addresses), cache: this.finance };
    this.decoded = options.patch === false ? undefined : scenario;
    this.scenario = scenario;
  }

  /** the decoded base, where each number keeps the decoder of its field */
  private readonly scenario: ScenarioIn | undefined;
  private readonly money = new Map<string, boolean>();

  /** Whether the number at `path` is money: its field reads a dollar amount (only an amount's decoder takes `$1`). */
  isMoney(path: string): boolean {
    let m = this.money.get(path);
    if (m === undefined) this.money.set(path, (m = this.scenario !== undefined && isMoneyLeaf(this.numbers().get(path))));
    return m;
  }

  /** The base tree with the overrides in place. */
  apply(overrides: readonly Override[]): TNode {
    const problems: Problem[] = [];
    let root = this.base;
    for (const o of overrides) root = setNode(root, o.path, o.node, o.node.loc, problems);
    if (problems.length) throw new EvaluationError(problems);
    return root;
  }

  /** Run with the overrides and read every address. Throws EvaluationError if the changed scenario is invalid. */
  evaluate(overrides: readonly Override[]): MetricNumber[] {
    return this.read(this.metrics(overrides));
  }

  /** Run with the overrides: the run's metrics, series included (simulate reads each party's cash by period from them). */
  metrics(overrides: readonly Override[]): Metrics {
    let loaded = this.patched(overrides);
    if (loaded) this.made.patched++;
    else {
      loaded = compileTree(this.apply(overrides), this.file, this.compiled);
      this.made.decoded++;
    }
    if (!loaded.ok) throw new EvaluationError(loaded.problems);
    return computeMetrics(run(loaded.value, NO_LEDGER), this.select);
  }

  /** Every address read from a run's metrics. */
  read(metrics: Metrics): MetricNumber[] {
    return this.addresses.map((a) => readMetric(metrics, a));
  }

  /**
   * The model with each override's number checked by its field's decoder and
   * put into the decoded scenario; undefined when an override is not a number
   * where the file has one, or fails its check (the tree path then reports
   * the problem exactly as for a file).
   */
  private patched(overrides: readonly Override[]): ReturnType<typeof compileScenario> | undefined {
    if (!this.decoded) return undefined;
    const decoded = this.decoded;
    // every object made for this run is transient: the caches do not keep it
    const fresh = new Set<unknown>();
    this.compiled.transient = fresh; // a plain set, dropped with the run
    const cx = new Cx(this.compiled.decode);
    const changes: { leaf: Leaf; at: unknown }[] = [];
    for (const o of overrides) {
      if (o.node.t !== 'scalar') return undefined;
      const leaf = this.leafAt(o.path);
      if (!leaf) return undefined;
      const at = leaf.decoder.decode(o.node, o.path, cx);
      if (!at || cx.problems.length) return undefined;
      changes.push({ leaf, at });
      fresh.add(at);
      fresh.add(at.value);
    }
    // a number inside a party, a build-out, operations or a deal: only that one is copied and compiled again
    const touched = { parties: new Map(), buildouts: new Map(), operations: new Map(), deals: new Map() } as { [K in keyof Touched]: Map<number, unknown> };
    const entity = ({ keys: [top, value, index] }: Leaf) => (value === 'value' && typeof index === 'number' && Object.hasOwn(touched, top as string) ? (top as keyof Touched) : undefined);
    if (changes.every((c) => entity(c.leaf))) {
      for (const { leaf, at } of changes) {
        const map = touched[entity(leaf)!];
        const index = leaf.keys[2] as number;
        const current = map.get(index) ?? (decoded as unknown as Record<string, { value: unknown[] }>)[leaf.keys[0] as string]!.value[index];
        map.set(index, replaceAt(current, leaf.keys, 3, at, fresh));
      }
      return recompile(this.model, decoded, touched as unknown as Touched, this.compiled);
    }
    // elsewhere (the timeline, a discount rate): the whole scenario, copied along each path, compiled again
    let s: unknown = decoded;
    for (const { leaf, at } of changes) s = replaceAt(s, leaf.keys, 0, at, fresh);
    return compileScenario(s as ScenarioIn, this.file, [], this.compiled);
  }

  /**
   * The problems that the decoder of the number at `o.path` finds in `o.node`
   * (its unit, its range), without a run: a quick first check of many values.
   * Empty when the path holds no single number: evaluate() then checks it.
   */
  check(o: Override): Problem[] {
    const leaf = this.leafAt(o.path);
    if (!leaf) return [];
    const cx = new Cx();
    leaf.decoder.decode(o.node, o.path, cx);
    return cx.problems;
  }

  private leafAt(path: string): Leaf | undefined {
    return this.decoded ? this.numbers().get(path) : undefined;
  }

  /** every number of the decoded base by its path, found on first use */
  private numbers(): ReadonlyMap<string, Leaf | undefined> {
    return (this.leaves ??= numericLeaves(this.scenario));
  }

  /** The current value at a path, as written. */
  current(path: string): TNode | undefined {
    return getNode(this.base, path);
  }
}

/** Whether a number of a decoded scenario is money: its field reads a dollar amount (only an amount's decoder takes `$1`). */
export function isMoneyLeaf(leaf: NumericLeaf | undefined): boolean {
  const cx = new Cx();
  const probe: TNode = { t: 'scalar', loc: { file: '', line: 1, col: 1 }, type: 'string', text: '$1' };
  return leaf !== undefined && leaf.decoder.decode(probe, 'probe', cx) !== undefined && cx.problems.length === 0;
}

/** Parse `--metric` addresses against the model; every bad one is reported. */
export function parseAddresses(texts: readonly string[], model: Model): { ok: true; addresses: Address[] } | { ok: false; messages: string[] } {
  const addresses: Address[] = [];
  const messages: string[] = [];
  for (const t of texts) {
    const r = parseAddress(t, model);
    if (r.ok) addresses.push(r.address);
    else messages.push(r.message);
  }
  return messages.length ? { ok: false, messages } : { ok: true, addresses };
}
