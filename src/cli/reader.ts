/** The file-system reader the loader is given by the command layer. */
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize } from 'node:path';
import { MAX_FILE_BYTES } from '../scenario/tree.js';
import type { Reader } from '../scenario/load.js';

export const fsReader: Reader = {
  read(file) {
    let fd: number | undefined;
    try {
      const st = statSync(file);
      if (st.isDirectory()) return { error: `cannot read ${file}: it is a directory` };
      // refuse huge files before reading them into memory
      if (st.size > MAX_FILE_BYTES) return { error: tooLarge(`${st.size}`) };
      fd = openSync(file, 'r');
      return readAtMost(fd, MAX_FILE_BYTES) ?? { error: tooLarge(`more than ${MAX_FILE_BYTES}`) };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { error: `cannot read ${file}: no such file` };
      if (code === 'EACCES') return { error: `cannot read ${file}: permission denied` };
      if (code === 'EISDIR') return { error: `cannot read ${file}: it is a directory` };
      return { error: `cannot read ${file}: ${(e as Error).message}` };
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  },
  resolve(from, rel) {
    return isAbsolute(rel) ? normalize(rel) : normalize(join(dirname(from), rel));
  },
};

function tooLarge(size: string): string {
  return `the file is ${size} bytes; a scenario file may be at most ${MAX_FILE_BYTES} bytes`;
}

/**
 * The bytes of an open file, or undefined past `limit` bytes. The size that
 * stat gives is not trusted: a device (/dev/zero), a FIFO or a file in /proc
 * says 0 and may never end, so reading stops one byte past the limit.
 */
function readAtMost(fd: number, limit: number): Uint8Array | undefined {
  const size = fstatSync(fd).size;
  let buf = Buffer.allocUnsafe(Math.min(limit, size) + 1);
  let len = 0;
  for (;;) {
    if (len === buf.length) {
      if (len > limit) return undefined;
      const bigger = Buffer.allocUnsafe(Math.min(limit + 1, buf.length * 2 + 64 * 1024));
      buf.copy(bigger, 0, 0, len);
      buf = bigger;
    }
    const n = readSync(fd, buf, len, buf.length - len, null);
    if (n === 0) return buf.subarray(0, len);
    len += n;
  }
}
