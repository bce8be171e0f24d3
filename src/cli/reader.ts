/** The file-system reader the loader is given by the command layer. */
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize } from 'node:path';
import { MAX_FILE_BYTES } from '../scenario/tree.js';
import type { Reader } from '../scenario/load.js';

export const fsReader: Reader = {
  read(file) {
    try {
      const st = statSync(file);
      if (st.isDirectory()) return { error: `cannot read ${file}: it is a directory` };
      // refuse huge files before reading them into memory
      if (st.size > MAX_FILE_BYTES) return { error: `the file is ${st.size} bytes; a scenario file may be at most ${MAX_FILE_BYTES} bytes` };
      return readFileSync(file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { error: `cannot read ${file}: no such file` };
      if (code === 'EACCES') return { error: `cannot read ${file}: permission denied` };
      return { error: `cannot read ${file}: ${(e as Error).message}` };
    }
  },
  resolve(from, rel) {
    return isAbsolute(rel) ? normalize(rel) : normalize(join(dirname(from), rel));
  },
};
