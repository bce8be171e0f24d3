/**
 * YAML text to a small tree that remembers where every value was written.
 *
 * Scalars keep their source text (numbers are never turned into JavaScript
 * numbers), maps keep their keys in order. Aliases are expanded here under a
 * node budget, so that a "billion laughs" file fails fast in bounded memory.
 */
import { Composer, isAlias, isMap, isScalar, isSeq, Lexer, LineCounter, Parser, YAMLParseError, type Node as YNode, type Document } from 'yaml';
import type { Loc, Problem } from './problems.js';
import type { Dec } from '../money/decimal.js';

export interface MapEntry {
  readonly keyLoc: Loc;
  readonly value: TNode;
}
export type TNode =
  | { readonly t: 'map'; readonly loc: Loc; readonly entries: Map<string, MapEntry> }
  | { readonly t: 'seq'; readonly loc: Loc; readonly items: TNode[] }
  | {
      readonly t: 'scalar';
      readonly loc: Loc;
      readonly type: 'number' | 'string' | 'bool' | 'null';
      readonly text: string;
      /** the exact value of a number put in by an analysis (its text is this value), so it need not be parsed again */
      readonly exact?: Dec;
    };
export type MapNode = Extract<TNode, { t: 'map' }>;
export type ScalarNode = Extract<TNode, { t: 'scalar' }>;

/** Largest scenario file read, in bytes: far above any real scenario. */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;
/** Most nodes one file may expand to, aliases included. */
const MAX_NODES = 200_000;
/** Deepest level a value may sit at, the root at 0 (through aliases too). */
const MAX_DEPTH = 200;
const TOO_DEEP = `the file nests deeper than ${MAX_DEPTH} levels; a scenario is far shallower`;

/** `empty`: the text holds no value at all (blank, or only comments). */
export type ParseResult = { ok: true; root: TNode } | { ok: false; problems: Problem[]; empty?: true };

/** Check raw bytes before parsing: size, binary content, encoding. */
export function decodeText(file: string, bytes: Uint8Array): { ok: true; text: string } | { ok: false; problems: Problem[] } {
  const at = { file, line: 1, col: 1 };
  if (bytes.length > MAX_FILE_BYTES) {
    return { ok: false, problems: [{ loc: at, path: '', message: `the file is ${bytes.length} bytes; a scenario file may be at most ${MAX_FILE_BYTES} bytes` }] };
  }
  if (bytes.includes(0)) {
    return { ok: false, problems: [{ loc: at, path: '', message: 'this is not a text file (it contains NUL bytes); a scenario is a UTF-8 YAML file' }] };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, problems: [{ loc: at, path: '', message: 'the file is not valid UTF-8; a scenario is a UTF-8 YAML file' }] };
  }
  return { ok: true, text: text.startsWith('\uFEFF') ? text.slice(1) : text };
}

