// Money is never read back from text it was printed as. Only src/scenario
// (which reads the user's YAML) and src/money/decimal.ts (which owns the
// representation) may turn text into a bigint or a decimal. Everywhere else
// in src/, the type checker finds every BigInt(...), Dec(...), ratioOfPlain(...),
// parseFloat(...) or decimal method (`d.minus(...)`) given a string, and every `.replace('.', '')`
// (cents from "12.34"), except constants written in the code (`new Dec('0.005')`)
// and numbers handed over as their digits (`new Dec(cents.toString())`).
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const PARSERS = new Set(['BigInt', 'Dec', 'ratioOfPlain', 'parseFloat']);

/** Where reading text into money is the job. */
const READERS = [`src${sep}scenario${sep}`, `src${sep}money${sep}decimal.ts`];

/**
 * Known exceptions, each with its reason; an entry that no longer matches
 * fails the test, so that the list only shrinks.
 */
const KNOWN: readonly { file: string; call: string; count: number; why: string }[] = [
  { file: 'src/cli/commands/simulate.ts', call: "BigInt(opts.seed ?? '1')", count: 1, why: 'the --seed option, not money' },
  { file: 'src/cli/sim-worker.ts', call: 'BigInt(job.seed)', count: 1, why: 'the seed, handed to the worker as text' },
  { file: 'src/report/cells.ts', call: 'ratioOfPlain(plain)', count: 2, why: 'compactMoney and percent state the display rules on plain text (test/outputs.test.ts)' },
  { file: 'src/analysis/compact.ts', call: "BigInt(digits.length >= DIGITS ? digits.slice(0, DIGITS) : digits.padEnd(DIGITS, '0'))", count: 1, why: "a value's digits packed into simulate's compact ordered storage" },
  { file: 'src/analysis/compact.ts', call: "new Dec(`${key < 0n ? '-' : ''}${(a % M).toString()}e${q}`)", count: 1, why: 'a value unpacked from the compact storage: integer digits and an exponent' },
  { file: 'src/analysis/simulate.ts', call: 'new Dec(`${sum.num}e${sum.q}`)', count: 1, why: "a mean's exact integer sum and its exponent, as a decimal" },
  { file: 'src/metrics/finance.ts', call: 'BigInt(periodDiscount(rate, ppy).times(new Dec((1n << NF).toString())).toFixed(0))', count: 1, why: 'a discount factor (not money) as a fixed-point integer' },
  { file: 'src/analysis/distributions.ts', call: 'BigInt(text)', count: 1, why: "a variate's shortest decimal form (a dimensionless float) as an exact fraction: a whole number" },
  { file: 'src/analysis/distributions.ts', call: 'BigInt(text.slice(0, dot) + text.slice(dot + 1))', count: 1, why: "a variate's shortest decimal form (a dimensionless float) as an exact fraction: its digits over a power of ten" },
];

function isStringy(t: ts.Type): boolean {
  return t.isUnion() ? t.types.some(isStringy) : (t.flags & ts.TypeFlags.StringLike) !== 0;
}

/** A value fixed in the code: a literal, or of a literal type ('5' | '25'). */
function isConstant(arg: ts.Expression, checker: ts.TypeChecker): boolean {
  if (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg) || ts.isNumericLiteral(arg)) return true;
  const t = checker.getTypeAtLocation(arg);
  return t.isUnion() ? t.types.every((m) => m.isLiteral()) : t.isLiteral();
}

/** `String(n)` or `n.toString()` of something that is not text: a number handed over as its digits. */
function isDigitsOf(arg: ts.Expression, checker: ts.TypeChecker): boolean {
  if (!ts.isCallExpression(arg)) return false;
  const callee = arg.expression;
  if (ts.isIdentifier(callee) && callee.text === 'String' && arg.arguments[0]) return !isStringy(checker.getTypeAtLocation(arg.arguments[0]));
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'toString') return !isStringy(checker.getTypeAtLocation(callee.expression));
  return false;
}

/** A method of a decimal (`d.minus(x)`), which reads a string argument as a number. */
function isDecimalMethod(e: ts.Expression, checker: ts.TypeChecker): boolean {
  return ts.isPropertyAccessExpression(e) && checker.getTypeAtLocation(e.expression).getSymbol()?.getName() === 'Decimal';
}

