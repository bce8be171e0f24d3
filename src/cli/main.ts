/**
 * The command line: parses arguments and hands each command its options. Every
 * command is imported only when it runs, so that start-up stays fast. Exit
 * status: 0 success, 1 an invalid scenario or a failed run, 2 a usage error.
 */
import { Command, CommanderError, Option } from 'commander';
import { CliError, ProblemsError, printProblems, writeFd } from './io.js';
import { printable } from '../scenario/problems.js';
import { FORMATS, MACHINE_FORMATS } from '../report/renderers.js';
import { WHATS } from '../report/exports.js';

const VERSION = '0.1.0';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

const CHART_HELP = "draw each party's cash by period as a line chart after the tables (table format only)";

/** The options of every command that runs scenarios. */
function scenarioOptions(cmd: Command, formats: readonly string[] = FORMATS): Command {
  return cmd
    .addOption(new Option('--format <FORMAT>', 'output format (default table)').choices([...formats]))
    .option('--set <PATH=VALUE>', 'override one value after extends, as in the file (repeatable)', collect, [])
    .option('--party <ID>', 'only this party and its exposures (repeatable)', collect, [])
    .option('--by <PERIOD>', 'roll period tables up to month, quarter or year')
    .option('--exact', 'print money to the cent instead of compact units')
    .option('--out <FILE>', 'write to FILE atomically instead of stdout')
    .option('--force', 'replace --out FILE if it exists');
}