/** Parse YAML text into a located tree, or the problems that stop it. */
export function parseYaml(file: string, source: string, origin: { line: number; col: number } = { line: 1, col: 1 }): ParseResult {
  // YAML 1.2 takes a CR alone as a line break (old Mac files), the yaml package does not;
  // one character for one, so that every offset stays where it was
  const text = source.replace(/\r(?!\n)/g, '\n');
  const lc = new LineCounter();
  const locAt = (offset: number, counter = lc): Loc => {
    const p = counter.linePos(offset);
    return p.line === 1
      ? { file, line: origin.line, col: origin.col + p.col - 1 }
      : { file, line: origin.line + p.line - 1, col: p.col };
  };
  // yaml's composer and the walk below recurse once per level: bound the depth before they run
  // lexed once: the depth is checked on the tokens, which are then parsed
  const lexemes = [...new Lexer().lex(text)];
  const { deepAt: deep, documents } = scanTokens(lexemes);
  if (deep !== undefined) {
    const lines = new LineCounter(); // the parser has not counted the lines yet
    lines.addNewLine(0);
    for (let i = text.indexOf('\n'); i >= 0 && i < deep; i = text.indexOf('\n', i + 1)) lines.addNewLine(i + 1);
    return { ok: false, problems: [{ loc: locAt(deep, lines), path: '', message: TOO_DEEP }] };
  }
  let doc: Document.Parsed;
  try {
    doc = parseLexemes(text, lexemes, lc);
  } catch (e) {
    return { ok: false, problems: [{ loc: locAt(0), path: '', message: `YAML could not be read: ${(e as Error).message}` }] };
  }
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({
        loc: locAt(e.pos[0]),
        path: '',
        // yaml stops at the second document; the tokens tell how many there are
        message: e.code === 'MULTIPLE_DOCS' ? `a scenario file holds one YAML document; found ${Math.max(2, documents)}` : `YAML syntax: ${firstLine(e.message)}`,
      })),
    };
  }
  if (doc.contents === null) {
    return { ok: false, empty: true, problems: [{ loc: locAt(0), path: '', message: 'the file is empty; a scenario needs at least stargate, name, timeline and parties' }] };
  }
  // Every expanded value counts against the budget, but an anchored value is
  // converted once and shared, so a "billion laughs" costs only its real size.
  let budget = MAX_NODES;
  const sizes = new WeakMap<TNode, number>();
  const anchored = new Map<unknown, TNode>();
  const problems: Problem[] = [];
  const sized = (t: TNode, size: number): TNode => {
    sizes.set(t, size);
    return t;
  };
  const sizeOf = (t: TNode): number => sizes.get(t) ?? 1;
  let deepAt: number | undefined;
  const convert = (n: unknown, depth: number): TNode | undefined => {
    if (depth > MAX_DEPTH) {
      deepAt = (n as YNode).range?.[0] ?? 0;
      return undefined;
    }
    if (isAlias(n)) {
      const target = n.resolve(doc);
      if (!target) {
        problems.push({ loc: locAt(n.range?.[0] ?? 0), path: '', message: `YAML alias *${n.source} has no anchor` });
        return { t: 'scalar', loc: locAt(n.range?.[0] ?? 0), type: 'null', text: '' };
      }
      const done = anchored.get(target);
      if (done) {
        budget -= sizeOf(done);
        return budget < 0 ? undefined : done;
      }
      const t = convert(target, depth + 1);
      if (t) anchored.set(target, t);
      return t;
    }
    if (--budget < 0) return undefined;
    const node = n as YNode;
    const loc = locAt(node.range?.[0] ?? 0);
    if (isMap(node)) {
      const entries = new Map<string, MapEntry>();
      for (const pair of node.items) {
        const k = pair.key as YNode | null;
        const keyLoc = locAt(k?.range?.[0] ?? node.range?.[0] ?? 0);
        if (!isScalar(k) || k.value === null || typeof k.value === 'object') {
          problems.push({ loc: keyLoc, path: '', message: 'a map key must be a plain name or period label' });
          continue;
        }
        const key = typeof k.value === 'number' ? String(k.source ?? k.value) : String(k.value);
        const v = pair.value === null ? ({ t: 'scalar', loc: keyLoc, type: 'null', text: '' } as TNode) : convert(pair.value, depth + 1);
        if (v === undefined) return undefined;
        entries.set(key, { keyLoc, value: v });
      }
      let size = 1;
      for (const e of entries.values()) size += sizeOf(e.value);
      const out = sized({ t: 'map', loc, entries }, size);
      if (node.anchor) anchored.set(node, out);
      return out;
    }
    if (isSeq(node)) {
      const items: TNode[] = [];
      for (const it of node.items) {
        const v = it === null ? ({ t: 'scalar', loc, type: 'null', text: '' } as TNode) : convert(it, depth + 1);
        if (v === undefined) return undefined;
        items.push(v);
      }
      const out = sized({ t: 'seq', loc, items }, items.reduce((a, it) => a + sizeOf(it), 1));
      if (node.anchor) anchored.set(node, out);
      return out;
    }
    if (isScalar(node)) {
      const v = node.value;
      if (typeof v === 'number') return { t: 'scalar', loc, type: 'number', text: String(node.source ?? v) };
      if (typeof v === 'boolean') return { t: 'scalar', loc, type: 'bool', text: String(v) };
      if (v === null || v === undefined) return { t: 'scalar', loc, type: 'null', text: '' };
      return { t: 'scalar', loc, type: 'string', text: String(v) };
    }
    problems.push({ loc, path: '', message: 'unsupported YAML node' });
    return { t: 'scalar', loc, type: 'null', text: '' };
  };
  const root = convert(doc.contents, 0);
  if (root === undefined && deepAt !== undefined) return { ok: false, problems: [{ loc: locAt(deepAt), path: '', message: TOO_DEEP }] };
  if (root === undefined) {
    return {
      ok: false,
      problems: [{ loc: locAt(0), path: '', message: `the file expands to more than ${MAX_NODES} values (YAML aliases that repeat each other?); a scenario is far smaller` }],
    };
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, root };
}

