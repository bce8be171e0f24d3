/** Shared pieces of the commands: loading a scenario for a command, output formats. */
import { loadScenario } from '../scenario/load.js';
import type { Model } from '../scenario/compile.js';
import { fsReader } from './reader.js';
import { CliError, printProblems, ProblemsError } from './io.js';

export const FORMATS = ['table', 'csv', 'json', 'md'] as const;
export type Format = (typeof FORMATS)[number];

export interface GlobalOptions {
  readonly debug?: boolean;
  readonly quiet?: boolean;
  readonly color?: boolean;
}

/** Load and check a scenario; warnings go to stderr unless --quiet; problems throw. */
export function loadForCommand(file: string, sets: readonly string[], quiet: boolean): Model {
  const loaded = loadScenario(file, fsReader, { sets });
  if (!quiet) printProblems(loaded.warnings, 'warning');
  if (!loaded.ok) throw new ProblemsError(loaded.problems);
  return loaded.value;
}

export function parseFormat(value: string | undefined, allowed: readonly Format[] = FORMATS): Format {
  const f = value ?? 'table';
  if (!(allowed as readonly string[]).includes(f)) throw new CliError(`--format must be one of ${allowed.join(', ')}; got "${f}"`, 2);
  return f as Format;
}
