/** `stargate validate FILE...`: an `ok` line per valid file, located errors otherwise. */
import { loadScenario } from '../../scenario/load.js';
import { fsReader } from '../reader.js';
import { printProblems, writeFd } from '../io.js';

export function validateCommand(files: readonly string[], opts: { set?: string[]; quiet?: boolean }): number {
  let status = 0;
  for (const file of files) {
    const loaded = loadScenario(file, fsReader, { sets: opts.set ?? [] });
    if (!opts.quiet) printProblems(loaded.warnings, 'warning');
    if (loaded.ok) {
      if (!opts.quiet) writeFd(1, `ok: ${file}\n`);
    } else {
      printProblems(loaded.problems);
      status = 1;
    }
  }
  return status;
}
