/**
 * The only place that writes: stdout, stderr and output files. Output files are
 * written atomically (a temporary file, then a rename or a link), so that a
 * failed run never leaves a half-written file, and an existing file is only
 * replaced with --force.
 */
import { closeSync, existsSync, fstatSync, fsyncSync, linkSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { formatProblem, type Problem } from '../scenario/problems.js';

/** A failure the user can act on: printed as one line, with the exit status. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: 1 | 2 = 1) {
    super(message);
    this.name = 'CliError';
  }
}

/** A scenario that did not load: its problems are already located. */
export class ProblemsError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(`${problems.length} problem(s)`);
    this.name = 'ProblemsError';
  }
}

/**
 * Write to stdout (fd 1) or stderr (fd 2) synchronously. Writing the file
 * descriptor directly, rather than through process.stdout, spares every run
 * the set-up of Node's stream objects (several milliseconds at start-up), and
 * the output is complete when the call returns. A reader that has gone away
 * (`stargate ... | head`) ends the program quietly.
 */
export function writeFd(fd: 1 | 2, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let off = 0;
  while (off < bytes.length) {
    try {
      off += writeSync(fd, bytes, off, bytes.length - off);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5); // a non-blocking pipe is full: wait a little
        continue;
      }
      if (code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    }
  }
}

/**
 * Whether stdout or stderr is a terminal, and its width. A terminal is a
 * character device, so a file or a pipe is told apart by fstat alone, without
 * creating the stream objects (which loads Node's tty and network modules).
 */
export function terminal(fd: 1 | 2): { isTTY: boolean; columns: number | undefined } {
  let device: boolean;
  try {
    device = fstatSync(fd).isCharacterDevice();
  } catch {
    device = false; // a closed descriptor
  }
  if (!device) return { isTTY: false, columns: undefined };
  const stream = fd === 1 ? process.stdout : process.stderr;
  return stream.isTTY === true ? { isTTY: true, columns: stream.columns } : { isTTY: false, columns: undefined };
}

export function printProblems(problems: readonly Problem[], severity: 'error' | 'warning' = 'error'): void {
  if (problems.length) writeFd(2, problems.map((p) => `${formatProblem(p, severity)}\n`).join(''));
}

export interface OutTarget {
  readonly out?: string | undefined;
  readonly force?: boolean | undefined;
}

/** Write a command's whole result: to stdout, or atomically to --out. */
export function writeResult(text: string, target: OutTarget): void {
  if (!target.out || target.out === '-') {
    writeFd(1, text);
    return;
  }
  writeFileAtomic(target.out, text, target.force === true);
}

export function writeFileAtomic(file: string, text: string, force: boolean): void {
  const tmp = join(dirname(file), `.${basename(file)}.stargate-tmp-${process.pid}`);
  let fd: number;
  try {
    fd = openSync(tmp, 'wx');
  } catch (e) {
    throw new CliError(`cannot write ${file}: ${describeFsError(e)}`);
  }
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    unlinkSync(tmp);
    throw new CliError(`cannot write ${file}: ${describeFsError(e)}`);
  }
  closeSync(fd);
  try {
    if (force) renameSync(tmp, file);
    else linkSync(tmp, file); // fails if the file exists: no overwrite, no race
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new CliError(`${file} exists; use --force to replace it`);
    throw new CliError(`cannot write ${file}: ${describeFsError(e)}`);
  } finally {
    try {
      if (!force) unlinkSync(tmp);
    } catch {
      // already renamed or removed
    }
  }
}

/** A result written piece by piece (simulate's per-run CSV), to stdout or to --out. */
export interface OutputStream {
  write(text: string): void;
  /** The result is complete: put the file in place (an existing one only with --force). */
  commit(): void;
  /** The run failed: remove the temporary file. Safe to call again, or after commit. */
  abort(): void;
}

/**
 * Open a result for writing in pieces. To stdout, each piece goes out at once.
 * To --out, the pieces go to a temporary file beside it, put in place only by
 * commit(), with the rules of writeFileAtomic; an existing file is refused
 * before anything is run, and the link at commit still refuses one that
 * appeared meanwhile. The temporary file is removed on any failure, on exit,
 * and on SIGINT, SIGTERM or SIGHUP (which then end the program as they would have).
 */
export function openOutputStream(target: OutTarget): OutputStream {
  if (!target.out || target.out === '-') return { write: (text) => writeFd(1, text), commit: () => undefined, abort: () => undefined };
  const file = target.out;
  const force = target.force === true;
  if (!force && existsSync(file)) throw new CliError(`${file} exists; use --force to replace it`);
  const tmp = join(dirname(file), `.${basename(file)}.stargate-tmp-${process.pid}`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx');
  } catch (e) {
    throw new CliError(`cannot write ${file}: ${describeFsError(e)}`);
  }
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const release = (): void => {
    for (const s of signals) process.off(s, onSignal);
    process.off('exit', abort);
  };
  const abort = (): void => {
    release();
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
      fd = undefined;
    }
    try {
      unlinkSync(tmp);
    } catch {
      // already renamed or removed
    }
  };
  function onSignal(signal: NodeJS.Signals): void {
    abort();
    process.kill(process.pid, signal); // our handler is gone: the signal now ends the program
  }
  for (const s of signals) process.on(s, onSignal);
  process.on('exit', abort);
  const fail = (e: unknown): never => {
    abort();
    throw new CliError(`cannot write ${file}: ${describeFsError(e)}`);
  };
  return {
    write(text) {
      if (fd === undefined) throw new Error(`${file}: written after commit or abort`);
      const bytes = Buffer.from(text, 'utf8');
      try {
        for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
      } catch (e) {
        fail(e);
      }
    },
    commit() {
      if (fd === undefined) throw new Error(`${file}: committed after commit or abort`);
      try {
        fsyncSync(fd);
        closeSync(fd);
        fd = undefined;
        if (force) renameSync(tmp, file);
        else linkSync(tmp, file); // fails if the file exists: no overwrite, no race
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
          abort();
          throw new CliError(`${file} exists; use --force to replace it`);
        }
        fail(e);
      }
      abort(); // the link is made: drop the temporary name (after a rename there is none)
    },
    abort,
  };
}

function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'its folder does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  return (e as Error).message;
}
