/**
 * The command line: parses arguments and hands each command its options. Every
 * command is imported only when it runs, so that start-up stays fast. Exit
 * status: 0 success, 1 an invalid scenario or a failed run, 2 a usage error.
 */
import { Command, CommanderError, Option } from 'commander';
import { CliError, ProblemsError, printProblems } from './io.js';

const VERSION = '0.1.0';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

function scenarioOptions(cmd: Command): Command {
  return cmd
    .option('--set <PATH=VALUE>', 'override one value after extends, as in the file (repeatable)', collect, [])
    .option('--out <FILE>', 'write to FILE atomically instead of stdout')
    .option('--force', 'replace --out FILE if it exists');
}

/** Build the program; `exec` runs a lazily imported command and returns its exit status. */
export function buildProgram(exec: (status: Promise<number>) => void): Command {
  const program = new Command('stargate')
    .description('Decimal-exact cash-flow scenarios for vendor-financed AI infrastructure deals')
    .version(VERSION, '-V, --version')
    .option('--debug', 'print stack traces of unexpected errors')
    .option('--quiet', 'print no warnings or ok lines')
    .option('--no-color', 'no colour (NO_COLOR is honoured too)')
    .showHelpAfterError('(run stargate --help for usage)')
    .exitOverride()
    .configureOutput({ outputError: (s, write) => write(s) });

  const global = (): { quiet?: boolean } => program.opts();

  program
    .command('validate')
    .description('check scenario files; prints ok lines or located errors')
    .argument('<FILE...>', 'scenario files')
    .option('--set <PATH=VALUE>', 'override one value (repeatable)', collect, [])
    .action((files: string[], opts: { set: string[] }) =>
      exec(import('./commands/validate.js').then((m) => m.validateCommand(files, { ...opts, quiet: global().quiet }))),
    );

  scenarioOptions(
    program
      .command('model')
      .description('run one scenario: party summary, exposures, cash by period')
      .argument('<FILE>', 'scenario file')
      .addOption(new Option('--format <FORMAT>', 'output format').choices(['table', 'csv', 'json', 'md'])),
  ).action((file: string, opts: Record<string, unknown>) =>
    exec(import('./commands/model.js').then((m) => m.modelCommand(file, { ...opts, quiet: global().quiet }))),
  );

  program
    .command('schema')
    .description('print the JSON Schema of the scenario format')
    .option('--out <FILE>', 'write to FILE atomically instead of stdout')
    .option('--force', 'replace --out FILE if it exists')
    .action((opts: { out?: string; force?: boolean }) => exec(import('./commands/schema.js').then((m) => m.schemaCommand(opts))));

  program
    .command('init')
    .description('write a commented starter scenario (default scenario.yaml; - for stdout)')
    .argument('[FILE]', 'file to write')
    .option('--force', 'replace FILE if it exists')
    .action((file: string | undefined, opts: { force?: boolean }) => exec(import('./commands/init.js').then((m) => m.initCommand(file, opts))));

  return program;
}

function report(e: unknown, debug: boolean): number {
  if (e instanceof ProblemsError) {
    printProblems(e.problems);
    return 1;
  }
  if (e instanceof CliError) {
    process.stderr.write(`stargate: ${e.message}\n`);
    return e.exitCode;
  }
  process.stderr.write(`stargate: internal error: ${(e as Error)?.message ?? String(e)}\n`);
  if (debug) process.stderr.write(`${(e as Error)?.stack ?? ''}\n`);
  else process.stderr.write('(run again with --debug for the stack trace)\n');
  return 1;
}

/** Run the CLI with `argv` (without node and script) and set the exit status. */
export async function main(argv: readonly string[]): Promise<void> {
  let pending: Promise<number> | undefined;
  const program = buildProgram((p) => {
    pending = p;
  });
  const debug = argv.includes('--debug');
  try {
    program.parse(argv as string[], { from: 'user' });
    if (argv.length === 0) {
      program.outputHelp();
      process.exitCode = 2;
      return;
    }
    process.exitCode = pending ? await pending : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      const ok = e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help';
      process.exitCode = ok ? 0 : 2;
      return;
    }
    process.exitCode = report(e, debug);
  }
}