const calleeName = (e: ts.Expression): string | undefined => (ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : undefined);

/** `.replace('.', '')` or `.replace(/\./, '')`: cents made from a printed amount. */
function dropsDecimalPoint(call: ts.CallExpression): boolean {
  const [what, by] = call.arguments;
  if (!ts.isPropertyAccessExpression(call.expression) || !['replace', 'replaceAll'].includes(call.expression.name.text) || !what || !by) return false;
  const dot = (ts.isStringLiteral(what) && what.text === '.') || (ts.isRegularExpressionLiteral(what) && /^\/\\\.\/[a-z]*$/.test(what.text));
  return dot && ts.isStringLiteralLike(by) && by.text === '';
}

/** Every place in the files that reads money back from text, as "file: call". */
function findTextMoney(files: readonly string[]): string[] {
  const program = ts.createProgram([...files], { strict: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, noEmit: true, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const found: string[] = [];
  for (const sf of program.getSourceFiles()) {
    if (!files.includes(sf.fileName)) continue;
    const rel = relative(ROOT, sf.fileName).split(sep).join('/');
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
        const name = calleeName(node.expression);
        const reads = (name !== undefined && PARSERS.has(name)) || isDecimalMethod(node.expression, checker);
        const text = (node.arguments ?? []).some((arg) => isStringy(checker.getTypeAtLocation(arg)) && !isConstant(arg, checker) && !isDigitsOf(arg, checker));
        if (reads && text) found.push(`${rel}: ${node.getText(sf)}`);
        if (ts.isCallExpression(node) && dropsDecimalPoint(node)) found.push(`${rel}: ${node.getText(sf)}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? sourceFiles(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []));
}

describe('money is never parsed back from text', () => {
  it('finds the ways of doing it, and not constants or numbers handed over as digits', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stargate-text-money-'));
    const file = join(dir, 'sample.ts');
    const decimal = join(ROOT, 'src', 'money', 'decimal.js').split(sep).join('/');
    writeFileSync(
      file,
      [
        `import { Dec, ratioOfPlain } from '${decimal}';`,
        `export function bad(series: string[], va: string, vb: string | null, plain: string): unknown[] {`,
        `  return [BigInt(series[0]!.replace('.', '')), vb === null ? null : new Dec(vb).minus(va), ratioOfPlain(plain), parseFloat(va), va.replace(/\\./, ''), new Dec(1).times(plain)];`,
        `}`,
        `export function good(c: bigint, n: number, p: '5' | '25'): unknown[] {`,
        `  return [new Dec('0.005'), new Dec(c.toString()), new Dec(String(n)), BigInt(n), new Dec(p), new Dec(10).div(c.toString()).minus(1), 'a.b'.replace('.', '-')];`,
        `}`,
      ].join('\n'),
    );
    expect(findTextMoney([file]).map((f) => f.slice(f.indexOf(': ') + 2))).toEqual([
      "BigInt(series[0]!.replace('.', ''))",
      "series[0]!.replace('.', '')",
      'new Dec(vb).minus(va)',
      'new Dec(vb)',
      'ratioOfPlain(plain)',
      'parseFloat(va)',
      "va.replace(/\\./, '')",
      'new Dec(1).times(plain)',
    ]);
  });

  it('happens nowhere in src/ but in the scenario reader, the money module and the known exceptions', () => {
    const files = sourceFiles(join(ROOT, 'src')).filter((f) => !READERS.some((r) => relative(ROOT, f).startsWith(r)));
    const found = findTextMoney(files);
    const counts = new Map<string, number>();
    for (const f of found) counts.set(f, (counts.get(f) ?? 0) + 1);
    const unexpected = [...counts.keys()].filter((f) => !KNOWN.some((k) => f === `${k.file}: ${k.call}`));
    expect(unexpected).toEqual([]);
    // an exception that no longer occurs (or occurs more often) must leave (or change in) the list
    expect(KNOWN.map((k) => [k.file, k.call, counts.get(`${k.file}: ${k.call}`) ?? 0])).toEqual(KNOWN.map((k) => [k.file, k.call, k.count]));
  }, 60_000);
});
