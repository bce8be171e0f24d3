// The writing primitives of src/cli/io.ts, in process: temporary names that
// another run (or a leftover of one) cannot block.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CliError, writeFileAtomic } from '../src/cli/io.js';

// the random bytes of temporary names: these first (to make names collide), then real random bytes
const queued: Buffer[] = [];
const real = globalThis.crypto.getRandomValues.bind(globalThis.crypto);
vi.spyOn(globalThis.crypto, 'getRandomValues').mockImplementation(<T extends ArrayBufferView | null>(a: T): T => {
  const next = queued.shift();
  if (next && a) new Uint8Array(a.buffer, a.byteOffset, a.byteLength).set(next.subarray(0, a.byteLength));
  else real(a as Uint8Array);
  return a;
});

describe('temporary files', () => {
  it('are not blocked by one left over from an interrupted run with the same PID', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stargate-io-'));
    const left = `.x.csv.stargate-tmp-${process.pid}`;
    writeFileSync(join(dir, left), 'half');
    writeFileAtomic(join(dir, 'x.csv'), 'data', false);
    expect(readFileSync(join(dir, 'x.csv'), 'utf8')).toBe('data');
    // another run's file is not ours to remove
    expect(readdirSync(dir).sort()).toEqual([left, 'x.csv']);
  });

  it('take another random name when one is taken, and give up after a few', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stargate-io-'));
    const same = Buffer.alloc(8, 0xab);
    const left = `.x.csv.stargate-tmp-${same.toString('hex')}`;
    writeFileSync(join(dir, left), 'half');
    queued.push(same);
    writeFileAtomic(join(dir, 'x.csv'), 'data', false);
    expect(queued).toEqual([]);
    expect(readFileSync(join(dir, 'x.csv'), 'utf8')).toBe('data');
    expect(readdirSync(dir).sort()).toEqual([left, 'x.csv']);

    queued.push(...Array<Buffer>(20).fill(same));
    const y = join(dir, 'y.csv');
    writeFileSync(join(dir, `.y.csv.stargate-tmp-${same.toString('hex')}`), 'half');
    expect(() => writeFileAtomic(y, 'data', false)).toThrow(new CliError(`cannot write ${y}: every temporary name tried beside it is taken`));
    queued.length = 0;
    expect(readdirSync(dir).sort()).toEqual([left, `.y.csv.stargate-tmp-${same.toString('hex')}`, 'x.csv']);
  });
});
