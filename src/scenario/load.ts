/**
 * Loading a scenario: read (through an injected reader, so this stays pure),
 * parse, follow `extends`, merge, apply `--set`, decode and check. Returns the
 * checked model or every problem found; never a half-loaded scenario.
 */
import { decodeText, describe, parseYaml, type MapNode, type TNode } from './tree.js';
import { parseAmount, parseQuantity, parseRatio } from './values.js';
import { applySet, getNode, mergeTrees, type SetOption } from './merge.js';
import { controlIn, sortProblems, type Problem } from './problems.js';
import { Cx, join, numericLeaves, type DecodeCache, type NumericLeaf } from './decode.js';
import { scenarioDecoder, scenarioFields, type ScenarioIn } from './format.js';
import { compileScenario, type CompileCache, type Model } from './compile.js';

/** How the loader reaches files: the command layer passes the real file system. */
export interface Reader {
  /** the file's bytes, or a message saying why it cannot be read */
  read(file: string): Uint8Array | { error: string };
  /** the name of `rel` written in `from`, as it should appear in messages */
  resolve(from: string, rel: string): string;
}

export type Loaded<T> = { ok: true; value: T; warnings: Problem[] } | { ok: false; problems: Problem[]; warnings: Problem[] };

/** Read `file` and everything it extends into one merged tree. */
function loadTree(file: string, reader: Reader, chain: string[] = []): { ok: true; root: TNode } | { ok: false; problems: Problem[] } {
  const bytes = reader.read(file);
  if ('error' in bytes) {
    return { ok: false, problems: [{ loc: { file, line: 1, col: 1 }, path: '', message: bytes.error }] };
  }
  const text = decodeText(file, bytes);
  if (!text.ok) return text;
  const parsed = parseYaml(file, text.text);
  if (!parsed.ok) return parsed;
  const root = parsed.root;
  if (root.t !== 'map') {
    return { ok: false, problems: [{ loc: root.loc, path: '', message: 'a scenario file is a map with stargate, name, timeline and parties' }] };
  }
  const ext = root.entries.get('extends');
  // the merged tree holds one stargate key: each file of a chain is checked on its own
  const own = ext || chain.length > 0 ? checkVersion(root) : [];
  if (!ext) return own.length ? { ok: false, problems: own } : { ok: true, root };
  const rest = new Map(root.entries);
  rest.delete('extends');
  const mine: TNode = { t: 'map', loc: root.loc, entries: rest };
  const v = ext.value;
  if (v.t !== 'scalar' || v.type !== 'string' || v.text === '') {
    return { ok: false, problems: [...own, { loc: v.loc, path: 'extends', message: 'expected the path of a scenario file, relative to this one' }] };
  }
  // a NUL or an escape sequence is never part of a real file name (and Node refuses a NUL with a message of its own)
  const control = controlIn(v.text);
  if (control) {
    return { ok: false, problems: [...own, { loc: v.loc, path: 'extends', message: `${JSON.stringify(v.text)} has a control character (${control}); expected the path of a scenario file, relative to this one` }] };
  }
  const baseFile = reader.resolve(file, v.text);
  const seen = [...chain, file];
  if (seen.includes(baseFile)) {
    const cycle = [...seen.slice(seen.indexOf(baseFile)), baseFile].join(' -> ');
    return { ok: false, problems: [...own, { loc: v.loc, path: 'extends', message: `the files extend each other in a cycle: ${cycle}` }] };
  }
  const base = loadTree(baseFile, reader, seen);
  if (!base.ok) {
    // a base that cannot be read at all is reported where it was named
    const unreadable = base.problems.length === 1 && base.problems[0]?.loc.file === baseFile && base.problems[0].loc.line === 1 && base.problems[0].message.startsWith('cannot read');
    return { ok: false, problems: [...own, ...(unreadable ? [{ loc: v.loc, path: 'extends', message: `${base.problems[0]?.message}` }] : base.problems)] };
  }
  if (own.length) return { ok: false, problems: own };
  const problems: Problem[] = [];
  const merged = mergeTrees(base.root, mine, [], problems);
  return problems.length ? { ok: false, problems } : { ok: true, root: merged };
}

/** The `stargate` key of one file of an extends chain: present, and a version this program reads. */
function checkVersion(root: MapNode): Problem[] {
  const cx = new Cx();
  const v = root.entries.get('stargate');
  if (v) scenarioFields.stargate.decoder.decode(v.value, 'stargate', cx);
  else cx.error(root.loc, '', `the field "stargate" is missing (${scenarioFields.stargate.doc}); every file of an extends chain names its own stargate: 1`);
  return cx.problems;
}