/**
 * What yaml's lexer tokens tell before anything is parsed: the offset where
 * the nesting first passes MAX_DEPTH (the scan stops there), and the number
 * of YAML documents. A deep enough file overflows the stack in yaml's
 * composer, or even aborts the process (V8's regexp compiler runs out of
 * room), and the lexer keeps no stack. The depth is an upper bound: every
 * open indentation, every block indicator (- ? :) on the line and every open
 * bracket counts as a level.
 */
function scanTokens(lexemes: readonly string[]): { deepAt?: number; documents: number } {
  let documents = 0;
  let fresh = false; // a document has started and holds nothing yet: its own --- starts no other
  const indents: number[] = []; // the indentation of each open block collection
  let flow = 0;
  let indicators = 0; // block indicators on this line
  let indent = 0;
  let placed = false; // this line's indentation is counted
  let lineStart = true;
  let offset = 0;
  for (const lex of lexemes) {
    const at = offset;
    // the lexer's markers of a document, a scalar or a flow cut short take no room in the text
    if (lex === '\x18') flow = 0;
    if (lex === '\x02') [documents, fresh] = [documents + 1, true];
    if (lex === '\x02' || lex === '\x1f' || lex === '\x18') continue;
    offset += lex.length;
    if (lex[0] === '\n' || lex[0] === '\r') {
      [lineStart, indicators, indent, placed] = [true, 0, 0, false];
      continue;
    }
    const first = lineStart;
    lineStart = false;
    if (/^[ \t]+$/.test(lex)) {
      if (first) indent = lex.length;
      continue;
    }
    if (lex[0] === '#') continue;
    if (first && (lex === '---' || lex === '...')) {
      if (lex === '---' && !fresh) documents++;
      fresh = false;
      indents.length = 0;
      continue;
    }
    fresh = false;
    if (lex === ']' || lex === '}') {
      flow = Math.max(0, flow - 1);
      continue;
    }
    if (flow === 0 && !placed) {
      while (indents.length > 0 && (indents[indents.length - 1] as number) > indent) indents.pop();
      if (indents.length === 0 || (indents[indents.length - 1] as number) < indent) indents.push(indent);
      placed = true;
    }
    // the level of the value this token starts: a bracket's list sits at the level it opens in
    const base = indents.length - 1 + indicators;
    let level: number;
    if (lex === '[' || lex === '{') level = base + flow++;
    else if (flow === 0 && (lex === '-' || lex === '?' || lex === ':')) {
      indicators++;
      level = base + 1;
    } else level = base + flow;
    if (level > MAX_DEPTH) return { deepAt: at, documents };
  }
  return { documents };
}

/**
 * yaml's parseDocument, on lexemes already at hand: the parser and composer
 * it runs, and its MULTIPLE_DOCS error at a second document.
 */
function parseLexemes(text: string, lexemes: readonly string[], lc: LineCounter): Document.Parsed {
  const parser = new Parser(lc.addNewLine);
  const tokens = function* () {
    lc.addNewLine(0);
    for (const lex of lexemes) yield* parser.next(lex);
    yield* parser.end();
  };
  const composer = new Composer({ uniqueKeys: true, version: '1.2' });
  let doc: Document.Parsed | undefined;
  for (const d of composer.compose(tokens(), true, text.length)) {
    if (!doc) doc = d;
    else {
      doc.errors.push(new YAMLParseError(d.range.slice(0, 2) as [number, number], 'MULTIPLE_DOCS', 'Source contains multiple documents'));
      break;
    }
  }
  return doc as Document.Parsed; // compose(…, true) ends with a document, an empty one at the least
}

function firstLine(s: string): string {
  return s.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? s;
}

/** A short human description of a node's kind, for "expected X, got Y" messages. */
export function describe(n: TNode): string {
  if (n.t === 'map') return 'a map';
  if (n.t === 'seq') return 'a list';
  if (n.type === 'null') return 'nothing';
  if (n.type === 'string') return JSON.stringify(n.text);
  return n.text;
}
