/**
 * The only place that writes: stdout, stderr and output files. Output files are
 * written atomically (a temporary file, then a rename or a link), so that a
 * failed run never leaves a half-written file, and an existing file is only
 * replaced with --force; devices and pipes are written directly (writeFile).
 * A result is text, or the bytes of a binary file (an xlsx workbook), which is
 * never written to a terminal.
 */
import { closeSync, constants, fstatSync, fsyncSync, linkSync, lstatSync, openSync, renameSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { formatProblem, type Problem } from '../scenario/problems.js';

import { CliError } from '../errors.js';

// the commands throw these; they live in src/errors.ts with the others
export { CliError, ProblemsError } from '../errors.js';

/** A command's result: text, or the bytes of a binary file. */
export type Output = string | Uint8Array;

function bytesOf(out: Output): Uint8Array {
  return typeof out === 'string' ? Buffer.from(out, 'utf8') : out;
}

/**
 * Write to stdout (fd 1) or stderr (fd 2) synchronously. Writing the file
 * descriptor directly, rather than through process.stdout, spares every run
 * the set-up of Node's stream objects (several milliseconds at start-up), and
 * the output is complete when the call returns. A reader that has gone away
 * (`stargate ... | head`) ends the program quietly. A stdout that cannot be
 * written (a full disk) is a failed run; a stderr that cannot be written has
 * nowhere left to say so.
 */
export function writeFd(fd: 1 | 2, out: Output): void {
  try {
    writeAll(fd, bytesOf(out));
  } catch (e) {
    if (errorCode(e) === 'EPIPE') process.exit(process.exitCode ?? 0);
    if (fd === 2) return;
    throw new CliError(`cannot write to stdout: ${describeFsError(e)}`);
  }
}

/** Write every byte: one write may take fewer than asked (a disk filling up, a pipe). */
function writeAll(fd: number, bytes: Uint8Array): void {
  let off = 0;
  while (off < bytes.length) {
    let n: number;
    try {
      n = writeSync(fd, bytes, off, bytes.length - off);
    } catch (e) {
      if (errorCode(e) === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5); // a non-blocking pipe is full: wait a little
        continue;
      }
      throw e;
    }
    if (n === 0) throw Object.assign(new Error('no progress'), { code: 'EIO' }); // never loop for ever
    off += n;
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

/** What a binary result on a terminal is told (a usage error). */
export const BINARY_ON_TERMINAL = 'the output is a binary file (an xlsx workbook), which a terminal cannot show: give --out FILE.xlsx, or redirect stdout to a file';

/** Refuse binary output for a terminal: bytes there garble the screen. */
function refuseTerminal(out: Output, fd: number): void {
  if (typeof out === 'string') return;
  const { isatty } = createRequire(import.meta.url)('node:tty') as typeof import('node:tty'); // only for binary output: node:tty loads the network stack
  if (isatty(fd)) throw new CliError(BINARY_ON_TERMINAL, 2);
}

/**
 * Whether a binary result is refused before anything runs: stdout (no --out,
 * or `--out -`) is a terminal. A device named by --out is checked when opened.
 */
export function binaryToTerminal(target: OutTarget): boolean {
  return (target.out === undefined || target.out === '-') && terminal(1).isTTY;
}

/** Write a command's whole result: to stdout, or to --out (see writeFile). */
export function writeResult(out: Output, target: OutTarget): void {
  if (target.out === undefined || target.out === '-') {
    refuseTerminal(out, 1);
    writeFd(1, out);
    return;
  }
  if (target.out === '') throw new CliError('--out needs a file name', 2);
  writeFile(target.out, out, target.force === true);
}


/**
 * Refuse now what writing to --out would refuse at the end (a file there
 * without --force, a directory, a link): for a long run, before it starts.
 */
export function checkOutTarget(target: OutTarget): void {
  if (target.out === undefined || target.out === '-') return;
  if (target.out === '') throw new CliError('--out needs a file name', 2);
  const kind = inspect(target.out);
  if (kind.kind === 'file' && target.force !== true) throw new CliError(`${target.out} exists; use --force to replace it`);
}

/**
 * Only a regular file is ever replaced (with force). A character device, FIFO
 * or socket is written directly, as a shell redirection would (`--out
 * /dev/stdout`, a named pipe); a directory, a block device or a symbolic link
 * to a file is an error, so that --force never swaps a file in for them.
 */
function writeFile(file: string, out: Output, force: boolean): void {
  const target = inspect(file);
  if (target.kind === 'stream') writeStream(file, out, target.socket);
  else if (target.kind === 'fd') {
    refuseTerminal(out, target.fd);
    writeOpen(file, target.fd, out);
  } else if (target.kind === 'file' && !force) throw new CliError(`${file} exists; use --force to replace it`);
  else writeFileAtomic(file, out, force);
}

type Target = { kind: 'absent' | 'file' } | { kind: 'stream'; socket: boolean } | { kind: 'fd'; fd: 1 | 2 };

function inspect(file: string): Target {
  let link: Stats;
  try {
    link = lstatSync(file);
  } catch {
    return { kind: 'absent' }; // creating it says why, if it cannot be
  }
  let st = link;
  if (link.isSymbolicLink()) {
    try {
      st = statSync(file);
    } catch (e) {
      throw new CliError(`cannot write ${file}: ${errorCode(e) === 'ENOENT' ? 'it is a symbolic link to a missing file' : describeFsError(e)}`);
    }
    // /dev/stdout and the like: write where this process's stdout goes (a socket, say, cannot be opened)
    for (const fd of [1, 2] as const) if (sameFile(st, fd)) return { kind: 'fd', fd };
  }
  if (st.isCharacterDevice() || st.isFIFO() || st.isSocket()) return { kind: 'stream', socket: st.isSocket() };
  if (st.isDirectory()) throw new CliError(`cannot write ${file}: it is a directory`);
  if (!st.isFile()) throw new CliError(`cannot write ${file}: it is ${st.isBlockDevice() ? 'a block device' : 'not a regular file'}`);
  if (!link.isSymbolicLink()) return { kind: 'file' };
  // replacing the link would break it, and following it could write where whoever made the link chose
  throw new CliError(`cannot write ${file}: it is a symbolic link; give the name of the file it points to`);
}

function sameFile(st: Stats, fd: number): boolean {
  try {
    const other = fstatSync(fd);
    return other.dev === st.dev && other.ino === st.ino;
  } catch {
    return false; // a closed descriptor
  }
}

/** A device, FIFO or socket: opened as it is (never created, never truncated). */
function writeStream(file: string, out: Output, socket: boolean): void {
  let fd: number;
  try {
    fd = openSync(file, constants.O_WRONLY | constants.O_NOCTTY);
  } catch (e) {
    throw new CliError(`cannot write ${file}: ${socket && errorCode(e) === 'ENXIO' ? 'it is a socket, which cannot be opened as a file' : describeFsError(e)}`);
  }
  try {
    // swapped for a regular file since inspect(): writing it in place would not be atomic
    if (fstatSync(fd).isFile()) throw new CliError(`cannot write ${file}: it was replaced by a file while opening it`);
    refuseTerminal(out, fd);
    writeOpen(file, fd, out);
  } finally {
    try {
      closeSync(fd);
    } catch {
      // everything is written or the error is already on its way
    }
  }
}

function writeOpen(file: string, fd: number, out: Output): void {
  try {
    writeAll(fd, bytesOf(out));
  } catch (e) {
    if (errorCode(e) === 'EPIPE') process.exit(process.exitCode ?? 0); // its reader has gone away, as with stdout
    throw new CliError(`cannot write ${file}: ${describeFsError(e)}`);
  }
}

/**
 * A new or regular file, atomically: a temporary file beside it, then a link
 * (which fails if the file exists: no overwrite, no race) or, with force, a
 * rename over it. A failed write leaves the target as it was.
 */
export function writeFileAtomic(file: string, out: Output, force: boolean): void {
  const { fd, tmp } = createTemporary(file);
  try {
    try {
      writeAll(fd, bytesOf(out));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (force) renameSync(tmp, file);
    else linkSync(tmp, file); // fails if the file exists: no overwrite, no race
  } catch (e) {
    removeQuietly(tmp); // on every failure: a temporary file is never left behind
    if (errorCode(e) === 'EEXIST') throw new CliError(`${file} exists; use --force to replace it`);
    throw new CliError(`cannot write ${file}: ${describeFsError(e)}`);
  }
  if (!force) removeQuietly(tmp);
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
 * Open a result for writing in pieces, by the rules of writeFile: to stdout
 * (or a device, a pipe, /dev/stdout) each piece goes out at once; to a
 * regular file, the pieces go to a temporary file beside it, put in place only
 * by commit(). An existing file without --force is refused before anything is
 * run, and the link at commit still refuses one that appeared meanwhile. The
 * temporary file is removed on any failure, on exit, and on SIGINT, SIGTERM or
 * SIGHUP (which then end the program as they would have).
 */
export function openOutputStream(target: OutTarget): OutputStream {
  if (target.out === '') throw new CliError('--out needs a file name', 2);
  const done = { commit: () => undefined, abort: () => undefined };
  if (!target.out || target.out === '-') return { write: (text) => writeFd(1, text), ...done };
  const file = target.out;
  const force = target.force === true;
  const kind = inspect(file);
  if (kind.kind === 'fd') {
    const fd = kind.fd;
    return { write: (text) => writeFd(fd, text), ...done };
  }
  if (kind.kind === 'stream') return openDevice(file, kind.socket);
  if (kind.kind === 'file' && !force) throw new CliError(`${file} exists; use --force to replace it`);
  const { fd: opened, tmp } = createTemporary(file);
  let fd: number | undefined = opened;
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const release = (): void => {
    for (const s of signals) process.off(s, onSignal);
    process.off('exit', abort);
  };
  function abort(): void {
    release();
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
      fd = undefined;
    }
    removeQuietly(tmp);
  }
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
    write: writePieces(file, () => fd, fail),
    commit() {
      if (fd === undefined) throw new Error(`${file}: committed after commit or abort`);
      try {
        fsyncSync(fd);
        closeSync(fd);
        fd = undefined;
        if (force) renameSync(tmp, file);
        else linkSync(tmp, file); // fails if the file exists: no overwrite, no race
      } catch (e) {
        if (errorCode(e) === 'EEXIST') {
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

/** A device, pipe or socket opened once and written piece by piece. */
function openDevice(file: string, socket: boolean): OutputStream {
  let fd: number | undefined;
  try {
    fd = openSync(file, constants.O_WRONLY | constants.O_NOCTTY);
  } catch (e) {
    throw new CliError(`cannot write ${file}: ${socket && errorCode(e) === 'ENXIO' ? 'it is a socket, which cannot be opened as a file' : describeFsError(e)}`);
  }
  const close = (): void => {
    if (fd === undefined) return;
    try {
      closeSync(fd);
    } catch {
      // everything is written or the error is already on its way
    }
    fd = undefined;
  };
  const fail = (e: unknown): never => {
    close();
    if (errorCode(e) === 'EPIPE') process.exit(process.exitCode ?? 0); // its reader has gone away, as with stdout
    throw new CliError(`cannot write ${file}: ${describeFsError(e)}`);
  };
  return { write: writePieces(file, () => fd, fail), commit: close, abort: close };
}

/** The write() of an output stream: each piece whole to the open descriptor, or `fail` (which throws). */
function writePieces(file: string, fd: () => number | undefined, fail: (e: unknown) => never): (text: string) => void {
  return (text) => {
    const open = fd();
    if (open === undefined) throw new Error(`${file}: written after commit or abort`);
    try {
      writeAll(open, Buffer.from(text, 'utf8'));
    } catch (e) {
      fail(e);
    }
  };
}

/**
 * A new temporary file beside `file`. The name is random, not the PID: PIDs
 * repeat (in containers above all), and a file left by an interrupted run must
 * not block later ones. O_EXCL never opens someone else's file.
 */
function createTemporary(file: string): { fd: number; tmp: string } {
  for (let attempt = 1; ; attempt++) {
    const tmp = join(dirname(file), `.${basename(file)}.stargate-tmp-${randomHex()}`);
    try {
      return { fd: openSync(tmp, 'wx'), tmp };
    } catch (e) {
      if (errorCode(e) !== 'EEXIST') throw new CliError(`cannot write ${file}: ${describeFsError(e)}`);
      if (attempt === 5) throw new CliError(`cannot write ${file}: every temporary name tried beside it is taken`);
    }
  }
}

/**
 * 16 random hex digits. Web Crypto's global, not node:crypto: importing that
 * loads Node's streams at every start, for a name only some runs need.
 */
function randomHex(): string {
  return Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(8))).toString('hex');
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}

function errorCode(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | undefined)?.code;
}

/** Errno codes in plain words, for the one-line message. */
const PLAIN_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'its folder does not exist',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EFBIG: 'the file would be too large',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'a part of its path is not a directory',
  ENAMETOOLONG: 'its name is too long',
  ELOOP: 'too many symbolic links',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  EIO: 'an input/output error',
  ENXIO: 'no device is behind it',
};

function describeFsError(e: unknown): string {
  return PLAIN_ERRORS[errorCode(e) ?? ''] ?? (e as Error).message;
}