/**
 * Decode a merged tree into the typed scenario (section 5, no timeline rules
 * yet). The scenario comes back whenever its required parts decoded, with the
 * problems found so far, so that the later checks can add theirs.
 */
export function decodeScenario(root: TNode, cache?: DecodeCache): { scenario: ScenarioIn | undefined; problems: Problem[] } {
  const cx = new Cx(cache);
  const scenario = scenarioDecoder.decode(root, '', cx);
  return { scenario, problems: cx.problems };
}

export interface LoadOptions {
  readonly sets?: readonly string[];
}

/** Read a file with everything it extends, then apply the --set overrides: the scenario's inputs. */
export function resolveTree(file: string, reader: Reader, sets: readonly string[] = []): { ok: true; root: TNode } | { ok: false; problems: Problem[] } {
  const tree = loadTree(file, reader);
  if (!tree.ok) return { ok: false, problems: sortProblems(tree.problems) };
  const problems: Problem[] = [];
  let root = tree.root;
  sets.forEach((text, i) => {
    const opt: SetOption = { text, index: i + 1 };
    root = applySet(root, opt, problems);
  });
  return problems.length ? { ok: false, problems } : { ok: true, root };
}

/** Decode and check a resolved tree into the model the engine runs. */
export function compileTree(root: TNode, file: string, cache?: CompileCache): Loaded<Model> {
  return decodeAndCompile(root, file, cache).model;
}

/** compileTree, also giving the decoded scenario (for analyses that patch it, see analysis/evaluate.ts). */
export function decodeAndCompile(root: TNode, file: string, cache?: CompileCache): { scenario: ScenarioIn | undefined; model: Loaded<Model> } {
  const decoded = decodeScenario(root, cache?.decode);
  if (!decoded.scenario) return { scenario: undefined, model: { ok: false, problems: sortProblems(decoded.problems), warnings: [] } };
  const problems = [...decoded.problems, ...checkUncertainPaths(root, decoded.scenario)];
  return { scenario: decoded.scenario, model: compileScenario(decoded.scenario, file, problems, cache) };
}

/**
 * Each uncertain path must name one number the file holds: an amount, a ratio
 * or a quantity; and the distribution is written as that field is, checked by
 * its decoder (1%..50% is no amount, a rate is not -1%). A spread (sd) is no
 * value of the field: only its unit is checked.
 */
function checkUncertainPaths(root: TNode, s: ScenarioIn): Problem[] {
  const out: Problem[] = [];
  const block = getNode(root, 'uncertain');
  let leaves: ReadonlyMap<string, NumericLeaf | undefined> | undefined; // found once, if any path needs them
  for (const u of s.uncertain?.value ?? []) {
    const n = getNode(root, u.path);
    const where = `uncertain.${u.path}`;
    if (n === undefined) out.push({ loc: u.pathLoc, path: where, message: `the scenario has no value at ${u.path}` });
    else if (n.t !== 'scalar') out.push({ loc: u.pathLoc, path: where, message: `${u.path} is ${n.t === 'map' ? 'a map' : 'a list'}; name one value (for a series, one key: ${u.path}.2027)` });
    else if (!parseAmount(n).ok && !parseRatio(n).ok && !parseQuantity(n).ok) out.push({ loc: u.pathLoc, path: where, message: `${u.path} holds ${describe(n)}, not an amount, a ratio or a quantity` });
    else {
      const field = (leaves ??= numericLeaves(s)).get(u.path)?.decoder;
      const dist = block?.t === 'map' ? block.entries.get(u.path)?.value : undefined;
      if (!field || dist?.t !== 'map') continue;
      for (const [key, e] of dist.entries) {
        if (key === 'dist') continue;
        const cx = new Cx();
        field.decode(e.value, join(where, key), cx);
        // the range messages of a field say "must ..."; a spread keeps only those about its unit
        out.push(...(key === 'sd' ? cx.problems.filter((p) => !p.message.startsWith('must ')) : cx.problems));
      }
    }
  }
  return out;
}

/** The whole path from a file name to a checked model. */
export function loadScenario(file: string, reader: Reader, options: LoadOptions = {}): Loaded<Model> {
  const tree = resolveTree(file, reader, options.sets);
  if (!tree.ok) return { ok: false, problems: tree.problems, warnings: [] };
  return compileTree(tree.root, file);
}
