// The command-line contract: commands, exit status, stdout/stderr separation.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, ROOT, cli } from './helpers.js';

const examples = ['amortizing-loan', 'equity-basic', 'progressive-equity', 'vendor-financing'].map((n) => join(EXAMPLES, `${n}.yaml`));

describe('validate', () => {
  it('prints ok for each valid file', () => {
    const r = cli(['validate', ...examples]);
    expect(r.stdout).toBe(examples.map((f) => `ok: ${f}\n`).join(''));
    expect([r.status, r.stderr]).toEqual([0, '']);
  });

  it('exits 1 when any file is invalid, with the errors on stderr only', () => {
    const r = cli(['validate', examples[0]!, 'test/errors/typo-key.yaml']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(`ok: ${examples[0]}\n`);
    expect(r.stderr).toBe(readFileSync(join(ROOT, 'test/errors/typo-key.err'), 'utf8'));
  });

  it('reports a missing file without a stack trace', () => {
    const r = cli(['validate', 'nope.yaml']);
    expect([r.status, r.stdout, r.stderr]).toEqual([1, '', 'nope.yaml:1:1: cannot read nope.yaml: no such file\n']);
  });

  it('applies --set before checking', () => {
    const r = cli(['validate', examples[1]!, '--set', 'parties.lab.cash=lots']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('--set:1:18: parties.lab.cash: expected an amount such as 14B, "$1,250.50", -3.5M or 100_000, got "lots"\n');
  });
});

describe('usage', () => {
  it('exits 2 on an unknown command, an unknown option, or a missing file argument', () => {
    for (const args of [['frobnicate'], ['validate'], ['model', 'x.yaml', '--bogus'], ['model']]) {
      const r = cli(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^error: /);
    }
  });

  it('refuses --by where there is no period table to roll up (export of the ledger or the summary)', () => {
    for (const what of ['ledger', 'summary']) {
      const r = cli(['export', 'scenarios/circular-100b.yaml', '--what', what, '--by', 'year']);
      expect(r).toEqual({ status: 2, stdout: '', stderr: `stargate: --by rolls up the period table; --what ${what} has none (use --what periods)\n` });
    }
  });

  it('prints the help on stderr with exit 2 when given no arguments', () => {
    const r = cli([]);
    expect([r.status, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe(cli(['--help']).stdout);
  });

  it('prints help and version with exit 0', () => {
    expect(cli(['--version'])).toMatchObject({ status: 0, stdout: '0.1.0\n' });
    const help = cli(['--help']);
    expect(help.status).toBe(0);
    for (const c of ['validate', 'model', 'schema', 'init']) expect(help.stdout).toContain(c);
  });

  it('fails a bad scenario with exit 1 and nothing on stdout', () => {
    const r = cli(['model', 'test/errors/unknown-party.yaml', '--format', 'json']);
    expect([r.status, r.stdout]).toEqual([1, '']);
    expect(r.stderr).toBe(readFileSync(join(ROOT, 'test/errors/unknown-party.err'), 'utf8'));
  });
});

describe('schema', () => {
  it('prints the committed JSON Schema', () => {
    const r = cli(['schema']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(ROOT, 'schema', 'scenario.schema.json'), 'utf8'));
    const s = JSON.parse(r.stdout);
    expect(s.required).toEqual(['stargate', 'name', 'timeline', 'parties']);
    expect(s.additionalProperties).toBe(false);
    expect(Object.keys(s.properties)).toContain('deals');
  });
});

describe('init', () => {
  it('writes a starter that validates and models, and never overwrites without --force', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stargate-init-'));
    const file = join(dir, 'deal.yaml');
    expect(cli(['init', file]).status).toBe(0);
    expect(cli(['validate', file])).toMatchObject({ status: 0, stdout: `ok: ${file}\n`, stderr: '' });
    expect(cli(['model', file, '--format', 'json']).status).toBe(0);
    writeFileSync(file, 'mine');
    const again = cli(['init', file]);
    expect([again.status, again.stderr]).toEqual([1, `stargate: ${file} exists; use --force to replace it\n`]);
    expect(readFileSync(file, 'utf8')).toBe('mine');
    expect(cli(['init', file, '--force']).status).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('stargate: 1');
    expect(readdirSync(dir)).toEqual(['deal.yaml']); // no temporary file left
  });

  it('prints the starter with - as the file', () => {
    const r = cli(['init', '-']);
    expect(r.stdout).toMatch(/^# A stargate scenario/);
  });
});

describe('start-up', () => {
  // a copy of bin/ and dist/bin/ beside the scenarios, where the cache can be spoiled or removed
  const copy = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'stargate-start-'));
    cpSync(join(ROOT, 'bin'), join(dir, 'bin'), { recursive: true });
    cpSync(join(ROOT, 'dist', 'bin'), join(dir, 'dist', 'bin'), { recursive: true });
    return dir;
  };
  const modelAt = (dir: string) => spawnSync(process.execPath, [join(dir, 'bin', 'stargate.js'), 'model', 'scenarios/circular-100b.yaml'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const expected = readFileSync(join(ROOT, 'test', 'golden', 'model-circular.txt'), 'utf8');

  it('runs the same with a code cache V8 rejects, or with none', () => {
    const dir = copy();
    const cache = join(dir, 'dist', 'bin', 'stargate.cjs.cache');
    writeFileSync(cache, Buffer.from('not a V8 code cache, as from another Node version'));
    const spoiled = modelAt(dir);
    expect([spoiled.status, spoiled.stderr, spoiled.stdout]).toEqual([0, '', expected]);
    rmSync(cache);
    const none = modelAt(dir);
    expect([none.status, none.stderr, none.stdout]).toEqual([0, '', expected]);
  });

  it('says how to build when the compiled CLI is missing', () => {
    const dir = copy();
    rmSync(join(dir, 'dist'), { recursive: true });
    const r = modelAt(dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^stargate: the compiled CLI is missing \(.*stargate\.cjs\); run npm run build \(npm ci does it\)\n$/);
  });
});