/** The options of the analysis commands. */
function analysisOptions(cmd: Command, metric = true): Command {
  cmd
    .addOption(new Option('--format <FORMAT>', 'output format (default table)').choices(FORMATS))
    .option('--set <PATH=VALUE>', 'override one value after extends, as in the file (repeatable)', collect, []);
  if (metric) cmd.option('--metric <ADDR>', 'a metric: party.metric or holder->obligor.metric (repeatable)', collect, []);
  return cmd
    .option('--exact', 'print money to the cent instead of compact units')
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
    .configureOutput({ writeOut: (s) => writeFd(1, s), writeErr: (s) => writeFd(2, printable(s, true)), outputError: (s, write) => write(s) })
    // before any command runs, so that the usage error comes before the scenario's own
    .hook('preAction', (_, command) => {
      if (command.opts().out === '') throw new CliError('--out needs a file name', 2);
    });


  program
    .command('validate')
    .description('check scenario files; prints ok lines or located errors')
    .argument('<FILE...>', 'scenario files')
    .option('--set <PATH=VALUE>', 'override one value (repeatable)', collect, [])
    .action((files: string[], opts: { set: string[] }) =>
      exec(import('./commands/validate.js').then((m) => m.validateCommand(files, { ...opts, quiet: program.opts().quiet }))),
    );

  const withGlobals = <T extends object>(opts: T): T & { quiet?: boolean; color?: boolean } => ({ ...opts, quiet: program.opts().quiet, color: program.opts().color });

  scenarioOptions(program.command('model').description('run one scenario: parties, exposures, cash by period').argument('<FILE>', 'scenario file'))
    .option('--metric <ADDR>', 'print just this metric, addressed as for sweep (a series at a period too: openai.cash@2027-Q4) (repeatable)', collect, [])
    .option('--chart', CHART_HELP)
    .action(
    (file: string, opts: object) => exec(import('./commands/model.js').then((m) => m.modelCommand(file, withGlobals(opts)))),
  );

  scenarioOptions(program.command('compare').description('several scenarios side by side, one column each').argument('<FILE...>', 'scenario files (two or more)'))
    .option('--chart', "draw each party's cash by period, the scenarios overlaid, after the tables (table format only)")
    .action(
    (files: string[], opts: object) =>
      exec(
        files.length < 2
          ? Promise.reject(new CliError('compare needs at least two scenario files', 2))
          : import('./commands/compare.js').then((m) => m.compareCommand(files, withGlobals(opts))),
      ),
  );

  scenarioOptions(program.command('diff').description('what changed between two scenarios: inputs, metrics, cash by period').argument('<A>', 'first scenario').argument('<B>', 'second scenario'))
    .option('--set-a <PATH=VALUE>', 'override one value of A only, after --set (repeatable)', collect, [])
    .option('--set-b <PATH=VALUE>', 'override one value of B only, after --set (repeatable)', collect, [])
    .action(
    (a: string, b: string, opts: object) => exec(import('./commands/diff.js').then((m) => m.diffCommand(a, b, withGlobals(opts)))),
  );

  scenarioOptions(program.command('stress').description('the scenario as written against the same with defaults added: impact by holder, write-offs, metric diff').argument('<FILE>', 'scenario file'))
    .option('--default <PARTY@PERIOD>', 'PARTY defaults at the start of PERIOD (repeatable; at least one)', collect, [])
    .option('--recovery <R>', "the recovery rate of each party named by --default, in every period (40% or 0.4), instead of its recovery_rate")
    .action((file: string, opts: object) => exec(import('./commands/stress.js').then((m) => m.stressCommand(file, withGlobals(opts)))));

  scenarioOptions(program.command('export').description('the ledger, the period table or the summary as CSV (default) or JSON; every table as an xlsx workbook').argument('<FILE>', 'scenario file'), MACHINE_FORMATS)
    .addOption(new Option('--what <WHAT>', 'what to export (default ledger; not with xlsx, which holds every table)').choices(WHATS))
    .action((file: string, opts: object) => exec(import('./commands/export.js').then((m) => m.exportCommand(file, withGlobals(opts)))));

  analysisOptions(program.command('sweep').description('the metrics for each value of one input, or a grid of two').argument('<FILE>', 'scenario file'))
    .option('--vary <PATH=VALUES>', 'PATH=V1,V2,... or PATH=LO..HI:STEPS (once, or twice for a grid)', collect, [])
    .action((file: string, opts: object) => exec(import('./commands/sweep.js').then((m) => m.sweepCommand(file, withGlobals(opts)))));

  analysisOptions(program.command('tornado').description('each input alone at its low and high, ranked by the swing of one metric').argument('<FILE>', 'scenario file'))
    .option('--vary <PATH=LOW,HIGH>', 'an input and its low and high (repeatable); default: the uncertain block', collect, [])
    .action((file: string, opts: object) => exec(import('./commands/tornado.js').then((m) => m.tornadoCommand(file, withGlobals(opts)))));

  analysisOptions(program.command('solve').description('goal seek: the input value that brings a metric to a target').argument('<FILE>', 'scenario file'), false)
    .option('--vary <PATH>', 'the input to find', collect, [])
    .option('--between <LO_HI...>', 'the range to search: LO HI')
    .option('--target <ADDR=VALUE>', 'the metric and the value it should reach')
    .action((file: string, opts: object) => exec(import('./commands/solve.js').then((m) => m.solveCommand(file, withGlobals(opts)))));

  analysisOptions(program.command('simulate').description('Monte Carlo over the uncertain block: percentiles and the odds of running out of cash').argument('<FILE>', 'scenario file'))
    .option('--runs <N>', 'number of runs (default 1000)')
    .option('--seed <S>', 'seed of the random streams (default 1); the same seed gives the same numbers')
    .option('--workers <N>', 'worker threads (default: one per core for long runs)')
    .addOption(new Option('--what <WHAT>', 'what --format csv writes: every run (default), or the percentiles of each party\'s cash by period').choices(['runs', 'cash']))
    .option('--chart', "draw P5, P50 and P95 of each party's cash by period after the tables (table format only)")
    .action((file: string, opts: object) => exec(import('./commands/simulate.js').then((m) => m.simulateCommand(file, withGlobals(opts)))));

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
    writeFd(2, `stargate: ${printable(e.message, true)}\n`);
    return e.exitCode;
  }
  writeFd(2, `stargate: internal error: ${printable((e as Error)?.message ?? String(e), true)}\n`);
  writeFd(2, debug ? `${(e as Error)?.stack ?? ''}\n` : '(run again with --debug for the stack trace)\n');
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
    process.exitCode = pending ? await pending : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      const ok = e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help';
      // the help shown for no command at all comes with exit code 1 from commander: a usage error
      process.exitCode = ok && e.exitCode === 0 ? 0 : 2;
      return;
    }
    process.exitCode = report(e, debug);
  }
}
