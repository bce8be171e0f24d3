/** `stargate stress FILE --default PARTY@PERIOD`: the scenario as written against the scenario with those defaults. */
import { analyseOne, groupsFor, parseFormat, resolveBy, resolveParties, type CommonOptions } from '../common.js';
import { CliError, printProblems } from '../io.js';
import { addDefaults } from '../../scenario/add-defaults.js';
import { parseDefaultOption, parseRecoveryOption, splitDefaultOption, type DefaultOption } from '../../scenario/stress-options.js';
import { defaultImpact } from '../../metrics/impact.js';
import { modelResult } from '../../metrics/result.js';
import { RENDERERS } from '../../report/renderers.js';
import { stressInputs, stressReport, type RecoveryOverride } from '../../report/stress.js';
import { writeReport } from './render.js';

export interface StressOptions extends CommonOptions {
  default?: string[];
  recovery?: string;
}

/** Run the scenario as written (A) and with the --default options added (B); write the stress report. */
export async function stressCommand(file: string, opts: StressOptions): Promise<number> {
  const format = parseFormat(opts.format);
  const texts = opts.default ?? [];
  // the options' own syntax first: a usage error comes before the scenario's problems
  if (texts.length === 0) throw new CliError('stress needs at least one --default PARTY@PERIOD, such as --default openai@2028-Q1', 2);
  for (const t of texts) {
    const s = splitDefaultOption(t);
    if (!s.ok) throw new CliError(s.message, 2);
  }
  const rate = opts.recovery === undefined ? null : parseRecoveryOption(opts.recovery);
  if (rate && !rate.ok) throw new CliError(rate.message, 2);

  const quiet = opts.quiet === true;
  const written = analyseOne(file, opts.set ?? [], quiet);
  const a = written.result;
  const options: DefaultOption[] = texts.map((t, i) => {
    const o = parseDefaultOption(t, i + 1, a.model);
    if (!o.ok) throw new CliError(o.message, 2);
    return o.value;
  });
  const stressed = addDefaults(a.model, options, rate ? rate.value : null);
  if (!quiet) printProblems(stressed.warnings, 'warning');
  const b = modelResult(stressed.model);

  const recovery: RecoveryOverride | null = rate ? { rate: rate.value, text: opts.recovery as string, parties: [...new Set(options.map((o) => o.party))].sort((x, y) => x - y) } : null;
  const parties = resolveParties(opts.party, [a]);
  // as diff: --by rolls up the cash table, which only the tables have
  let by;
  if (!RENDERERS[format].machine) {
    by = resolveBy(opts.by, a).by;
    groupsFor(a, by);
  }
  const report = stressReport({
    a, b, applied: stressed.applied, recovery, impact: defaultImpact(a, b),
    inputs: stressInputs(written.tree, a, b, recovery), by, parties,
  });
  await writeReport(report, format, opts);
  return 0;
}
